package io.sluice.cli;

import io.sluice.framework.plan.Plan;
import io.sluice.connector.ExtractMode;
import io.sluice.metadata.Project;
import io.sluice.metadata.ProjectConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code sluice plan --source S}: what a run would do, in order, without doing it. */
@Command(name = "plan", description = "Show what 'sluice run' would do for a source, in order.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions options;

    @Mixin
    SourceOptions target;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProjectConfig config = options.config();
        Project project = ValidateCommand.load(config);
        Plan plan = Plan.of(project, target.request(ExtractMode.INCREMENTAL));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Plan for source %s (connector %s), lake %s%n", plan.source().name(), plan.source().connector(),
                config.lake());
        plan.describe().forEach(out::println);
        return ExitCodes.SUCCESS;
    }
}
