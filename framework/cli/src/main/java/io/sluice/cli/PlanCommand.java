package io.sluice.cli;

import io.sluice.framework.plan.Plan;
import io.sluice.framework.run.RunRequest;
import io.sluice.metadata.Project;
import io.sluice.metadata.ProjectConfig;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice plan --source S}: what a run would do, in order, without doing it. */
@Command(name = "plan", description = "Show what 'sluice run' would do for a source, in order.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions options;

    @Option(names = "--source", required = true, paramLabel = "SOURCE", description = "Source to plan.")
    String source;

    @Option(names = "--dataset", paramLabel = "DATASET", description = "Only this dataset of the source.")
    String dataset;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProjectConfig config = options.config();
        Project project = ValidateCommand.load(config.projectDir(), config.descriptors());
        Plan plan = Plan.of(project, new RunRequest(source, Optional.ofNullable(dataset), LocalDate.now()));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Plan for source %s (connector %s), lake %s%n", plan.source().name(), plan.source().connector(),
                config.lake());
        plan.describe().forEach(out::println);
        return ExitCodes.SUCCESS;
    }
}
