package io.sluice.cli;

import io.sluice.catalog.Catalog;
import io.sluice.connector.Connectors;
import io.sluice.connector.ExtractMode;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.plan.RunRequest;
import io.sluice.framework.register.CatalogRegistrar;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.run.Sluice;
import io.sluice.framework.run.SourceRunner;
import io.sluice.framework.spark.SparkSessions;
import io.sluice.metadata.Project;
import io.sluice.metadata.ProjectConfig;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice run --source S}: lands, validates and publishes a source, then builds what depends on it. */
@Command(name = "run", description = "Run one source: land, validate, publish, refine; print a summary and write a JSON report.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions options;

    @Mixin
    SourceOptions target;

    @Option(names = "--full", description = "Re-extract everything from incremental (JDBC) sources, ignoring the watermark.")
    boolean full;

    @Option(names = "--wait", paramLabel = "DURATION", arity = "0..1", fallbackValue = "PT1H",
            description = "When another process runs the same source, wait for it (ISO-8601 duration, default PT1H) "
                    + "instead of exiting 6 at once.")
    java.time.Duration wait;

    @Option(names = "--report", paramLabel = "FILE|-", description = "Also write the JSON run report here ('-' for standard output).")
    String report;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProjectConfig config = options.config();
        Project project = ValidateCommand.load(config);
        RunRequest request = target.request(full ? ExtractMode.FULL : ExtractMode.INCREMENTAL,
                java.util.Optional.ofNullable(wait));
        SparkSession spark = SparkSessions.create("sluice run " + request.source(), config.sparkMaster(), config.sparkConf());
        try (Catalog catalog = CatalogAccess.open(config)) {
            RunReport result = new SourceRunner(sluice(config, spark, catalog)).run(project, request);
            emit(result, report, spec.commandLine().getOut());
            return result.exitCode();
        } finally {
            spark.stop();
        }
    }

    /** Prints the summary (or, with {@code --report -}, the JSON report) and writes {@code --report FILE}. */
    static void emit(RunReport result, String report, PrintWriter out) {
        if ("-".equals(report)) {
            out.println(SourceRunner.toJson(result));
        } else {
            Summary.print(result, out);
            if (report != null) {
                write(Path.of(report), SourceRunner.toJson(result));
            }
        }
    }

    /** The run-time wiring every data command shares: lake, connectors, environment, clock, catalog. */
    static Sluice sluice(ProjectConfig config, SparkSession spark, Catalog catalog) {
        return new Sluice(spark, config.projectDir(), new LakeLayout(config.lake()),
                Connectors.discover(RunCommand.class.getClassLoader()), System::getenv,
                Clock.systemUTC(), new CatalogRegistrar(catalog, spark, config.projectDir()), ProjectOptions.storages(config));
    }

    static void write(Path file, String json) {
        try {
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SluiceException(StandardErrorCode.REPORT_UNWRITABLE, "could not write the report " + file + ": "
                    + e.getMessage() + " (the run itself is done and its report is in the lake's _sluice/reports;"
                    + " give --report a writable file)", e);
        }
    }
}
