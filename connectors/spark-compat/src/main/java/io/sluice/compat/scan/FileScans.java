package io.sluice.compat.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.LocalTableScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.sql.execution.datasources.FileScanRDD;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The file scans of a query's physical plan, read on the driver without running anything: which splits of which
 * files each task will read. Spark packs small files into one task and splits large ones over several; when it did
 * neither, a record's position in its task is its position in its file.
 *
 * <p>Spark has no public API for this: it is read from {@code FileSourceScanExec} and its {@code FileScanRDD}.
 */
public final class FileScans {
    private FileScans() {
    }

    /**
     * The tasks of each file scan of the plan, in plan order, each task as the file splits it reads in order.
     * Empty when the plan reads anything else than files and local rows (a leaf that is not a file scan, or a
     * file scan Spark does not read through its {@code FileScanRDD}): then nothing can be said about positions.
     */
    public static Optional<List<List<List<FileSplit>>>> plannedTasks(Dataset<?> df) {
        List<List<List<FileSplit>>> scans = new ArrayList<>();
        boolean[] other = {false};
        // foreach over a Scala tree: the lambda must return something, and Scala's Unit is BoxedUnit to Java
        df.queryExecution().sparkPlan().foreach(node -> {
            visit(node, scans, other);
            return scala.runtime.BoxedUnit.UNIT;
        });
        return other[0] ? Optional.empty() : Optional.of(scans);
    }

    /**
     * Whether the plan reads files only, at least one, and every task of it reads exactly one whole file: then
     * each task sees the records of its file in file order.
     */
    public static boolean readsOneWholeFilePerTask(Dataset<?> df) {
        return plannedTasks(df).filter(scans -> !scans.isEmpty())
                .map(scans -> scans.stream().flatMap(List::stream)
                        .allMatch(task -> task.size() == 1 && task.get(0).isWholeFile()))
                .orElse(false);
    }

    private static void visit(SparkPlan node, List<List<List<FileSplit>>> scans, boolean[] other) {
        if (node instanceof FileSourceScanExec scan && scan.inputRDD() instanceof FileScanRDD rdd) {
            List<List<FileSplit>> tasks = new ArrayList<>();
            for (FilePartition partition : CollectionConverters.asJava(rdd.filePartitions())) {
                List<FileSplit> splits = new ArrayList<>();
                for (PartitionedFile file : partition.files()) {
                    splits.add(new FileSplit(file.urlEncodedPath(), file.start(), file.length(), file.fileSize()));
                }
                tasks.add(List.copyOf(splits));
            }
            scans.add(List.copyOf(tasks));
        } else if (node.children().isEmpty() && !(node instanceof LocalTableScanExec)) {
            other[0] = true;
        }
    }
}
