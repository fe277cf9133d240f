package io.sluice.framework.run;

import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the SparkSession of a CLI run: embedded {@code local[*]} by default, Delta Lake enabled, UTC, ready for
 * {@code abfs(s)://} lakes: non-Delta writes there commit through Hadoop's classic path-output committer, and the
 * Hadoop file systems are closed when the session stops (ABFS keeps non-daemon threads that would otherwise hold
 * the JVM open).
 */
public final class SparkSessions {
    /** The committer factory for non-Delta writes to ABFS (hadoop-azure's default manifest committer fails there). */
    public static final String PATH_OUTPUT_COMMITTER_FACTORY =
            "org.apache.hadoop.mapreduce.lib.output.PathOutputCommitterFactory";

    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

    private SparkSessions() {
    }

    /**
     * @param master   Spark master; ignored when the process was started by {@code spark-submit}, which sets it
     * @param settings extra Spark settings from the project configuration ({@code ProjectConfig.sparkConf()},
     *                 which holds the {@code spark.hadoop.fs.azure.*} keys of its {@code azure} section); they win
     *                 over the defaults set here
     */
    public static SparkSession create(String appName, String master, Map<String, String> settings) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName(appName)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.showConsoleProgress", "false")
                // Spark's default redaction misses ABFS account keys (fs.azure.account.key.<host>)
                .config("spark.redaction.regex", "(?i)secret|password|token|access[.]?key|account[.]key")
                .config("spark.hadoop.mapreduce.outputcommitter.factory.scheme.abfs", PATH_OUTPUT_COMMITTER_FACTORY)
                .config("spark.hadoop.mapreduce.outputcommitter.factory.scheme.abfss", PATH_OUTPUT_COMMITTER_FACTORY);
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
        boolean existing = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = builder.getOrCreate();
        if (!existing) {
            spark.sparkContext().addSparkListener(new CloseFileSystemsAtEnd());
        }
        return spark;
    }

    /**
     * Closes every cached Hadoop file system when the application ends (its last event, posted by
     * {@code SparkContext.stop()}), so that ABFS's client threads end with the session.
     */
    static final class CloseFileSystemsAtEnd extends SparkListener {
        @Override
        public void onApplicationEnd(SparkListenerApplicationEnd end) {
            try {
                FileSystem.closeAll();
            } catch (IOException e) {
                LOG.warn("could not close the Hadoop file systems at the end of the Spark application: {}",
                        e.getMessage());
            }
        }
    }
}
