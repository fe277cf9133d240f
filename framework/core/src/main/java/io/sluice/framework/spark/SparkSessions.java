package io.sluice.framework.spark;


import java.io.IOException;
import io.sluice.compat.cache.RowCacheSerializer;
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

    /** The HotSpot option that lets the JIT compile Spark's large generated methods. */
    public static final String COMPILE_HUGE_METHODS = "-XX:-DontCompileHugeMethods";

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
        boolean submitted = System.getProperty("spark.master") != null;
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        // Under spark-submit the cluster's own settings (--conf, spark-defaults.conf) arrive as system properties:
        // Sluice adds what it needs to them and never replaces what an operator set.
        builder.config("spark.sql.extensions", withDelta(System.getProperty("spark.sql.extensions")));
        Map<String, String> defaults = new java.util.LinkedHashMap<>();
        defaults.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        defaults.put("spark.sql.session.timeZone", "UTC");
        defaults.put("spark.ui.showConsoleProgress", "false");
        // Spark's default redaction misses ABFS account keys (fs.azure.account.key.<host>)
        defaults.put("spark.redaction.regex", "(?i)secret|password|token|access[.]?key|account[.]key");
        defaults.put("spark.hadoop.mapreduce.outputcommitter.factory.scheme.abfs", PATH_OUTPUT_COMMITTER_FACTORY);
        defaults.put("spark.hadoop.mapreduce.outputcommitter.factory.scheme.abfss", PATH_OUTPUT_COMMITTER_FACTORY);
        // The only cache a run makes is the publisher's checked rows, kept between the error and the valid write
        // and dropped after: compressing its columns saved local disk only and slowed the validation pass
        // (measurements of this block: docs/benchmark.md, "Measurements behind the code").
        defaults.put("spark.sql.inMemoryColumnarStorage.compressed", "false");
        // ... and kept as rows, not columns: building the columns cost about as much as checking the rows
        defaults.put("spark.sql.cache.serializer", RowCacheSerializer.class.getName());
        // ... and let adaptive execution size the kept plan's shuffle (a key's uniqueness check) by its data, as
        // it does for any other plan: Spark's default keeps spark.sql.shuffle.partitions partitions in a cached
        // plan, so a keyed dataset of 100 rows ran every later stage as that many tasks and wrote that many files
        // per table and run (200 under spark-submit).
        defaults.put("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true");
        // HotSpot leaves a method over 8,000 bytes of bytecode to the interpreter unless told otherwise. Spark's
        // own limit (64 KB) let a dataset of 30-50 columns be validated by such a method: at 40 columns the
        // checking pass took about twice as long. Above 8,000 bytes Spark
        // runs the operators without fusing them, in small methods the JIT compiles (Spark's documentation advises
        // it). bin/sluice starts the JVM with -XX:-DontCompileHugeMethods instead: fused and compiled, the same
        // pass is faster still.
        String taskMaster = submitted ? System.getProperty("spark.master") : master;
        if (!compilesHugeMethods(taskMaster, System.getProperty("spark.executor.extraJavaOptions"),
                thisJvmCompilesHugeMethods())) {
            defaults.put("spark.sql.codegen.hugeMethodLimit", "8000");
        }
        if (!submitted) {
            builder.master(master);
            defaults.put("spark.driver.host", "127.0.0.1");
            defaults.put("spark.driver.bindAddress", "127.0.0.1");
            defaults.put("spark.ui.enabled", "false");
            // Embedded runs are mostly many small tables on few cores: Spark's defaults (200 shuffle partitions,
            // 50 Delta log-replay partitions) cost seconds per job there. Halved the example's run time here.
            int cores = Runtime.getRuntime().availableProcessors();
            defaults.put("spark.sql.shuffle.partitions", Integer.toString(2 * cores));
            defaults.put("spark.databricks.delta.snapshotPartitions", Integer.toString(Math.max(2, cores)));
        }
        defaults.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                builder.config(key, value);
            }
        });
        settings.forEach((key, value) -> {
            if (key.equals("spark.master") && submitted) {
                LOG.warn("spark.master in sluice.yaml is ignored: spark-submit chose {}", System.getProperty("spark.master"));
            } else if (!key.equals("spark.sql.extensions")) {
                builder.config(key, value);
            }
        });
        if (settings.containsKey("spark.sql.extensions")) {
            builder.config("spark.sql.extensions", withDelta(settings.get("spark.sql.extensions")));
        }
        boolean existing = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = builder.getOrCreate();
        if (!existing) {
            spark.sparkContext().addSparkListener(new CloseFileSystemsAtEnd());
        }
        return spark;
    }

    /**
     * Whether the JVMs that run the tasks compile methods over 8,000 bytes of bytecode: this JVM when the master is
     * local, else the executors, when their options say so.
     */
    static boolean compilesHugeMethods(String master, String executorOptions, boolean thisJvm) {
        if (master.startsWith("local")) {
            return thisJvm;
        }
        return executorOptions != null && executorOptions.contains(COMPILE_HUGE_METHODS);
    }

    private static boolean thisJvmCompilesHugeMethods() {
        try {
            var hotSpot = java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotSpot != null && "false".equals(hotSpot.getVMOption("DontCompileHugeMethods").getValue());
        } catch (IllegalArgumentException notHotSpot) {
            return false;
        }
    }

    /** Delta's session extension added to a comma-separated list of extensions another setting holds. */
    static String withDelta(String extensions) {
        String delta = "io.delta.sql.DeltaSparkSessionExtension";
        if (extensions == null || extensions.isBlank()) {
            return delta;
        }
        return java.util.Arrays.asList(extensions.split("\\s*,\\s*")).contains(delta) ? extensions
                : extensions + "," + delta;
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
