package io.sluice.connector.files;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.LocalTableScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.sql.execution.datasources.FileScanRDD;
import org.apache.spark.sql.execution.datasources.PartitionedFile;

/**
 * Tells from a read's physical plan, on the driver and without running anything, whether every task of the scan
 * reads exactly one whole file. Spark packs small files into one task and splits large ones over several; when
 * it did neither (files of similar size, each below the split size: a typical delivery of a few large files),
 * a record's position in its task is its position in its file.
 */
final class WholeFileScans {
    private WholeFileScans() {
    }

    static boolean oneWholeFilePerPartition(Dataset<Row> df) {
        SparkPlan plan = df.queryExecution().sparkPlan();
        boolean[] whole = {true};
        boolean[] scanned = {false};
        plan.foreach(node -> {
            if (node instanceof FileSourceScanExec scan) {
                scanned[0] = true;
                whole[0] &= wholeFiles(scan);
            } else if (node.children().isEmpty() && !(node instanceof LocalTableScanExec)) {
                whole[0] = false;
            }
            return scala.runtime.BoxedUnit.UNIT;
        });
        return scanned[0] && whole[0];
    }

    private static boolean wholeFiles(FileSourceScanExec scan) {
        if (!(scan.inputRDD() instanceof FileScanRDD rdd)) {
            return false;
        }
        for (FilePartition partition : scala.jdk.javaapi.CollectionConverters.asJava(rdd.filePartitions())) {
            PartitionedFile[] files = partition.files();
            if (files.length != 1 || files[0].start() != 0 || files[0].length() != files[0].fileSize()) {
                return false;
            }
        }
        return true;
    }
}
