package io.sluice.compat.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.compat.write.StagedFile;
import io.sluice.compat.write.ZoneSplitWriter;
import io.sluice.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.AddFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Pins what Sluice relies on in Delta's {@code OptimisticTransaction} to commit files it wrote itself: the files
 * become the table's rows, with per-file statistics equal to those Delta's own writer computes for the same rows
 * (so data skipping works as for any Delta write), the history shows a WRITE with its metrics, an overwrite
 * replaces the files and the schema, and files moved into the folder but not committed are invisible.
 */
@ExtendWith(SparkExtension.class)
class DeltaCommitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROWS = "SELECT id, CAST(id AS INT) AS i, id * 0.5D AS d,"
            + " CAST(id / 4 AS DECIMAL(12,3)) AS dec, DATE_ADD(DATE'2024-02-27', CAST(id AS INT)) AS day,"
            + " TIMESTAMP_MICROS(1700000000000000 + id * 1234567) AS ts,"
            + " CASE WHEN id % 3 = 0 THEN NULL ELSE CONCAT('name-', id) END AS name,"
            + " REPEAT('long text ', 5) || id AS long_text, id % 2 = 0 AS flag"
            + " FROM range(0, 50, 1, 1)";

    private static List<StagedFile> stage(SparkSession spark, Dataset<Row> rows, Path dir) {
        List<Map.Entry<String, String>> columns = java.util.Arrays.stream(rows.columns())
                .map(c -> Map.entry(c, c)).toList();
        return ZoneSplitWriter.write(rows.withColumn("_zone", lit("valid")), "_zone", Map.of("valid", columns),
                dir.resolve("staging").toString()).get("valid");
    }

    private static List<AddFile> files(SparkSession spark, String table) {
        return DeltaLog.forTable(spark, table).update(false, scala.Option.empty(), scala.Option.empty()).allFiles()
                .collectAsList();
    }

    @Test
    void committedFilesCarryTheStatisticsDeltaWouldHaveWritten(SparkSession spark, @TempDir Path dir) throws Exception {
        Dataset<Row> rows = spark.sql(ROWS);
        String byDelta = dir.resolve("by-delta").toString();
        rows.write().format("delta").save(byDelta);
        String bySluice = dir.resolve("by-sluice").toString();
        spark.createDataFrame(List.of(), rows.schema()).write().format("delta").save(bySluice);

        long version = DeltaCommits.commit(spark, bySluice, stage(spark, rows, dir), DeltaCommits.Replace.NOTHING,
                Optional.empty(), Optional.of("batch = 1"));

        assertThat(version).isEqualTo(1);
        assertThat(spark.read().format("delta").load(bySluice).exceptAll(rows).count()).isZero();
        assertThat(spark.read().format("delta").load(bySluice).count()).isEqualTo(50);
        JsonNode delta = JSON.readTree(files(spark, byDelta).get(0).stats());
        JsonNode sluice = JSON.readTree(files(spark, bySluice).get(0).stats());
        assertThat(sluice.get("numRecords")).isEqualTo(delta.get("numRecords"));
        assertThat(sluice.get("nullCount")).isEqualTo(delta.get("nullCount"));
        for (String column : List.of("id", "i", "d", "dec", "day", "ts", "name")) {
            assertThat(sluice.get("minValues").get(column)).as("min of " + column)
                    .isEqualTo(delta.get("minValues").get(column));
            assertThat(sluice.get("maxValues").get(column)).as("max of " + column)
                    .isEqualTo(delta.get("maxValues").get(column));
        }
        // longer than Delta's 32-character prefix: a lower bound only, which skipping tolerates
        assertThat(delta.get("minValues").get("long_text").asText())
                .startsWith(sluice.get("minValues").get("long_text").asText());
        assertThat(sluice.get("maxValues").has("long_text")).isFalse();
        // data skipping uses them: a filter outside every file's range reads no file
        assertThat(spark.read().format("delta").load(bySluice).where("id > 1000").inputFiles()).isEmpty();

        Row history = spark.sql("DESCRIBE HISTORY delta.`" + bySluice + "` LIMIT 1").first();
        assertThat(history.<String>getAs("operation")).isEqualTo("WRITE");
        Map<String, String> metrics = CollectionConverters.asJava(history.<scala.collection.Map<String, String>>getAs(
                "operationMetrics"));
        assertThat(metrics).containsEntry("numOutputRows", "50").containsEntry("numFiles", "1");
        assertThat(DeltaTables.lastCommit(spark, bySluice).orElseThrow().rowsWritten()).isEqualTo(50);
    }

    @Test
    void aTableThatDoesNotExistIsCreatedByTheCommitOfItsFirstFiles(SparkSession spark, @TempDir Path dir) {
        String table = dir.resolve("new").toString();
        Dataset<Row> rows = spark.sql("SELECT id, 'x' AS name FROM range(4)");
        DeltaCommits.NewTable create = new DeltaCommits.NewTable(rows.schema(), Optional.of("the rows of a test"),
                Map.of("sluice.owner", "data@example.com"));

        long version = DeltaCommits.commit(spark, DeltaCommits.moveIn(spark, table, stage(spark, rows, dir)),
                DeltaCommits.Replace.ALL, Optional.of(rows.schema()), Optional.empty(), Optional.of(create));

        assertThat(version).isZero();
        assertThat(spark.read().format("delta").load(table).exceptAll(rows).count()).isZero();
        Row detail = spark.sql("DESCRIBE DETAIL delta.`" + table + "`").select("description", "properties").first();
        assertThat(detail.getString(0)).isEqualTo("the rows of a test");
        assertThat(CollectionConverters.asJava(detail.<String, String>getMap(1)))
                .containsEntry("sluice.owner", "data@example.com");
        assertThat(spark.read().format("delta").load(table).schema().fields())
                .allSatisfy(f -> assertThat(f.nullable()).isTrue());
    }

    @Test
    void anOverwriteReplacesTheFilesAndTheSchema(SparkSession spark, @TempDir Path dir) {
        String table = dir.resolve("t").toString();
        spark.sql("SELECT id, 'old' AS gone FROM range(5)").write().format("delta").save(table);
        Dataset<Row> next = spark.sql("SELECT id, 'new' AS added FROM range(3)");

        DeltaCommits.commit(spark, table, stage(spark, next, dir), DeltaCommits.Replace.ALL,
                Optional.of(next.schema().asNullable()), Optional.empty());

        Dataset<Row> read = spark.read().format("delta").load(table);
        assertThat(read.columns()).containsExactly("id", "added");
        assertThat(read.count()).isEqualTo(3);
    }

    @Test
    void filesMovedInButNotCommittedAreNotRows(SparkSession spark, @TempDir Path dir) throws Exception {
        String table = dir.resolve("t").toString();
        spark.sql("SELECT id FROM range(5)").write().format("delta").save(table);
        List<StagedFile> staged = stage(spark, spark.sql("SELECT id FROM range(100, 103)"), dir);
        Path file = Path.of(java.net.URI.create(staged.get(0).path()));
        Files.move(file, Path.of(table).resolve(file.getFileName()));

        assertThat(spark.read().format("delta").load(table).count()).isEqualTo(5);
    }

    @Test
    void aCommitAfterAnotherWritersCommitOnAReplacedTableIsAConflict(SparkSession spark, @TempDir Path dir) {
        String table = dir.resolve("t").toString();
        spark.sql("SELECT id FROM range(5)").write().format("delta").save(table);
        List<StagedFile> staged = stage(spark, spark.sql("SELECT id FROM range(3)"), dir);
        // a transaction that read the whole table, then another writer's commit, then ours
        var txn = DeltaLog.forTable(spark, table).startTransaction(Option.empty(), Option.empty());
        txn.filterFiles();
        spark.sql("SELECT id FROM range(7, 9)").write().format("delta").mode("append").save(table);

        assertThatThrownBy(() -> txn.commit(CollectionConverters.asScala(List.<org.apache.spark.sql.delta.actions.Action>of(
                        files(spark, table).get(0).removeWithTimestamp(0, true))).toSeq(),
                new org.apache.spark.sql.delta.DeltaOperations.Truncate()))
                .satisfies(e -> assertThat(DeltaTables.concurrentCommit(e)).isPresent());
        assertThat(staged).isNotEmpty();
    }
}
