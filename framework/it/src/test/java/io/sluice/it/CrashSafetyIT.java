package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.framework.spark.SparkSessions;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 *
 * <p>The kills are dealt in turn to two lakes (chains) that run side by side, each through both steps, and each
 * compared with the reference; {@code -Dsluice.crash.chains=1} puts every kill on one lake, one after the other.
 */
class CrashSafetyIT {
    private static final Logger LOG = LoggerFactory.getLogger(CrashSafetyIT.class);
    private static final long DEFAULT_SEED = 20261123L;
    private static final List<String> RUN_DATES = List.of("2026-11-22", "2026-11-23");
    private static final List<Consumer<Path>> DELIVERIES = List.of(project -> { }, ExampleLake::deliverNextDay);
    private static final int[] KILLS_PER_STEP = {11, 10};
    /** The catalog's run records after the example's first day. */
    private static final Map<String, List<String>> FIRST_DAY_RUNS = Map.of(
            "stores", List.of("raw=6 valid=4 error=2 runDate=2026-11-22"),
            "inventory", List.of("raw=27 valid=17 error=10 runDate=2026-11-22"),
            "web_events", List.of("raw=11 valid=6 error=5 runDate=2026-11-22"));
    /** Lakes the kills are dealt to, run side by side; {@code -Dsluice.crash.chains=1} puts them all on one lake. */
    private static final int DEFAULT_CHAINS = 2;
    /** The comparison session reads a few dozen rows per table: as the forked runs, no Janino, no re-planning. */
    private static final Map<String, String> COMPARISON_SPARK = Map.of("spark.sql.shuffle.partitions", "1",
            "spark.sql.codegen.wholeStage", "false", "spark.sql.codegen.factoryMode", "NO_CODEGEN",
            "spark.sql.adaptive.enabled", "false");

    record Attempt(Kill kill, String reached, long pid, double seconds, String result) {
    }

    @Test
    void aRunKilledAnywhereIsCompletedByTheNextRunAsIfNothingHappened(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("sluice.crash.seed", DEFAULT_SEED);
        int chains = Integer.getInteger("sluice.crash.chains", DEFAULT_CHAINS);
        long started = System.nanoTime();

        // datasets one at a time: the schedule is planned from the order of the points a run passes
        Path reference = ExampleLake.oneDatasetAtATime(ExampleLake.copy(dir, "reference"));
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

        List<List<Kill>> schedule = KillSchedule.plan(traces, KILLS_PER_STEP, seed, chains);
        LOG.info("kill schedule (seed {}, {} chains): {}", seed, chains,
                schedule.stream().map(s -> s.stream().map(k -> k.chain() + ":" + k.spec()).toList()).toList());

        // Each chain is a lake of its own and one forked JVM at a time: a run of the example keeps about one of
        // the two cores busy, so two chains side by side take little more than one (measured: 26 s for two runs
        // at once, 19 s for one). The reference lake is read meanwhile.
        ExecutorService pool = Executors.newFixedThreadPool(chains);
        SoftAssertions soft = new SoftAssertions();
        SparkSession spark = SparkSessions.create("sluice-it crash comparison", "local[2]", COMPARISON_SPARK);
        try {
            List<Future<Chain>> running = new ArrayList<>();
            for (int c = 0; c < chains; c++) {
                int chain = c;
                running.add(pool.submit(() -> killChain(dir, chain, schedule)));
            }
            LakeState expected = LakeState.of(spark, reference.resolve("lake"));
            LOG.info("reference lake: {}", expected);
            List<Chain> done = new ArrayList<>();
            for (Future<Chain> f : running) {
                done.add(join(f));
            }

            Set<String> distinct = new HashSet<>();
            done.stream().flatMap(c -> c.attempts().stream()).filter(a -> !a.reached().equals("-"))
                    .forEach(a -> distinct.add(a.reached()));
            LOG.info("{} kills, {} distinct kill points reached: {}", done.stream().mapToInt(c -> c.attempts().size()).sum(),
                    distinct.size(), distinct);
            soft.assertThat(distinct).as("distinct points the runs were killed at").hasSizeGreaterThanOrEqualTo(20);

            for (Chain c : done) {
                c.problems().errorsCollected().forEach(e -> soft.collectAssertionError(
                        e instanceof AssertionError failure ? failure : new AssertionError(e)));
                LakeState actual = LakeState.of(spark, c.project().resolve("lake"));
                String lake = "chain " + c.chain() + ": ";
                soft.assertThat(actual.tables()).as(lake + "zone tables (rows without run ids)").isEqualTo(expected.tables());
                soft.assertThat(actual.runIds()).as(lake + "runs per zone table").isEqualTo(expected.runIds());
                soft.assertThat(actual.rawRuns()).as(lake + "raw run folders").isEqualTo(expected.rawRuns());
                soft.assertThat(actual.watermarks()).as(lake + "watermarks").isEqualTo(expected.watermarks());
                soft.assertThat(actual.assets()).as(lake + "catalog assets").isEqualTo(expected.assets());
                soft.assertThat(actual.runs()).as(lake + "catalog run records of committed data").isEqualTo(expected.runs());
                soft.assertThat(actual.lineage()).as(lake + "catalog lineage").isEqualTo(expected.lineage());
            }
        } finally {
            pool.shutdownNow();
            spark.stop();
        }
        LOG.info("crash test took {} s", (System.nanoTime() - started) / 1_000_000_000);
        soft.assertAll();
    }

