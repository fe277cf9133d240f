package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.framework.run.SparkSessions;
import io.sluice.it.KillSchedule.Kill;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills {@code sluice run} with SIGKILL at a seeded random schedule of points spread over land, validate, the
 * error and valid writes, the commit marker, refine, register and the report, reruns after each kill, and checks
 * that the lake ends exactly where an uninterrupted run of the same deliveries ends: the same rows in every zone
 * table (no duplicate, no gap), the same raw runs and watermarks, the same catalog, and nothing half-written.
 *
 * <p>Two steps (run dates), each a delivery: the example as shipped, then a next day with new vehicles, a
 * changed store (merged on the key) and more web events. {@code -Dsluice.crash.seed=N} replays another schedule.
 */
class CrashSafetyIT {
    private static final Logger LOG = LoggerFactory.getLogger(CrashSafetyIT.class);
    private static final long DEFAULT_SEED = 20261123L;
    private static final List<String> RUN_DATES = List.of("2026-11-22", "2026-11-23");
    private static final List<Consumer<Path>> DELIVERIES = List.of(project -> { }, ExampleLake::deliverNextDay);
    private static final int[] KILLS_PER_STEP = {11, 10};

    record Attempt(Kill kill, String reached, long pid, double seconds, String result) {
    }

    @Test
    void aRunKilledAnywhereIsCompletedByTheNextRunAsIfNothingHappened(@TempDir Path dir) throws IOException {
        long seed = Long.getLong("sluice.crash.seed", DEFAULT_SEED);
        long started = System.nanoTime();

        Path reference = ExampleLake.copy(dir, "reference");
        SluiceProcess referenceCli = new SluiceProcess(Files.createDirectories(dir.resolve("reference-logs")));
        List<List<String>> traces = new ArrayList<>();
        for (int step = 0; step < RUN_DATES.size(); step++) {
            DELIVERIES.get(step).accept(reference);
            Path trace = dir.resolve("trace-" + step + ".txt");
            SluiceProcess.Result r = referenceCli.run(Map.of("SLUICE_FAULT_TRACE", trace.toString()),
                    runArgs(reference, RUN_DATES.get(step)));
            assertThat(r.exitCode()).as(r.all()).isZero();
            traces.add(Files.readAllLines(trace, StandardCharsets.UTF_8));
            LOG.info("reference run {} ({}): {} fault points passed: {}", step + 1, RUN_DATES.get(step),
                    traces.get(step).size(), traces.get(step));
        }

        List<List<Kill>> schedule = KillSchedule.plan(traces, KILLS_PER_STEP, seed);
        LOG.info("kill schedule (seed {}): {}", seed, schedule.stream().map(s -> s.stream().map(Kill::spec).toList()).toList());

        Path killed = ExampleLake.copy(dir, "killed");
        SluiceProcess cli = new SluiceProcess(Files.createDirectories(dir.resolve("killed-logs")));
        List<Attempt> attempts = new ArrayList<>();
        SoftAssertions soft = new SoftAssertions();
        for (int step = 0; step < RUN_DATES.size(); step++) {
            DELIVERIES.get(step).accept(killed);
            for (Kill kill : schedule.get(step)) {
                long t0 = System.nanoTime();
                SluiceProcess.Outcome o = cli.runUntilKilled(kill.spec(), Map.of(), runArgs(killed, RUN_DATES.get(step)));
                String result = o.killed() ? "killed (SIGKILL, exit 137)"
                        : "NOT REACHED, ended with exit " + o.finished().orElseThrow().exitCode();
                Attempt a = new Attempt(kill, o.reached().orElse("-"), o.pid(), (System.nanoTime() - t0) / 1e9, result);
                attempts.add(a);
                LOG.info("step {} kill {}/{} at {}: reached {} in process {}, {} after {} s", step + 1,
                        schedule.get(step).indexOf(kill) + 1, schedule.get(step).size(), kill.spec(), a.reached(),
                        a.pid(), a.result(), String.format(java.util.Locale.ROOT, "%.1f", a.seconds()));
                soft.assertThat(o.killed()).as("step %d: %s was not reached: %s", step + 1, kill.spec(),
                        o.finished().map(SluiceProcess.Result::all).orElse("")).isTrue();
            }
            SluiceProcess.Result last = cli.run(Map.of(), runArgs(killed, RUN_DATES.get(step)));
            LOG.info("step {}: the run after the last kill ended with exit {}:\n{}", step + 1, last.exitCode(), last.out());
            soft.assertThat(last.exitCode()).as("the completing run of step %d: %s", step + 1, last.all()).isZero();
            soft.assertThat(last.err()).as("the completing run's standard error").doesNotContain("\tat ");
        }

        try (var locks = Files.list(Files.createDirectories(killed.resolve("lake/_sluice/locks")))) {
            soft.assertThat(locks.map(p -> p.getFileName().toString()).toList()).as("locks left after the last run").isEmpty();
        }
        try (var all = Files.walk(killed.resolve("lake"))) {
            LOG.info("temporary files left in the lake by the kills (not data): {}", all.map(p -> killed.relativize(p).toString())
                    .filter(p -> p.endsWith(".tmp")).toList());
        }

        Set<String> distinct = new HashSet<>();
        attempts.stream().filter(a -> !a.reached().equals("-")).forEach(a -> distinct.add(a.reached()));
        LOG.info("{} kills, {} distinct kill points reached: {}", attempts.size(), distinct.size(), distinct);
        soft.assertThat(distinct).as("distinct points the runs were killed at").hasSizeGreaterThanOrEqualTo(20);

        SparkSession spark = SparkSessions.create("sluice-it crash comparison", "local[2]",
                Map.of("spark.sql.shuffle.partitions", "1"));
        try {
            LakeState expected = LakeState.of(spark, reference.resolve("lake"));
            LakeState actual = LakeState.of(spark, killed.resolve("lake"));
            LOG.info("reference lake: {}", expected);
            soft.assertThat(actual.tables()).as("zone tables (rows without run ids)").isEqualTo(expected.tables());
            soft.assertThat(actual.runIds()).as("runs per zone table").isEqualTo(expected.runIds());
            soft.assertThat(actual.rawRuns()).as("raw run folders").isEqualTo(expected.rawRuns());
            soft.assertThat(actual.watermarks()).as("watermarks").isEqualTo(expected.watermarks());
            soft.assertThat(actual.assets()).as("catalog assets").isEqualTo(expected.assets());
            soft.assertThat(actual.runs()).as("catalog run records of committed data").isEqualTo(expected.runs());
            soft.assertThat(actual.lineage()).as("catalog lineage").isEqualTo(expected.lineage());
        } finally {
            spark.stop();
        }
        LOG.info("crash test took {} s", (System.nanoTime() - started) / 1_000_000_000);
        soft.assertAll();
    }

