package io.sluice.testing;

import org.apache.spark.sql.SparkSession;

/** The settings of every test SparkSession: small, local, quiet, UTC, with Delta Lake. */
public final class TestSpark {
    private TestSpark() {
    }

    /**
     * The test JVM's one session, for helpers that need one where no test parameter reaches (a landing context):
     * the session {@link SparkExtension} hands out when it already exists, else built here and then handed out by
     * it.
     */
    public static SparkSession session() {
        return builder().getOrCreate();
    }

    public static SparkSession.Builder builder() {
        return SparkSession.builder()
                .appName("sluice-test")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2");
    }
}
