package io.sluice.cli;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.Connectors;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.metadata.Problem;
import io.sluice.metadata.Project;
import io.sluice.metadata.ProjectConfig;
import io.sluice.metadata.SourceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice validate [DIR]}: checks every descriptor, including the connector-specific blocks. */
@Command(name = "validate", description = "Check the descriptors: exit 0 when valid, 2 with every problem listed.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions options;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Descriptor folder (default: the project's).")
    Path dir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProjectConfig config = options.config();
        Path descriptors = dir == null ? config.descriptors() : dir.toAbsolutePath().normalize();
        Project project = load(config.projectDir(), descriptors);
        spec.commandLine().getOut().printf("%d source(s), %d dataset(s), %d refined dataset(s): valid%n",
                project.sources().size(), project.datasets().size(), project.refined().size());
        return ExitCodes.SUCCESS;
    }

    /** The project's descriptors, checked as {@link #load(Path, Path)} does. */
    static Project load(ProjectConfig config) {
        return load(config.projectDir(), config.descriptors());
    }

    /**
     * Loads the descriptors and binds every connector block, reporting all problems at once. References are not
     * resolved here (validation runs where the production secrets are not), only checked for their syntax.
     */
    static Project load(Path projectDir, Path descriptors) {
        Project project = DescriptorLoader.load(projectDir, descriptors);
        Connectors connectors = Connectors.discover(ValidateCommand.class.getClassLoader());
        ConnectorContext context = new ConnectorContext(projectDir, name -> "${env:" + name + "}");
        List<Problem> problems = new ArrayList<>();
        for (SourceSpec source : project.sources()) {
            if (!connectors.types().contains(source.connector())) {
                problems.add(source.origin().problem("/connector", "unknown connector '" + source.connector()
                        + "' (expected one of: " + String.join(", ", connectors.types()) + ")"));
                continue;
            }
            SourceConnectorFactory factory = connectors.factory(source.connector());
            SourceConnector connector;
            try {
                connector = factory.create(source, context);
            } catch (DescriptorException e) {
                problems.addAll(e.problems());
                continue;
            }
            for (DatasetSpec dataset : project.datasetsOf(source.name())) {
                try {
                    connector.check(dataset);
                } catch (DescriptorException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        return project;
    }
}
