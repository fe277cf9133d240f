package io.sluice.compat.write;

import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Writes rows bound for several tables in one Spark job: each row carries a zone column and the columns of every
 * zone; each zone's files hold only that zone's columns, under that zone's names ({@link ZoneSplitFileFormat}).
 * The files land in {@code <staging>/<zoneColumn>=<zone>/} through Spark's commit protocol (a failed task or job
 * leaves no file there), with Delta statistics read from their footers afterwards.
 *
 * <p>The session's {@code spark.sql.maxConcurrentOutputFileWriters} is raised to the number of zones if lower:
 * each task then keeps one writer per zone open instead of sorting its rows by zone first (a sort holds every row
 * of the task, in memory or spilled).
 */
public final class ZoneSplitWriter {
    private static final String CONCURRENT_WRITERS = "spark.sql.maxConcurrentOutputFileWriters";

    private ZoneSplitWriter() {
    }

    /**
     * @param rows       the superset rows, with {@code zoneColumn}
     * @param columns    for each zone, its (row column, file column) pairs in file order
     * @param staging    a folder only this write uses; replaced if it exists (a crashed attempt's files)
     * @return the files written, by zone (every zone of {@code columns}, possibly with no file)
     */
    public static Map<String, List<StagedFile>> write(Dataset<Row> rows, String zoneColumn,
                                                       Map<String, List<Map.Entry<String, String>>> columns,
                                                       String staging) {
        // Spark sorts each task's rows by the partition column unless it may keep a writer per zone open
        var conf0 = rows.sparkSession().conf();
        if (Integer.parseInt(conf0.get(CONCURRENT_WRITERS, "0")) < columns.size()) {
            conf0.set(CONCURRENT_WRITERS, Integer.toString(columns.size()));
        }
        rows.write().format(ZoneSplitFileFormat.class.getName())
                .option(ZoneSplitFileFormat.ZONES_OPTION, ZoneLayout.toJson(columns))
                .partitionBy(zoneColumn).mode("overwrite").save(staging);
        Configuration conf = rows.sparkSession().sparkContext().hadoopConfiguration();
        Map<String, List<StagedFile>> files = new LinkedHashMap<>();
        for (Map.Entry<String, List<Map.Entry<String, String>>> zone : columns.entrySet()) {
            StructType schema = schemaOf(rows.schema(), zone.getValue());
            files.put(zone.getKey(), read(new Path(staging, zoneColumn + "=" + zone.getKey()), schema, conf));
        }
        return files;
    }

    private static StructType schemaOf(StructType rows, List<Map.Entry<String, String>> pairs) {
        StructType schema = new StructType();
        for (Map.Entry<String, String> p : pairs) {
            schema = schema.add(p.getValue(), rows.apply(p.getKey()).dataType(), true);
        }
        return schema;
    }

    /** The Parquet files of one zone folder with their footers' statistics, read a few at a time. */
    private static List<StagedFile> read(Path folder, StructType schema, Configuration conf) {
        List<FileStatus> statuses = new ArrayList<>();
        try {
            FileSystem fs = folder.getFileSystem(conf);
            if (!fs.exists(folder)) {
                return List.of();
            }
            for (FileStatus status : fs.listStatus(folder)) {
                String name = status.getPath().getName();
                if (status.isFile() && !name.startsWith("_") && !name.startsWith(".") && name.endsWith(".parquet")) {
                    statuses.add(status);
                }
            }
        } catch (IOException e) {
            throw unreadable(folder, e);
        }
        if (statuses.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, statuses.size()), r -> {
            Thread t = new Thread(r, "sluice-footers");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<StagedFile>> pending = new ArrayList<>();
            for (FileStatus status : statuses) {
                pending.add(pool.submit(() -> FooterStats.read(status, schema, conf)));
            }
            List<StagedFile> files = new ArrayList<>();
            for (Future<StagedFile> f : pending) {
                files.add(f.get());
            }
            return files;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(StandardErrorCode.INTERRUPTED, "interrupted while reading the staged files of "
                    + folder + "; the run did not finish, run it again", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? unreadable(folder, io)
                    : cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static SluiceException unreadable(Path folder, IOException e) {
        return new SluiceException(StandardErrorCode.STORAGE_FAILED, "the files just written to " + folder
                + " cannot be listed or read (" + e.getMessage() + "); nothing was committed. Check the lake's"
                + " storage and run again", e);
    }
}