    /** What one chain of killed runs left: its lake, its attempts, and what went wrong on the way. */
    record Chain(int chain, Path project, List<Attempt> attempts, SoftAssertions problems) {
    }

    /** Every step of the deliveries on a lake of its own, each run killed at the chain's next scheduled point. */
    private static Chain killChain(Path dir, int chain, List<List<Kill>> schedule) throws IOException {
        Path killed = ExampleLake.oneDatasetAtATime(ExampleLake.copy(dir, "killed-" + chain));
        SluiceProcess cli = new SluiceProcess(Files.createDirectories(dir.resolve("killed-" + chain + "-logs")));
        List<Attempt> attempts = new ArrayList<>();
        SoftAssertions soft = new SoftAssertions();
        for (int step = 0; step < RUN_DATES.size(); step++) {
            DELIVERIES.get(step).accept(killed);
            List<Kill> kills = schedule.get(step).stream().filter(k -> k.chain() == chain).toList();
            for (Kill kill : kills) {
                long t0 = System.nanoTime();
                SluiceProcess.Outcome o = cli.runUntilKilled(kill.spec(), Map.of(), runArgs(killed, RUN_DATES.get(step)));
                String result = o.killed() ? "killed (SIGKILL, exit 137)"
                        : "NOT REACHED, ended with exit " + o.finished().orElseThrow().exitCode();
                Attempt a = new Attempt(kill, o.reached().orElse("-"), o.pid(), (System.nanoTime() - t0) / 1e9, result);
                attempts.add(a);
                LOG.info("chain {} step {} kill {}/{} at {}: reached {} in process {}, {} after {} s", chain, step + 1,
                        kills.indexOf(kill) + 1, kills.size(), kill.spec(), a.reached(), a.pid(), a.result(),
                        String.format(java.util.Locale.ROOT, "%.1f", a.seconds()));
                soft.assertThat(o.killed()).as("chain %d step %d: %s was not reached: %s", chain, step + 1, kill.spec(),
                        o.finished().map(SluiceProcess.Result::all).orElse("")).isTrue();
            }
            SluiceProcess.Result last = cli.run(Map.of(), runArgs(killed, RUN_DATES.get(step)));
            LOG.info("chain {} step {}: the run after the last kill ended with exit {}:\n{}", chain, step + 1,
                    last.exitCode(), last.out());
            soft.assertThat(last.exitCode()).as("chain %d: the completing run of step %d: %s", chain, step + 1,
                    last.all()).isZero();
            soft.assertThat(last.err()).as("chain %d: the completing run's standard error", chain).doesNotContain("\tat ");
        }

        try (var locks = Files.list(Files.createDirectories(killed.resolve("lake/_sluice/locks")))) {
            soft.assertThat(locks.map(p -> p.getFileName().toString()).toList())
                    .as("chain %d: locks left after the last run", chain).isEmpty();
        }
        try (var all = Files.walk(killed.resolve("lake"))) {
            LOG.info("chain {}: temporary files left in the lake by the kills (not data): {}", chain,
                    all.map(p -> killed.relativize(p).toString()).filter(p -> p.endsWith(".tmp")).toList());
        }
        return new Chain(chain, killed, attempts, soft);
    }

