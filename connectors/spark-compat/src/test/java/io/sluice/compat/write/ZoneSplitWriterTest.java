package io.sluice.compat.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what the one-pass publish relies on in Spark's file writer: a custom {@code FileFormat} named by class in
 * {@code DataFrameWriter.format}, {@code prepareWrite} called once per job with the write options, one
 * {@code OutputWriter} per task whose path's folder is the task's, so that files written next to it are committed
 * with it, and Spark's Parquet writer taking its schema from the task configuration.
 */
@ExtendWith(SparkExtension.class)
class ZoneSplitWriterTest {

    private static Dataset<Row> superset(SparkSession spark, int rows) {
        // "amount" is a decimal in the valid files and the text it came from in the error files
        return spark.range(0, rows, 1, 3).select(
                when(col("id").mod(10).equalTo(0), lit("error")).otherwise(lit("valid")).as("_zone"),
                col("id").as("_v0"),
                expr("CAST(id * 1.5 AS DECIMAL(10,2))").as("_v1"),
                expr("CAST(id AS STRING)").as("_e0"),
                expr("CONCAT('x', CAST(id AS STRING))").as("_e1"),
                lit("run-1").as("_run_id"));
    }

    private static final Map<String, List<Map.Entry<String, String>>> COLUMNS = Map.of(
            "valid", List.of(Map.entry("_v0", "id"), Map.entry("_v1", "amount"), Map.entry("_run_id", "_run_id")),
            "error", List.of(Map.entry("_e0", "id"), Map.entry("_e1", "amount"), Map.entry("_run_id", "_run_id")));

    @Test
    void eachZoneFileHasItsOwnColumnsUnderItsOwnNamesWrittenByOneJob(SparkSession spark, @TempDir Path dir)
            throws Exception {
        AtomicInteger jobs = new AtomicInteger();
        SparkListener counter = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }
        };
        Dataset<Row> rows = superset(spark, 1000);
        rows.count(); // plans and runs the source once, outside the counted window
        spark.sparkContext().listenerBus().waitUntilEmpty();
        spark.sparkContext().addSparkListener(counter);
        Map<String, List<StagedFile>> files;
        try {
            files = ZoneSplitWriter.write(rows, "_zone", COLUMNS, dir.resolve("staging").toString());
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
        assertThat(jobs.get()).as("Spark jobs of the write").isEqualTo(1);

        assertThat(files.get("valid")).isNotEmpty();
        assertThat(files.get("error")).isNotEmpty();
        assertThat(files.get("valid").stream().mapToLong(StagedFile::records).sum()).isEqualTo(900);
        assertThat(files.get("error").stream().mapToLong(StagedFile::records).sum()).isEqualTo(100);

        Dataset<Row> valid = spark.read().parquet(files.get("valid").stream().map(StagedFile::path).toArray(String[]::new));
        assertThat(valid.schema().simpleString()).isEqualTo("struct<id:bigint,amount:decimal(10,2),_run_id:string>");
        assertThat(valid.where("id = 7").first().getDecimal(1)).isEqualByComparingTo("10.50");

        Dataset<Row> error = spark.read().parquet(files.get("error").stream().map(StagedFile::path).toArray(String[]::new));
        assertThat(error.schema().simpleString()).isEqualTo("struct<id:string,amount:string,_run_id:string>");
        assertThat(error.where("id = '20'").first().getString(1)).isEqualTo("x20");
        assertThat(error.where("id % 10 != 0").count()).isZero();
    }

    @Test
    void aZoneWithoutRowsHasNoFileAndAStagingFolderIsReplaced(SparkSession spark, @TempDir Path dir) {
        String staging = dir.resolve("staging").toString();
        ZoneSplitWriter.write(superset(spark, 30), "_zone", COLUMNS, staging);

        Map<String, List<StagedFile>> files = ZoneSplitWriter.write(superset(spark, 30).where("_zone = 'valid'"),
                "_zone", COLUMNS, staging);

        assertThat(files.get("error")).isEmpty();
        assertThat(files.get("valid").stream().mapToLong(StagedFile::records).sum()).isEqualTo(27);
    }
}
