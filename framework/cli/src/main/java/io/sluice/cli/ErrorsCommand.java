package io.sluice.cli;

import io.sluice.catalog.Catalog;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.run.ErrorReplay;
import io.sluice.framework.spark.SparkSessions;
import io.sluice.metadata.Project;
import io.sluice.metadata.ProjectConfig;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice errors …}: work on the error (quarantine) zone. */
@Command(name = "errors", description = "Work on rejected rows in the error zone.",
        subcommands = {ErrorsCommand.Replay.class})
final class ErrorsCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code sluice errors replay --source S --dataset D [--run R]}. */
    @Command(name = "replay", description = "Validate error rows again with the current descriptor; rows that now "
            + "pass move to the valid zone exactly once and leave the error zone.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        ProjectOptions options;

        @Option(names = "--source", required = true, paramLabel = "SOURCE", description = "The dataset's source.")
        String source;

        @Option(names = "--dataset", required = true, paramLabel = "DATASET", description = "The dataset to replay.")
        String dataset;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "Only the error rows of this run (default: all runs).")
        String run;

        @Option(names = "--report", paramLabel = "FILE|-", description = "Also write the JSON report here ('-' for standard output).")
        String report;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ProjectConfig config = options.config();
            Project project = ValidateCommand.load(config);
            SparkSession spark = SparkSessions.create("sluice errors replay " + source + "." + dataset,
                    config.sparkMaster(), config.sparkConf());
            try (Catalog catalog = CatalogAccess.open(config)) {
                RunReport result = new ErrorReplay(RunCommand.sluice(config, spark, catalog))
                        .replay(project, source, dataset, Optional.ofNullable(run));
                RunCommand.emit(result, report, spec.commandLine().getOut());
                return result.exitCode();
            } finally {
                spark.stop();
            }
        }
    }
}