    /** A chain's result; its failure as it was thrown (an assertion of {@link SluiceProcess}, say). */
    private static Chain join(Future<Chain> chain) throws Exception {
        try {
            return chain.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }

    /**
     * A run killed after its data is committed but before or while it is registered: the next run finds nothing
     * new, and the catalog must still end up with the committed run's record (row counts) and its lineage, and
     * without a run left "running" for ever.
     */
    @Test
    void aRunKilledBeforeItsRegistrationIsRegisteredByTheNextRun(@TempDir Path dir) throws IOException {
        LakeState.Catalogued state = killedThenRunAgain(dir, "register.after-start-run#2");

        assertThat(state.runs()).isEqualTo(FIRST_DAY_RUNS);
        assertThat(state.lineage()).contains("raw.dealer_files.stores -> valid.dealer_files.stores",
                "valid.dealer_files.inventory -> refined.stock_by_region");
    }

    /**
     * Datasets published side by side (the example's source runs them in parallel): a run killed once two of them
     * are committed, while the third may still be writing, leaves every committed run's record for the next run
     * to register, and the rerun publishes the rest.
     */
    @Test
    void aRunKilledWhileDatasetsArePublishedSideBySideLosesNoRunRecord(@TempDir Path dir) throws IOException {
        assertThat(killedThenRunAgain(dir, "publish.after-committed#2").runs()).isEqualTo(FIRST_DAY_RUNS);
    }

    /** The example's first day, in parallel as shipped, killed at {@code point}, then run again to the end. */
    private static LakeState.Catalogued killedThenRunAgain(Path dir, String point) throws IOException {
        Path project = ExampleLake.copy(dir, "project");
        SluiceProcess cli = new SluiceProcess(Files.createDirectories(dir.resolve("logs")));
        assertThat(cli.runUntilKilled(point, Map.of(), runArgs(project, RUN_DATES.get(0))).killed()).isTrue();

        SluiceProcess.Result rerun = cli.run(Map.of(), runArgs(project, RUN_DATES.get(0)));

        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        return LakeState.catalogued(project.resolve("lake"));
    }

    /**
     * A run killed right after landing, and the next night's delivery before the rerun: the rerun publishes the
     * left-over run and the new one, and the catalog records both with their counts.
     */
    @Test
    void aRunKilledAfterLandingIsPublishedAndRegisteredWithTheNextDelivery(@TempDir Path dir) throws IOException {
        Path project = ExampleLake.oneDatasetAtATime(ExampleLake.copy(dir, "project"));
        SluiceProcess cli = new SluiceProcess(Files.createDirectories(dir.resolve("logs")));
        SluiceProcess.Outcome killedRun = cli.runUntilKilled("land.after-manifest#1", Map.of(),
                runArgs(project, RUN_DATES.get(0)));
        assertThat(killedRun.reached()).contains("land.after-manifest#1");
        ExampleLake.deliverNextDay(project);

        SluiceProcess.Result next = cli.run(Map.of(), runArgs(project, RUN_DATES.get(1)));

        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(next.err()).as("the rerun's log").doesNotContain("\tat ", "Registering run");
        assertThat(LakeState.catalogued(project.resolve("lake")).runs().get("stores")).containsExactly(
                "raw=3 valid=2 error=1 runDate=2026-11-23", "raw=6 valid=4 error=2 runDate=2026-11-22");
    }

    /**
     * A dataset with a left-over run and a new delivery publishes both in one run: killed once both are
     * committed, the next run must still register both (the report written before the second commit marker has
     * to hold the first outcome too).
     */
    @Test
    void aRunKilledAfterCommittingALeftOverRunAndANewOneRegistersBoth(@TempDir Path dir) throws IOException {
        Path project = ExampleLake.oneDatasetAtATime(ExampleLake.copy(dir, "project"));
        SluiceProcess cli = new SluiceProcess(Files.createDirectories(dir.resolve("logs")));
        assertThat(cli.runUntilKilled("land.after-manifest#1", Map.of(), runArgs(project, RUN_DATES.get(0))).killed())
                .isTrue();
        ExampleLake.deliverNextDay(project);
        assertThat(cli.runUntilKilled("publish.after-committed#2", Map.of(), runArgs(project, RUN_DATES.get(1)))
                .killed()).isTrue();

        SluiceProcess.Result last = cli.run(Map.of(), runArgs(project, RUN_DATES.get(1)));

        assertThat(last.exitCode()).as(last.all()).isZero();
        assertThat(LakeState.catalogued(project.resolve("lake")).runs().get("stores")).containsExactly(
                "raw=3 valid=2 error=1 runDate=2026-11-23", "raw=6 valid=4 error=2 runDate=2026-11-22");
    }

    private static String[] runArgs(Path project, String runDate) {
        return new String[] {"run", "--project", project.toString(), "--source", ExampleLake.SOURCE, "--run-date", runDate};
    }
}
