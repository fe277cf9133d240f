package io.sluice.connector.files;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.sluice.connector.LandedFile;
import io.sluice.connector.LineMark;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers the records of a line-based scan from the scan's own plan, without running a Spark job.
 *
 * <p>Spark reads a large file in splits and may pack several splits (or small files) into one task. The driver
 * knows every task's splits from the physical plan. A split beginning at byte {@code s} starts with the record
 * after the first line break at or after {@code s}; how many records precede it is read from the file, starting at
 * the nearest {@link LineMark} the landing recorded (at most {@link RecordCounter#MARK_EVERY} bytes before
 * {@code s}; a split at Spark's default 128 MiB boundaries reads one line). A row's line is then its
 * {@code monotonically_increasing_id} (the task's index in the upper bits, the row's position in its task in the
 * lower) plus a constant per split.
 *
 * <p>The constants hold only for the splits they were computed for. Each row checks that it comes from the split
 * its task was planned with, and the scan fails instead of numbering wrongly when Spark split the files otherwise
 * when it ran (say, a cluster that grew between planning and running).
 */
final class SplitLines {
    private static final Logger LOG = LoggerFactory.getLogger(SplitLines.class);
    /** Without a mark, a reader may scan this far from the start of a file; beyond, the caller counts instead. */
    private static final long MAX_SCAN = 64L << 20;
    /** Beyond this many splits sharing tasks with others, the per-row lookup would cost more than a count. */
    private static final int MAX_PACKED = 64;

    private final boolean delimited;
    private final boolean header;
    private final Configuration conf;
    private final Map<String, LandedFile> landed = new HashMap<>();
    private final Map<String, Long> counted = new HashMap<>();
    private final CompressionCodecFactory codecs;

    private SplitLines(FileExtract extract, List<LandedFile> files, Configuration conf) {
        this.delimited = extract.format().isDelimited();
        this.header = extract.header();
        this.conf = conf;
        this.codecs = new CompressionCodecFactory(conf);
        for (LandedFile f : files) {
            landed.put(qualified(f.path()), f);
        }
    }

    /**
     * The line of each row of {@code df}, a single scan of {@code files} with the row-id, file-name and
     * block-start columns given (a row's split is told by its task, its file's name and its split's start).
     * Empty when it cannot be had without counting (several scans, a split without a nearby mark, many packed
     * splits): the caller then counts.
     */
    static Optional<Column> lines(Dataset<Row> df, FileExtract extract, List<LandedFile> files, Configuration conf,
                                  int firstLine, String what, Column rowId, Column name, Column blockStart) {
        if (!RecordCounter.splitsAtLineBreakBytes(extract)) {
            return Optional.empty();
        }
        Optional<List<FilePartition>> partitions = singleScan(df);
        if (partitions.isEmpty()) {
            return Optional.empty();
        }
        try {
            return new SplitLines(extract, files, conf)
                    .build(partitions.get(), firstLine, what, rowId, name, blockStart);
        } catch (UncheckedIOException e) {
            LOG.warn("{}: numbering records from the landed files failed ({}); counting them instead", what,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Column> build(List<FilePartition> partitions, int firstLine, String what, Column rowId,
                                   Column name, Column blockStart) {
        int n = partitions.size();
        Long[] singleShift = new Long[n];
        Long[] singleStart = new Long[n];
        String[] singleName = new String[n];
        List<String> packedKeys = new ArrayList<>();
        List<Long> packedShifts = new ArrayList<>();
        for (FilePartition partition : partitions) {
            int index = partition.index();
            PartitionedFile[] splits = partition.files();
            long inTask = 0;
            for (PartitionedFile split : splits) {
                LandedFile file = landed.get(qualified(split.toPath().toString()));
                boolean whole = split.start() == 0 && split.length() >= split.fileSize();
                if (file == null || !whole && codecs.getCodec(split.toPath()) != null) {
                    // a splittable compressed file (bzip2) is split at compressed offsets: counted instead
                    return Optional.empty();
                }
                Optional<Long> before = recordsBefore(file, split.start());
                Optional<Long> through = recordsBefore(file, split.start() + split.length());
                if (before.isEmpty() || through.isEmpty()) {
                    return Optional.empty();
                }
                long shift = before.get() + firstLine - inTask - ((long) index << 33);
                if (splits.length == 1) {
                    singleShift[index] = shift;
                    singleStart[index] = split.start();
                    singleName[index] = metadataName(split);
                } else {
                    packedKeys.add(index + "#" + split.start() + "#" + metadataName(split));
                    packedShifts.add(shift);
                }
                inTask += through.get() - before.get();
            }
        }
        if (packedKeys.size() > MAX_PACKED || new java.util.HashSet<>(packedKeys).size() < packedKeys.size()) {
            // many packed splits, or two files of one name starting a split at the same offset in one task
            return Optional.empty();
        }
        Column task = shiftright(rowId, 33).plus(1).cast(DataTypes.IntegerType);
        Column single = when(try_element_at(lit(singleStart), task).equalTo(blockStart)
                .and(try_element_at(lit(singleName), task).equalTo(name)), try_element_at(lit(singleShift), task));
        Column packed = packedKeys.isEmpty() ? lit(null).cast(DataTypes.LongType)
                : try_element_at(map_from_arrays(lit(packedKeys.toArray(String[]::new)),
                        lit(packedShifts.toArray(Long[]::new))),
                        concat_ws("#", shiftright(rowId, 33).cast(DataTypes.StringType),
                                blockStart.cast(DataTypes.StringType), name));
        Column unplanned = raise_error(lit(what + ": Spark read the landed files in other splits than it had planned"
                + " (did the cluster change size during the run?), so records cannot be numbered; run again"))
                .cast(DataTypes.LongType);
        return Optional.of(rowId.plus(coalesce(single, packed, unplanned)).cast(DataTypes.LongType));
    }

    private static String metadataName(PartitionedFile split) {
        return metadataName(split.toPath());
    }

    /** The file's name as the scan's {@code _metadata.file_name} gives it: URI-encoded ({@code a%20b.csv}). */
    static String metadataName(org.apache.hadoop.fs.Path file) {
        String path = file.toUri().getRawPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Records before the first record a split starting at {@code offset} reads; empty when too far to read. */
    private Optional<Long> recordsBefore(LandedFile file, long offset) {
        if (offset == 0) {
            return Optional.of(0L);
        }
        if (offset >= file.size()) {
            return Optional.of(file.records());
        }
        String key = file.path() + "#" + offset;
        Long known = counted.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        LineMark from = null;
        for (LineMark mark : file.marks()) {
            if (mark.offset() <= offset) {
                from = mark;
            }
        }
        if (offset - (from == null ? 0 : from.offset()) > MAX_SCAN) {
            return Optional.empty();
        }
        long records = count(file, from, offset);
        counted.put(key, records);
        return Optional.of(records);
    }

    private long count(LandedFile file, LineMark from, long offset) {
        Path path = new Path(file.path());
        try (FSDataInputStream raw = path.getFileSystem(conf).open(path)) {
            LineTally tally;
            InputStream in;
            if (from == null) {
                BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
                tally = LineTally.fromStart(delimited, header, RecordCounter.skipUtf8ByteOrderMark(buffered), 0);
                in = buffered;
            } else {
                raw.seek(from.offset());
                tally = LineTally.fromMark(delimited, from);
                in = raw;
            }
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                long records = tally.feedUntilLineAfter(offset, buffer, 0, n);
                if (records >= 0) {
                    return records;
                }
            }
            return tally.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(file.path() + ": " + e.getMessage(), e);
        }
    }

    private String qualified(String path) {
        Path p = new Path(path);
        try {
            return p.getFileSystem(conf).makeQualified(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    /** The file partitions of the plan's only scan, in task order; empty when the plan reads anything else. */
    private static Optional<List<FilePartition>> singleScan(Dataset<Row> df) {
        Optional<List<FilePartition>> scan = WholeFileScans.scans(df).filter(scans -> scans.size() == 1)
                .map(scans -> scans.get(0));
        if (scan.isPresent()) {
            List<FilePartition> partitions = scan.get();
            for (int i = 0; i < partitions.size(); i++) {
                if (partitions.get(i).index() != i) {
                    return Optional.empty();
                }
            }
        }
        return scan;
    }
}
