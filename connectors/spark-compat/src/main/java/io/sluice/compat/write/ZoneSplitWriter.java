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
 * zone; each task writes one file per zone it has rows for, holding only that zone's columns, under that zone's
 * names ({@link ZoneSplitFileFormat}). The files land in {@code <staging>/}, named {@code <zone>-part-…}, through
 * Spark's commit protocol (a failed task or job leaves no file there), with Delta statistics read from their
 * footers afterwards.
 *
 * <p>The write is not partitioned: Spark's partitioned writes sort each task's rows (or keep writers per
 * partition value) and, with the file output committer, rename partition folders, which Azure Blob storage without
 * a hierarchical namespace does not handle (the HEAD of a renamed folder fails). Here each task's one output
 * writer routes its rows itself.
 */
public final class ZoneSplitWriter {
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
        rows.write().format(ZoneSplitFileFormat.class.getName())
                .option(ZoneSplitFileFormat.ZONES_OPTION, ZoneLayout.toJson(columns))
                .option(ZoneSplitFileFormat.ZONE_COLUMN_OPTION, zoneColumn)
                .mode("overwrite").save(staging);
        Configuration conf = rows.sparkSession().sparkContext().hadoopConfiguration();
        Map<String, List<StagedFile>> files = new LinkedHashMap<>();
        for (Map.Entry<String, List<Map.Entry<String, String>>> zone : columns.entrySet()) {
            StructType schema = schemaOf(rows.schema(), zone.getValue());
            files.put(zone.getKey(), read(new Path(staging), ZoneWriterFactory.filePrefix(zone.getKey()), schema,
                    conf));
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
    private static List<StagedFile> read(Path folder, String prefix, StructType schema, Configuration conf) {
        List<FileStatus> statuses = new ArrayList<>();
        try {
            FileSystem fs = folder.getFileSystem(conf);
            if (!fs.exists(folder)) {
                return List.of();
            }
            for (FileStatus status : fs.listStatus(folder)) {
                String name = status.getPath().getName();
                if (status.isFile() && name.startsWith(prefix) && name.endsWith(".parquet")) {
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
