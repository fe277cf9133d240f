package io.sluice.cli;

import io.sluice.framework.schedule.ScheduleExport;
import io.sluice.metadata.Project;
import io.sluice.metadata.ProjectConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice schedule export --format airflow|adf}: scheduler definitions from the descriptors. */
@Command(name = "schedule", description = "Generate scheduler definitions.", subcommands = ScheduleCommand.Export.class)
final class ScheduleCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Output format of {@code schedule export}. */
    enum Format { airflow, adf }

    @Command(name = "export", description = "Print an Airflow DAG or an Azure Data Factory pipeline: one task per source.")
    static final class Export implements Callable<Integer> {
        @Mixin
        ProjectOptions options;
        @Option(names = "--format", required = true, description = "airflow | adf")
        Format format;
        @Option(names = "--name", defaultValue = "sluice_lake", description = "DAG id / pipeline name (default ${DEFAULT-VALUE}).")
        String name;
        @Option(names = "--schedule", defaultValue = "@daily", description = "Airflow schedule (default ${DEFAULT-VALUE}).")
        String schedule;
        @Option(names = "--command", defaultValue = "sluice", description = "How workers invoke sluice, e.g. '/opt/sluice/bin/sluice --project /opt/lake'.")
        String command;
        @Option(names = "--batch-linked-service", defaultValue = "AzureBatch", description = "ADF linked service running the command.")
        String linkedService;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ProjectConfig config = options.config();
            Project project = ValidateCommand.load(config);
            ScheduleExport export = new ScheduleExport(project, command);
            spec.commandLine().getOut().print(format == Format.airflow ? export.airflow(name, schedule)
                    : export.adf(name, linkedService) + System.lineSeparator());
            return ExitCodes.SUCCESS;
        }
    }
}
