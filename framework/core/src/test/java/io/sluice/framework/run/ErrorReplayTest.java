package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.Connectors;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.Registrar;
import io.sluice.framework.report.RunReport;
import io.sluice.compat.delta.DeltaTables;
import io.sluice.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class ErrorReplayTest {
    private static final String DESCRIPTOR = """
            kind: source
            name: shop
            connector: files
            connection: { landing: landing }
            ---
            kind: dataset
            name: orders
            source: shop
            extract: { path: "orders/*.csv", format: csv }
            schema:
              - { name: order_id, type: long, key: true }
              - { name: qty, type: int, min: 1 }
              - { name: code, type: string, pattern: "%s" }
            valid: { mode: %s }
            error: { max_ratio: 1.0 }
            """;

    private static final String ROWS = """
            order_id,qty,code
            1,2,ABC
            2,1,abc
            3,0,abc
            4,1,xyz
            5,x,ABC
            """;

    private static TestLake lake(SparkSession spark, Path dir, String pattern, String mode) {
        return new TestLake(spark, dir).descriptor("shop.yaml", DESCRIPTOR.formatted(pattern, mode));
    }

    private static RunReport replay(TestLake t, Optional<String> run) {
        Sluice sluice = new Sluice(t.spark, t.dir, t.lake, Connectors.discover(ErrorReplayTest.class.getClassLoader()),
                name -> null, Clock.systemUTC(), Registrar.none());
        return new ErrorReplay(sluice).replay(t.project(), "shop", "orders", run);
    }

    private static List<Long> ids(TestLake t, String path) {
        return t.rows(path, "order_id").stream().map(r -> Long.parseLong(String.valueOf((Object) r.getAs("order_id")))).toList();
    }

    @Test
    void rowsThatPassTheFixedDescriptorMoveToValidOnceAndTheRestStay(SparkSession spark, @TempDir Path dir) {
        TestLake t = lake(spark, dir, "^[A-Z]{3}$", "append").deliver("orders/day1.csv", ROWS);
        String runId = t.run("shop").datasets().get(0).runId();
        String valid = t.lake.valid("shop", "orders");
        String error = t.lake.error("shop", "orders");
        assertThat(ids(t, valid)).containsExactly(1L);
        assertThat(ids(t, error)).containsExactly(2L, 3L, 4L, 5L);

        lake(spark, dir, "^[A-Za-z]{3}$", "append");
        RunReport first = replay(t, Optional.of(runId));

        DatasetOutcome outcome = first.datasets().get(0);
        assertThat(outcome.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
        assertThat(outcome.raw()).isEqualTo(4);
        assertThat(outcome.valid()).isEqualTo(2);
        assertThat(outcome.error()).isEqualTo(2);
        assertThat(ids(t, valid)).containsExactly(1L, 2L, 4L);
        List<Row> moved = t.table(valid).where("order_id in (2, 4)").collectAsList();
        assertThat(moved).allSatisfy(r -> assertThat(r.<String>getAs("_run_id")).isEqualTo(outcome.runId()));
        assertThat(outcome.runId()).startsWith("replay-");
        List<Row> still = t.rows(error, "order_id");
        assertThat(still).extracting(r -> r.<String>getAs("order_id")).containsExactly("3", "5");
        assertThat(still).allSatisfy(r -> assertThat(r.<String>getAs("_run_id")).isEqualTo(runId));
        List<Row> reasons = t.table(error).where("order_id = '3'").first().getList(
                t.table(error).schema().fieldIndex("_errors"));
        assertThat(reasons).extracting(e -> e.<String>getAs("rule")).containsExactly("min");

        long validVersion = t.version(valid);
        long errorVersion = t.version(error);
        RunReport second = replay(t, Optional.empty());
        assertThat(second.datasets().get(0).status()).isEqualTo(DatasetOutcome.Status.NOTHING_NEW);
        assertThat(t.version(valid)).isEqualTo(validVersion);
        assertThat(t.version(error)).isEqualTo(errorVersion);
    }

    @Test
    void aReplayKilledBetweenItsTwoWritesIsCompletedWithoutDuplicates(SparkSession spark, @TempDir Path dir)
            throws Exception {
        TestLake t = lake(spark, dir, "^[A-Z]{3}$", "merge").deliver("orders/day1.csv", ROWS);
        String runId = t.run("shop").datasets().get(0).runId();
        String valid = t.lake.valid("shop", "orders");
        String error = t.lake.error("shop", "orders");
        long errorBefore = t.version(error);
        lake(spark, dir, "^[A-Za-z]{3}$", "merge");
        String replayId = replay(t, Optional.empty()).datasets().get(0).runId();

        // the state a kill after the valid write leaves: valid written, error rows not yet removed, journal present
        spark.sql("RESTORE TABLE delta.`" + error + "` TO VERSION AS OF " + errorBefore);
        Path journal = dir.resolve("lake/_sluice/replays/shop.orders.json");
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, """
                {"replayId":"%s","errorVersion":%d,"runs":[{"runId":"%s","ingestedAt":"%s"}]}"""
                .formatted(replayId, errorBefore, runId, t.table(error).first().getAs("_ingested_at").toString()
                        .replace(' ', 'T') + "Z"));

        RunReport recovered = replay(t, Optional.empty());

        assertThat(recovered.runId()).isEqualTo(replayId);
        assertThat(ids(t, valid)).containsExactly(1L, 2L, 4L);
        assertThat(ids(t, error)).containsExactly(3L, 5L);
        assertThat(journal).doesNotExist();
    }

    /** Issue 16, defect 6: a type fix (int to double) is the main reason to replay; it failed with DELTA_FAILED_TO_MERGE_FIELDS. */
    @Test
    void aReplayAfterWideningAColumnTypeMovesTheRowsAndWidensTheValidTable(SparkSession spark, @TempDir Path dir) {
        String intQty = DESCRIPTOR.formatted("^[A-Z]{3}$", "append");
        TestLake t = new TestLake(spark, dir).descriptor("shop.yaml", intQty).deliver("orders/day1.csv", """
                order_id,qty,code
                1,2,ABC
                2,1.5,ABC
                """);
        t.run("shop");
        String valid = t.lake.valid("shop", "orders");
        assertThat(ids(t, valid)).containsExactly(1L);

        t.descriptor("shop.yaml", intQty.replace("type: int, min: 1", "type: double, min: 1"));
        RunReport replayed = replay(t, Optional.empty());

        assertThat(replayed.datasets().get(0).status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
        assertThat(ids(t, valid)).containsExactly(1L, 2L);
        assertThat(t.table(valid).schema().apply("qty").dataType()).isEqualTo(org.apache.spark.sql.types.DataTypes.DoubleType);
        assertThat(t.table(valid).where("order_id = 1").first().<Double>getAs("qty")).isEqualTo(2.0);
        assertThat(t.table(valid).where("order_id = 2").first().<Double>getAs("qty")).isEqualTo(1.5);
        assertThat(ids(t, t.lake.error("shop", "orders"))).isEmpty();
    }

    /** A change the valid table cannot take in place (double to int) is refused before anything is written. */
    @Test
    void aReplayAfterNarrowingAColumnTypeIsRefusedUpFrontWithWhatToDo(SparkSession spark, @TempDir Path dir) {
        String doubleQty = DESCRIPTOR.formatted("^[A-Z]{3}$", "append").replace("type: int, min: 1", "type: double, min: 1");
        TestLake t = new TestLake(spark, dir).descriptor("shop.yaml", doubleQty).deliver("orders/day1.csv", """
                order_id,qty,code
                1,2,ABC
                2,1,abc
                """);
        t.run("shop");
        String error = t.lake.error("shop", "orders");
        long errorVersion = DeltaTables.lastCommit(spark, error).orElseThrow().version();

        t.descriptor("shop.yaml", doubleQty.replace("type: double, min: 1", "type: int, min: 1")
                .replace("^[A-Z]{3}$", "^[A-Za-z]{3}$"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> replay(t, Optional.empty()))
                .isInstanceOf(io.sluice.metadata.SluiceException.class)
                .hasMessageContaining("qty")
                .hasMessageContaining("double")
                .hasMessageContaining("int")
                .hasMessageContaining("valid.mode: overwrite");
        assertThat(DeltaTables.lastCommit(spark, error).orElseThrow().version()).isEqualTo(errorVersion);
        assertThat(ids(t, t.lake.valid("shop", "orders"))).containsExactly(1L);
    }

    /** In overwrite mode a replay adds the rows it moves: it replaced the whole valid table with them. */
    @Test
    void aReplayInOverwriteModeKeepsTheRowsAlreadyInValid(SparkSession spark, @TempDir Path dir) {
        TestLake t = lake(spark, dir, "^[A-Z]{3}$", "overwrite").deliver("orders/day1.csv", ROWS);
        t.run("shop");
        String valid = t.lake.valid("shop", "orders");
        assertThat(ids(t, valid)).containsExactly(1L);

        lake(spark, dir, "^[A-Za-z]{3}$", "overwrite");
        replay(t, Optional.empty());

        assertThat(ids(t, valid)).containsExactly(1L, 2L, 4L);
        RunReport again = replay(t, Optional.empty());
        assertThat(again.datasets().get(0).status()).isEqualTo(DatasetOutcome.Status.NOTHING_NEW);
        assertThat(ids(t, valid)).containsExactly(1L, 2L, 4L);
    }

    /** A fix that relaxes a rule and declares a new nullable column: the moved rows carry it, null. */
    @Test
    void aReplayAfterAddingANullableColumnAndRelaxingARuleAddsTheColumnToValid(SparkSession spark, @TempDir Path dir) {
        TestLake t = lake(spark, dir, "^[A-Z]{3}$", "append").deliver("orders/day1.csv", ROWS);
        t.run("shop");
        String valid = t.lake.valid("shop", "orders");

        t.descriptor("shop.yaml", DESCRIPTOR.formatted("^[A-Za-z]{3}$", "append").replace(
                "  - { name: code, type: string, pattern: \"^[A-Za-z]{3}$\" }",
                "  - { name: code, type: string, pattern: \"^[A-Za-z]{3}$\" }\n  - { name: note, type: string }"));
        RunReport replayed = replay(t, Optional.empty());

        assertThat(replayed.datasets().get(0).valid()).isEqualTo(2);
        assertThat(ids(t, valid)).containsExactly(1L, 2L, 4L);
        assertThat(List.of(t.table(valid).columns())).contains("note");
        assertThat(t.table(valid).where("note IS NOT NULL").count()).isZero();
    }
}