    /**
     * A run killed after its data is committed but before or while it is registered: the next run finds nothing
     * new, and the catalog must still end up with the committed run's record (row counts) and its lineage, and
     * without a run left "running" for ever.
     */
    @Test
    void aRunKilledBeforeItsRegistrationIsRegisteredByTheNextRun(@TempDir Path dir) throws IOException {
        Path project = ExampleLake.copy(dir, "project");
        SluiceProcess cli = new SluiceProcess(Files.createDirectories(dir.resolve("logs")));
        assertThat(cli.runUntilKilled("register.after-start-run#2", Map.of(), runArgs(project, RUN_DATES.get(0)))
                .killed()).isTrue();

        SluiceProcess.Result rerun = cli.run(Map.of(), runArgs(project, RUN_DATES.get(0)));

        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        SparkSession spark = SparkSessions.create("sluice-it crash comparison", "local[2]",
                Map.of("spark.sql.shuffle.partitions", "1"));
        try {
            LakeState state = LakeState.of(spark, project.resolve("lake"));
            assertThat(state.runs()).isEqualTo(Map.of(
                    "stores", List.of("raw=6 valid=4 error=2 runDate=2026-11-22"),
                    "inventory", List.of("raw=27 valid=17 error=10 runDate=2026-11-22"),
                    "web_events", List.of("raw=11 valid=6 error=5 runDate=2026-11-22")));
            assertThat(state.lineage()).contains("raw.dealer_files.stores -> valid.dealer_files.stores",
                    "valid.dealer_files.inventory -> refined.default.stock_by_region");
        } finally {
            spark.stop();
        }
    }

    /**
     * A run killed right after landing, and the next night's delivery before the rerun: the rerun publishes the
     * left-over run and the new one, and the catalog records both with their counts.
     */
    @Test
    void aRunKilledAfterLandingIsPublishedAndRegisteredWithTheNextDelivery(@TempDir Path dir) throws IOException {
        Path project = ExampleLake.copy(dir, "project");
        SluiceProcess cli = new SluiceProcess(Files.createDirectories(dir.resolve("logs")));
        SluiceProcess.Outcome killedRun = cli.runUntilKilled("land.after-manifest#1", Map.of(),
                runArgs(project, RUN_DATES.get(0)));
        assertThat(killedRun.reached()).contains("land.after-manifest#1");
        ExampleLake.deliverNextDay(project);

        SluiceProcess.Result next = cli.run(Map.of(), runArgs(project, RUN_DATES.get(1)));

        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(next.err()).as("the rerun's log").doesNotContain("\tat ", "Registering run");
        SparkSession spark = SparkSessions.create("sluice-it crash comparison", "local[2]",
                Map.of("spark.sql.shuffle.partitions", "1"));
        try {
            LakeState state = LakeState.of(spark, project.resolve("lake"));
            assertThat(state.runs().get("stores")).containsExactly("raw=3 valid=2 error=1 runDate=2026-11-23",
                    "raw=6 valid=4 error=2 runDate=2026-11-22");
        } finally {
            spark.stop();
        }
    }

    private static String[] runArgs(Path project, String runDate) {
        return new String[] {"run", "--project", project.toString(), "--source", ExampleLake.SOURCE, "--run-date", runDate};
    }
}
