package io.sluice.framework.run;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession of a CLI run: embedded {@code local[*]} by default, Delta Lake enabled, UTC. */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * @param master   Spark master; ignored when the process was started by {@code spark-submit}, which sets it
     * @param settings extra Spark settings from the project configuration
     */
    public static SparkSession create(String appName, String master, Map<String, String> settings) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName(appName)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.showConsoleProgress", "false");
        if (System.getProperty("spark.master") == null) {
            builder.master(master);
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false");
            // Embedded runs are mostly many small tables on few cores: Spark's defaults (200 shuffle partitions,
            // 50 Delta log-replay partitions) cost seconds per job there. Halved the example's run time here.
            int cores = Runtime.getRuntime().availableProcessors();
            builder.config("spark.sql.shuffle.partitions", Integer.toString(2 * cores))
                    .config("spark.databricks.delta.snapshotPartitions", Integer.toString(Math.max(2, cores)));
        }
        settings.forEach(builder::config);
        return builder.getOrCreate();
    }
}
