package io.sluice.connector.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.LocalTableScanExec;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.sql.execution.datasources.FileScanRDD;
import org.apache.spark.sql.execution.datasources.PartitionedFile;

/**
 * Reads the file scans of a query's physical plan on the driver, without running anything: which splits of
 * which files each task will read. Spark packs small files into one task and splits large ones over several;
 * when it did neither (files of similar size, each below the split size: a typical delivery of a few large
 * files), a record's position in its task is its position in its file.
 */
final class WholeFileScans {
    private WholeFileScans() {
    }

    /**
     * The task partitions of each file scan of the plan, in plan order; empty when the plan reads anything else
     * (a leaf that is not a file scan, or a file scan Spark does not read through its {@code FileScanRDD}).
     */
    static Optional<List<List<FilePartition>>> scans(Dataset<Row> df) {
        List<List<FilePartition>> scans = new ArrayList<>();
        boolean[] other = {false};
        df.queryExecution().sparkPlan().foreach(node -> {
            if (node instanceof FileSourceScanExec scan && scan.inputRDD() instanceof FileScanRDD rdd) {
                scans.add(scala.jdk.javaapi.CollectionConverters.asJava(rdd.filePartitions()));
            } else if (node.children().isEmpty() && !(node instanceof LocalTableScanExec)) {
                other[0] = true;
            }
            return scala.runtime.BoxedUnit.UNIT;
        });
        return other[0] ? Optional.empty() : Optional.of(scans);
    }

    static boolean oneWholeFilePerPartition(Dataset<Row> df) {
        return scans(df).filter(scans -> !scans.isEmpty())
                .map(scans -> scans.stream().flatMap(List::stream).allMatch(WholeFileScans::oneWholeFile))
                .orElse(false);
    }

    private static boolean oneWholeFile(FilePartition partition) {
        PartitionedFile[] files = partition.files();
        return files.length == 1 && files[0].start() == 0 && files[0].length() == files[0].fileSize();
    }
}
