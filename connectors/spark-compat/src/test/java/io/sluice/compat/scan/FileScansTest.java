package io.sluice.compat.scan;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.shiftright;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins how Spark plans the tasks of a file scan, which the files connector's line numbering relies on (a record's
 * line is its position in its task when each task reads one whole file). The test session runs on two cores with
 * Spark's default split settings: 128 MB per split at most, 4 MB "open cost" per file.
 */
@ExtendWith(SparkExtension.class)
class FileScansTest {

    @Test
    void asManySmallFilesAsCoresAreReadOneWholeFilePerTask(SparkSession spark, @TempDir Path dir) throws IOException {
        write(dir, "a.txt", 5);
        write(dir, "b.txt", 5);

        Dataset<Row> lines = spark.read().text(dir.toString());

        List<List<List<FileSplit>>> scans = FileScans.plannedTasks(lines).orElseThrow();
        assertThat(scans).hasSize(1);
        assertThat(scans.get(0)).hasSize(2).allSatisfy(task -> assertThat(task).singleElement()
                .satisfies(split -> assertThat(split.isWholeFile()).isTrue()));
        assertThat(scans.get(0).stream().map(task -> task.get(0).path()))
                .anySatisfy(p -> assertThat(p).endsWith("/a.txt")).anySatisfy(p -> assertThat(p).endsWith("/b.txt"));
        assertThat(FileScans.readsOneWholeFilePerTask(lines)).isTrue();
    }

    @Test
    void moreSmallFilesThanCoresArePackedTogether(SparkSession spark, @TempDir Path dir) throws IOException {
        for (String name : List.of("a.txt", "b.txt", "c.txt", "d.txt")) {
            write(dir, name, 5);
        }

        Dataset<Row> lines = spark.read().text(dir.toString());

        assertThat(FileScans.plannedTasks(lines).orElseThrow()).singleElement()
                .satisfies(tasks -> assertThat(tasks).hasSize(2).allSatisfy(task -> assertThat(task).hasSize(2)
                        .allSatisfy(split -> assertThat(split.isWholeFile()).isTrue())));
        assertThat(FileScans.readsOneWholeFilePerTask(lines)).isFalse();
    }

    @Test
    void aFileLargerThanTheSplitSizeIsReadByContiguousSplits(SparkSession spark, @TempDir Path dir)
            throws IOException {
        long size = write(dir, "big.txt", 100);
        String before = spark.conf().get("spark.sql.files.maxPartitionBytes");
        spark.conf().set("spark.sql.files.maxPartitionBytes", "64");
        try {
            Dataset<Row> lines = spark.read().text(dir.toString());

            List<List<FileSplit>> tasks = FileScans.plannedTasks(lines).orElseThrow().get(0);
            assertThat(tasks).hasSizeGreaterThan(1).allSatisfy(task -> assertThat(task).hasSize(1));
            long next = 0;
            for (List<FileSplit> task : tasks) {
                FileSplit split = task.get(0);
                assertThat(split.fileSize()).isEqualTo(size);
                assertThat(split.start()).isEqualTo(next);
                assertThat(split.length()).isLessThanOrEqualTo(64);
                next += split.length();
            }
            assertThat(next).isEqualTo(size);
            assertThat(FileScans.readsOneWholeFilePerTask(lines)).isFalse();

            // the files connector's numbering of split files: a row's split is its _metadata.file_block_start,
            // and its line is the split's first line plus its distance from the split's smallest row id
            List<Row> rows = lines.select(col("value"), col("_metadata.file_block_start").as("split"),
                    monotonically_increasing_id().as("row")).collectAsList();
            assertThat(rows.stream().map(r -> r.getLong(1)).distinct().sorted())
                    .containsExactlyElementsOf(tasks.stream().map(task -> task.get(0).start()).sorted().toList());
            Map<Long, Long> firstRowOfSplit = new HashMap<>();
            Map<Long, Integer> firstLineOfSplit = new HashMap<>();
            for (Row r : rows) {
                firstRowOfSplit.merge(r.getLong(1), r.getLong(2), Math::min);
                firstLineOfSplit.merge(r.getLong(1), lineIndex(r.getString(0)), Math::min);
            }
            assertThat(rows).hasSize(100).allSatisfy(r -> assertThat(lineIndex(r.getString(0))).isEqualTo(
                    firstLineOfSplit.get(r.getLong(1)) + r.getLong(2) - firstRowOfSplit.get(r.getLong(1))));
        } finally {
            spark.conf().set("spark.sql.files.maxPartitionBytes", before);
        }
    }

    @Test
    void aPlanReadingAnythingButFilesAndLocalRowsHasNoPlannedTasks(SparkSession spark, @TempDir Path dir)
            throws IOException {
        write(dir, "a.txt", 3);
        Dataset<Row> files = spark.read().text(dir.toString());
        Dataset<Row> range = spark.range(3).select(col("id").cast(DataTypes.StringType).as("value"));
        Dataset<Row> local = spark.createDataFrame(List.of(RowFactory.create("x")),
                new StructType().add("value", DataTypes.StringType));

        assertThat(FileScans.plannedTasks(range)).isEmpty();
        assertThat(FileScans.plannedTasks(files.union(range))).isEmpty();
        assertThat(FileScans.readsOneWholeFilePerTask(range)).isFalse();
        assertThat(FileScans.plannedTasks(local)).isEqualTo(Optional.of(List.of()));
        assertThat(FileScans.readsOneWholeFilePerTask(local)).isFalse();
        assertThat(FileScans.plannedTasks(files.union(local)).orElseThrow()).hasSize(1);
    }

    @Test
    void inATaskReadingOneWholeFileTheRowIdsLowerBitsAreTheRecordsIndexInItsFile(SparkSession spark,
                                                                                  @TempDir Path dir)
            throws IOException {
        write(dir, "a.txt", 7);
        write(dir, "b.txt", 7);
        // the files connector's numbering: evaluated in the scan's own stage, masked to the row in the partition
        Dataset<Row> numbered = spark.read().text(dir.toString())
                .select(col("value"), col("_metadata.file_name").as("file"),
                        monotonically_increasing_id().bitwiseAND(lit((1L << 33) - 1)).as("index"),
                        shiftright(monotonically_increasing_id(), 33).as("task"));

        assertThat(FileScans.readsOneWholeFilePerTask(numbered)).isTrue();
        List<Row> rows = numbered.collectAsList();
        assertThat(rows).hasSize(14).allSatisfy(r ->
                assertThat(r.getString(0)).isEqualTo(r.getString(1) + " line " + String.format("%03d", r.getLong(2))));
        assertThat(rows.stream().map(r -> r.getLong(3)).distinct()).as("tasks").hasSize(2);
        assertThat(rows.stream().map(r -> r.getString(1) + "@" + r.getLong(3)).distinct())
                .as("one task per file").hasSize(2);
    }

    private static int lineIndex(String line) {
        return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** A file of {@code lines} equal-width lines "<name> line <i>", i from 0; returns its size in bytes. */
    private static long write(Path dir, String name, int lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(name).append(" line ").append(String.format("%03d", i)).append('\n');
        }
        return Files.size(Files.writeString(dir.resolve(name), text));
    }
}
