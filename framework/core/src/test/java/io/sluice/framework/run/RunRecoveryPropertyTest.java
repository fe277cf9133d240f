package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.framework.land.RawZone;
import io.sluice.framework.land.RunRecord;
import io.sluice.framework.land.RunState;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.RunReport;
import io.sluice.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Random sequences of deliveries (good, failing at publish, refused at landing), descriptor breaks and fixes, runs,
 * retries and discards, against the model: once the descriptor is fixed and the source runs, every record of every
 * run that was not discarded is in valid or error exactly once, no record of a discarded run is, and a further run
 * changes nothing. Each try runs Spark several times: tries are few and the seed is fixed, so CI is reproducible.
 */
class RunRecoveryPropertyTest {
    /** What an operator, a sender or a scheduler does next. */
    enum Step {
        DELIVER_GOOD, DELIVER_FAILING, BREAK_RULE, BREAK_LAYOUT, FIX, RUN, RETRY_OLDEST, DISCARD_OLDEST
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Arbitraries.of(Step.values());
        // a delivery and a run first, so that every history lands something
        return step.list().ofMinSize(2).ofMaxSize(6).map(steps -> {
            List<Step> all = new ArrayList<>(List.of(Step.DELIVER_FAILING, Step.RUN));
            all.addAll(steps);
            return all;
        });
    }

    @Property(tries = 4, seed = "20261206", shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void everyRecordOfEveryRunNotDiscardedArrivesExactlyOnce(@ForAll("histories") List<Step> history) throws IOException {
        SparkSession spark = TestSpark.builder().getOrCreate();
        Path dir = Files.createTempDirectory("run-recovery-property");
        try {
            TestLake t = new TestLake(spark, dir);
            String column = RunRecoveryTest.PRICE;
            String rule = RunRecoveryTest.FAILING_RULE;
            RunRecoveryTest.describe(t, column, rule, "append");
            int deliveries = 0;
            for (Step step : history) {
                switch (step) {
                    case DELIVER_GOOD, DELIVER_FAILING -> {
                        deliveries++;
                        t.deliver("orders/d" + deliveries + ".csv", file(deliveries, step == Step.DELIVER_FAILING));
                    }
                    case BREAK_RULE -> rule = RunRecoveryTest.FAILING_RULE;
                    case BREAK_LAYOUT -> column = "";
                    case FIX -> {
                        rule = RunRecoveryTest.GOOD_RULE;
                        column = RunRecoveryTest.PRICE;
                    }
                    case RUN -> t.run("shop");
                    case RETRY_OLDEST -> oldest(t).ifPresent(r -> {
                        try {
                            t.recovery().retry(t.project(), "shop", "orders", r.runId());
                        } catch (io.sluice.metadata.SluiceException e) {
                            assertThat(e.code()).isEqualTo("RUN_NOT_RETRYABLE");
                        }
                    });
                    case DISCARD_OLDEST -> oldest(t).ifPresent(r ->
                            t.recovery().discard(t.project(), "shop", "orders", r.runId(), "property", "test"));
                    default -> throw new IllegalStateException("unhandled step " + step);
                }
                RunRecoveryTest.describe(t, column, rule, "append");
            }
            RunRecoveryTest.describe(t, RunRecoveryTest.PRICE, RunRecoveryTest.GOOD_RULE, "append");
            RunReport fixed = t.run("shop");
            assertThat(fixed.exitCode()).as("%s", fixed.datasets()).isZero();

            List<String> expected = new ArrayList<>();
            for (RunRecord run : RunRecoveryTest.raw(t).runs()) {
                assertThat(run.state()).as(run.runId()).isIn(RunState.PUBLISHED, RunState.DISCARDED);
                if (run.state() == RunState.PUBLISHED) {
                    for (var file : run.manifest().files()) {
                        int n = Integer.parseInt(Path.of(file.origin()).getFileName().toString().replaceAll("\\D", ""));
                        for (int i = 1; i <= 3; i++) {
                            expected.add(run.runId() + "/" + (n * 10 + i));
                        }
                    }
                }
            }
            List<String> rows = RunRecoveryTest.allRows(t);
            assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);

            RunReport again = t.run("shop");
            assertThat(again.datasets()).extracting(DatasetOutcome::status)
                    .containsOnly(DatasetOutcome.Status.NOTHING_NEW);
            assertThat(RunRecoveryTest.allRows(t)).containsExactlyInAnyOrderElementsOf(rows);
        } finally {
            delete(dir);
        }
    }

    /** Three records; a failing one holds a quantity that the failing rule turns into a run-time error. */
    private static String file(int n, boolean failing) {
        return "order_id,qty,price\n" + (n * 10 + 1) + ",1,1.00\n" + (n * 10 + 2) + "," + (failing ? 500 : 2)
                + ",2.00\n" + (n * 10 + 3) + ",0,3.00\n";
    }

    private static java.util.Optional<RunRecord> oldest(TestLake t) {
        return RunRecoveryTest.raw(t).runs().stream().filter(r -> r.state().outstanding()).findFirst();
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
