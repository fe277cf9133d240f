package io.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sluice.catalog.Catalog;
import io.sluice.framework.land.RunRecord;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.run.RunRecovery;
import io.sluice.framework.spark.SparkSessions;
import io.sluice.metadata.Project;
import io.sluice.metadata.ProjectConfig;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice runs …}: the landed runs of a dataset, their states, retrying or setting one aside. */
@Command(name = "runs", description = "List the landed runs of a dataset, retry a failed or refused one, or set one aside.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Retry.class, RunsCommand.Discard.class})
final class RunsCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every {@code runs} subcommand names. */
    static final class Target {
        @Option(names = "--source", required = true, paramLabel = "SOURCE", description = "The dataset's source.")
        String source;

        @Option(names = "--dataset", required = true, paramLabel = "DATASET", description = "The dataset.")
        String dataset;
    }

    /** Opens Spark (the lake's storage settings live in its Hadoop configuration) and the catalog, runs, closes. */
    static <T> T withRecovery(ProjectConfig config, String what, Function<RunRecovery, T> work) {
        SparkSession spark = SparkSessions.create("sluice runs " + what, config.sparkMaster(), config.sparkConf());
        try (Catalog catalog = CatalogAccess.open(config)) {
            return work.apply(new RunRecovery(RunCommand.sluice(config, spark, catalog)));
        } finally {
            spark.stop();
        }
    }

    /** {@code sluice runs list --source S --dataset D [--json]}. */
    @Command(name = "list", description = "Each landed run of the dataset, newest first: run id, date, state, files, "
            + "records, attempts, reason.")
    static final class ListRuns implements Callable<Integer> {
        @Mixin
        ProjectOptions options;

        @Mixin
        Target target;

        @Option(names = "--json", description = "Print the runs as a JSON array.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ProjectConfig config = options.config();
            Project project = ValidateCommand.load(config);
            List<RunRecord> runs = withRecovery(config, "list", r -> r.list(project, target.source, target.dataset));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JSON.writeValueAsString(runs.stream().map(Row::of).toList()));
            } else {
                print(runs, out);
            }
            out.flush();
            return ExitCodes.SUCCESS;
        }
    }

    /** {@code sluice runs retry --source S --dataset D --run R}. */
    @Command(name = "retry", description = "Publish one failed or refused run now with the current descriptor "
            + "(counted again first when the connector can); exits like `sluice run`.")
    static final class Retry implements Callable<Integer> {
        @Mixin
        ProjectOptions options;

        @Mixin
        Target target;

        @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run to retry (see `sluice runs list`).")
        String run;

        @Option(names = "--report", paramLabel = "FILE|-", description = "Also write the JSON report here ('-' for standard output).")
        String report;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ProjectConfig config = options.config();
            Project project = ValidateCommand.load(config);
            RunReport result = withRecovery(config, "retry", r -> r.retry(project, target.source, target.dataset, run));
            RunCommand.emit(result, report, spec.commandLine().getOut());
            return result.exitCode();
        }
    }

    /** {@code sluice runs discard --source S --dataset D --run R [--reason TEXT]}. */
    @Command(name = "discard", description = "Set a run aside: it stays in the raw zone, its state becomes discarded "
            + "(who, when, why) and later runs no longer retry it.")
    static final class Discard implements Callable<Integer> {
        @Mixin
        ProjectOptions options;

        @Mixin
        Target target;

        @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run to set aside.")
        String run;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded with the run).")
        String reason;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ProjectConfig config = options.config();
            Project project = ValidateCommand.load(config);
            String by = System.getProperty("user.name", "unknown");
            String why = reason == null || reason.isBlank() ? "discarded by command, no reason given" : reason.strip();
            RunRecord discarded = withRecovery(config, "discard",
                    r -> r.discard(project, target.source, target.dataset, run, why, by));
            PrintWriter out = spec.commandLine().getOut();
            out.println("run " + discarded.runId() + " of " + target.source + "." + target.dataset + " is discarded ("
                    + discarded.by().orElse(by) + ": " + discarded.reason().orElse(why) + "); its files stay in "
                    + discarded.folder());
            out.flush();
            return ExitCodes.SUCCESS;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One run as {@code --json} prints it. */
    record Row(String runId, LocalDate runDate, Instant landedAt, String state, int files, long records, int attempts,
               Optional<String> reason, Optional<String> category, Optional<Instant> since, Optional<String> by) {
        static Row of(RunRecord r) {
            return new Row(r.runId(), r.manifest().runDate(), r.manifest().landedAt(),
                    r.state().name().toLowerCase(java.util.Locale.ROOT), r.manifest().files().size(),
                    r.manifest().records(), r.attempts(), r.reason(), r.category().map(Enum::name), r.since(), r.by());
        }
    }

    static void print(List<RunRecord> runs, PrintWriter out) {
        if (runs.isEmpty()) {
            out.println("no landed run");
            return;
        }
        out.printf("%-24s %-10s %-10s %5s %10s %8s  %s%n", "RUN", "DATE", "STATE", "FILES", "RECORDS", "ATTEMPTS",
                "REASON");
        for (RunRecord r : runs) {
            Row row = Row.of(r);
            String reason = row.reason().map(t -> t.replace('\n', ' ')).orElse("")
                    + row.by().map(b -> " (by " + b + ")").orElse("");
            out.printf("%-24s %-10s %-10s %5d %10d %8d  %s%n", row.runId(), row.runDate(), row.state(), row.files(),
                    row.records(), row.attempts(), reason.strip());
        }
    }
}
