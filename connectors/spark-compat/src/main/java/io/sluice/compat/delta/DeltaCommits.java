package io.sluice.compat.delta;

import io.sluice.compat.write.StagedFile;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.Format;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Commits data files written elsewhere (by {@code ZoneSplitWriter}) into an existing Delta table, through Delta's
 * own {@code OptimisticTransaction}: what Delta's streaming sink does with the files it wrote. The files are moved
 * into the table's folder first (a rename: the staging folder is on the same file system), then added in one commit
 * with their statistics, as a {@code WRITE} with the usual operation metrics ({@code numFiles},
 * {@code numOutputRows}, {@code numOutputBytes}). A crash before the commit leaves files in the table folder that no
 * version references: readers never see them, and {@code VACUUM} removes them.
 *
 * <p>Delta Kernel's public {@code Transaction} was the other candidate; in 4.4 it only appends (no remove actions,
 * no schema change of an existing table), which an overwrite or a snapshot dataset needs.
 */
public final class DeltaCommits {
    private DeltaCommits() {
    }

    /** What the commit does with the table's current files. */
    public enum Replace {
        /** Adds the files (an append). */
        NOTHING,
        /** Removes every current file and sets the table's schema to {@code schema} (an overwrite). */
        ALL
    }

    /** Files moved into a table's folder, not yet committed: {@link #commit} makes them the table's rows. */
    public static final class MovedFiles {
        private final String table;
        private final List<AddFile> adds;
        private final long rows;
        private final long bytes;

        private MovedFiles(String table, List<AddFile> adds, long rows, long bytes) {
            this.table = table;
            this.adds = List.copyOf(adds);
            this.rows = rows;
            this.bytes = bytes;
        }

        public int count() {
            return adds.size();
        }
    }

    /**
     * Moves staged files into the folder of {@code table} (a rename each, on the same file system). Until
     * {@link #commit}, no reader sees them.
     */
    public static MovedFiles moveIn(SparkSession spark, String table, List<StagedFile> files) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path root = new Path(table);
        List<AddFile> adds = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        try {
            FileSystem fs = root.getFileSystem(conf);
            // a rename into a folder that does not exist fails on ABFS (a first run's table)
            if (!files.isEmpty() && !fs.mkdirs(root)) {
                throw new IOException("could not create " + root);
            }
            for (StagedFile file : files) {
                Path from = new Path(file.path());
                Path to = new Path(root, from.getName());
                if (!fs.rename(from, to)) {
                    throw new IOException("could not move " + from + " to " + to);
                }
                adds.add(new AddFile(new Path(from.getName()).toUri().toString(), emptyMap(), file.size(),
                        file.modificationTime(), true, file.stats(), null, null, Option.empty(), Option.empty(),
                        Option.empty(), Option.empty(), Option.empty()));
                rows += file.records();
                bytes += file.size();
            }
        } catch (IOException e) {
            throw new SluiceException(StandardErrorCode.STORAGE_FAILED, "could not move the files of this run into "
                    + table + " (" + e.getMessage() + "); nothing was committed to the table. Check the lake's"
                    + " storage and run again", e);
        }
        return new MovedFiles(table, adds, rows, bytes);
    }

    /**
     * Commits moved files into their table, which exists, in one Delta commit.
     *
     * @param replace   what happens to the current files
     * @param schema    for {@link Replace#ALL}: the table's new schema (nullable columns), if it changes
     * @param predicate for the history: the rows the commit stands for (e.g. {@code _run_id = '…'}), if any
     * @return the version committed
     */
    public static long commit(SparkSession spark, MovedFiles files, Replace replace, Optional<StructType> schema,
                              Optional<String> predicate) {
        return commit(spark, files, replace, schema, predicate, Optional.empty());
    }

    /**
     * How to create a table that does not exist yet, in the commit that adds its first files (one commit, no Spark
     * job: creating it empty first cost a job and a commit per table).
     *
     * @param schema      the table's columns; made nullable, as Delta makes the columns of a DataFrame write
     * @param description the table's description, if any
     * @param properties  its table properties
     */
    public record NewTable(StructType schema, Optional<String> description, Map<String, String> properties) {
    }

    /**
     * {@link #commit(SparkSession, MovedFiles, Replace, Optional, Optional)}, creating the table with
     * {@code create} when none exists at the files' table path.
     */
    public static long commit(SparkSession spark, MovedFiles files, Replace replace, Optional<StructType> schema,
                              Optional<String> predicate, Optional<NewTable> create) {
        List<Action> actions = new ArrayList<>(files.adds);
        OptimisticTransaction txn = DeltaLog.forTable(spark, files.table).startTransaction(Option.empty(),
                Option.empty());
        if (txn.readVersion() < 0) {
            NewTable table = create.orElseThrow(() -> new IllegalStateException("no Delta table at " + files.table));
            txn.updateMetadataForNewTable(new Metadata(java.util.UUID.randomUUID().toString(), null,
                    table.description().orElse(null), new Format("parquet", emptyMap()),
                    table.schema().asNullable().json(), CollectionConverters.asScala(List.<String>of()).toSeq(),
                    toScala(table.properties()), Option.apply((Object) System.currentTimeMillis())));
            replace = Replace.NOTHING;
        }
        SaveMode mode = SaveMode.Append;
        if (replace == Replace.ALL) {
            mode = SaveMode.Overwrite;
            long now = System.currentTimeMillis();
            for (AddFile current : CollectionConverters.asJava(txn.filterFiles())) {
                actions.add(current.removeWithTimestamp(now, true));
            }
            if (schema.isPresent() && !schema.get().json().equals(txn.metadata().schemaString())) {
                Metadata m = txn.metadata();
                txn.updateMetadata(m.copy(m.id(), m.name(), m.description(), m.format(), schema.get().json(),
                        m.partitionColumns(), m.configuration(), m.createdTime()), false);
            }
        }
        txn.registerSQLMetrics(spark, metrics(spark, files.adds.size(), files.rows, files.bytes));
        DeltaOperations.Write operation = new DeltaOperations.Write(mode, Option.empty(),
                Option.apply(predicate.orElse(null)), Option.empty(), Option.empty(), Option.empty(), Option.empty(),
                Option.empty(), Option.empty());
        return txn.commit(CollectionConverters.asScala(actions).toSeq(), operation);
    }

    /** {@link #moveIn} then {@link #commit}. */
    public static long commit(SparkSession spark, String table, List<StagedFile> files, Replace replace,
                              Optional<StructType> schema, Optional<String> predicate) {
        return commit(spark, moveIn(spark, table, files), replace, schema, predicate);
    }

    private static scala.collection.immutable.Map<String, SQLMetric> metrics(SparkSession spark, long files,
                                                                             long rows, long bytes) {
        Map<String, Long> values = Map.of("numFiles", files, "numOutputRows", rows, "numOutputBytes", bytes);
        java.util.Map<String, SQLMetric> metrics = new java.util.HashMap<>();
        values.forEach((name, value) -> {
            SQLMetric metric = SQLMetrics.createMetric(spark.sparkContext(), name);
            metric.set(value);
            metrics.put(name, metric);
        });
        return toScala(metrics);
    }

    private static scala.collection.immutable.Map<String, String> emptyMap() {
        return toScala(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static <K, V> scala.collection.immutable.Map<K, V> toScala(java.util.Map<K, V> map) {
        return (scala.collection.immutable.Map<K, V>) scala.collection.immutable.Map$.MODULE$
                .from(CollectionConverters.asScala(map));
    }
}
