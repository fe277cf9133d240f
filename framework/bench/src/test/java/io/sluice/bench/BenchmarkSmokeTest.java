package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole harness at a tiny scale (SF 0.001, one round, no warm-up) so that it never rots. Asserts
 * correctness only (every contender's counts), never time.
 */
@ExtendWith(SparkExtension.class)
class BenchmarkSmokeTest {

    @Test
    void everyContenderIngestsTheTablesAndExactlyTheCorruptedRowsAreRejected(SparkSession spark, @TempDir Path dir) {
        // 5% corrupted so that every defect occurs even in ~7,500 rows
        BenchOptions options = BenchOptions.defaults(dir).withScale(0.001, 1, 0).withCorruptShare(0.05);

        BenchResult result = new Benchmark(spark, options).run();

        assertThat(result.problems()).isEmpty();
        TpchCsvGenerator.GeneratedTable lineitem = result.data().tables().get(0);
        TpchCsvGenerator.GeneratedTable orders = result.data().tables().get(1);
        assertThat(lineitem.name()).isEqualTo("lineitem");
        assertThat(lineitem.rows()).isEqualTo(6005);
        assertThat(orders.rows()).isEqualTo(1500);
        assertThat(lineitem.byKind()).containsOnlyKeys(Corruption.values());
        assertThat(orders.byKind()).containsOnlyKeys(Corruption.values());
        assertThat(result.runs()).extracting(BenchResult.Measurement::contender)
                .containsExactlyInAnyOrder("floor", "sluice", "baseline");
        for (BenchResult.Measurement run : result.runs()) {
            Contender.TableCounts li = run.counts().get("lineitem");
            Contender.TableCounts or = run.counts().get("orders");
            if (run.contender().equals("floor")) {
                assertThat(List.of(li, or)).containsExactly(new Contender.TableCounts(6005, 6005, 0),
                        new Contender.TableCounts(1500, 1500, 0));
            } else {
                assertThat(li).as(run.contender()).isEqualTo(new Contender.TableCounts(6005,
                        6005 - lineitem.corrupted(), lineitem.corrupted()));
                assertThat(or).as(run.contender()).isEqualTo(new Contender.TableCounts(1500,
                        1500 - orders.corrupted(), orders.corrupted()));
            }
            // the two datasets run side by side: a phase is the time it ran, never more than the run itself
            run.phases().forEach((phase, seconds) -> assertThat(seconds).as(run.contender() + " " + phase)
                    .isBetween(0.0, run.seconds()));
        }
        // the same concurrency for every contender: both tables side by side, as Sluice's parallelism runs them
        assertThat(result.settings().tablesAtOnce()).isEqualTo(2);
        assertThat(result.runs()).allSatisfy(run -> assertThat(run.tablesAtOnce()).as(run.contender()).isEqualTo(2));
        assertThat(result.contenders()).extracting(BenchResult.Summary::tablesAtOnce).containsOnly(2);
        BenchResult.Measurement floor = result.runs().stream().filter(r -> r.contender().equals("floor")).findFirst()
                .orElseThrow();
        int cores = Runtime.getRuntime().availableProcessors();
        for (BenchResult.Measurement run : result.runs()) {
            // overhead: wall time minus the floor's of the same round
            assertThat(run.overheadSeconds()).as(run.contender()).isEqualTo(run.seconds() - floor.seconds());
            // every contender runs Spark tasks, on at most every core for the length of the run
            assertThat(run.taskCpuSeconds()).as(run.contender()).isPositive()
                    .isLessThanOrEqualTo(cores * run.seconds());
            assertThat(run.taskRunSeconds()).as(run.contender()).isGreaterThanOrEqualTo(run.taskCpuSeconds() - 0.05);
            // the whole JVM's CPU holds the tasks' (1/20 s for the two clocks' granularity)
            assertThat(run.jvmCpuSeconds()).as(run.contender()).isGreaterThanOrEqualTo(run.taskCpuSeconds() - 0.05);
        }
        assertThat(floor.overheadSeconds()).isZero();
        for (BenchResult.Summary c : result.contenders()) {
            assertThat(c.overhead().median()).as(c.contender()).isEqualTo(c.wall().median() - floor.seconds());
            assertThat(c.taskCpu().median()).as(c.contender()).isPositive();
            assertThat(c.wallOverFloor()).as(c.contender()).isEqualTo(c.wall().median() / floor.seconds());
            assertThat(c.taskCpuOverFloor()).as(c.contender()).isPositive();
        }
        // the row-at-a-time baseline and Sluice do more than the floor's bare copy
        assertThat(result.summary("baseline").taskCpu().median())
                .isGreaterThan(result.summary("floor").taskCpu().median());
        assertThat(result.ratios().sluiceOverheadOverBaseline()).isNotNull();
        assertThat(result.summary("sluice").medianPhases()).containsKeys("land+driver", "validate+write both",
                "register");
        assertThat(result.summary("sluice").medianPhaseTaskSeconds()).containsKeys("validate+write both")
                .doesNotContainKey("land+driver");
        assertThat(result.ratios().sluiceOverFloor()).isPositive();
        assertThat(result.ratios().baselineOverSluice()).isPositive();

        Path json = dir.resolve("result.json");
        Benchmark.writeJson(json, result);
        BenchResult read = Benchmark.readJson(json);
        assertThat(read.data()).isEqualTo(result.data());
        assertThat(read.contenders()).isEqualTo(result.contenders());
        assertThat(read.runs()).isEqualTo(result.runs());
        assertThat(ResultTable.render(read)).contains("correctness: OK", "side by side (2 at once)", "overhead s",
                "task CPU s", "sluice overhead / baseline overhead");
    }

    @Test
    void theFixedCostRunPublishesEverySmallDatasetWithItsOneBadRowRejected(SparkSession spark, @TempDir Path dir) {
        FixedCostBench bench = new FixedCostBench(spark, dir, 2, 4);

        List<FixedCostBench.Round> rounds = bench.measure(1, 0);

        assertThat(rounds).hasSize(1);
        assertThat(rounds.get(0).published()).isEqualTo(2);
        assertThat(rounds.get(0).bySite()).containsKey("save at ZoneSplitWriter.java");
        // Spark ran part of the round, never more than all of it, however much its executions overlapped
        assertThat(rounds.get(0).sparkBusy()).isPositive().isLessThanOrEqualTo(rounds.get(0).seconds());
        assertThat(rounds.get(0).sparkBusy()).isLessThanOrEqualTo(rounds.get(0).spark());
        assertThat(bench.render(rounds)).contains("Fixed cost: 2 datasets of 4 rows", "correctness: OK");
    }
}
