package io.sluice.compat.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Delta's per-file statistics of a Parquet file, from its footer (no data page is read): the row count, and for
 * each top-level column of a primitive type its null count, and its minimum and maximum where Delta keeps them
 * (numbers, decimals, dates, timestamps, strings; not booleans or binary). The values have Delta's JSON forms;
 * a bound is given as Delta's writer gives it (a timestamp truncated to milliseconds); a string longer than
 * {@value #STRING_PREFIX} characters keeps only a prefix as its minimum and no maximum, which data skipping
 * tolerates. Nested, array and map columns have no statistics (Delta then reads the file).
 */
final class FooterStats {
    /** Delta's {@code dataSkippingStringPrefixLength}. */
    static final int STRING_PREFIX = 32;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    private FooterStats() {
    }

    static StagedFile read(FileStatus status, StructType schema, Configuration conf) throws IOException {
        ParquetMetadata footer;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, conf))) {
            footer = reader.getFooter();
        }
        long rows = 0;
        Map<String, Statistics<?>> merged = new HashMap<>();
        for (BlockMetaData block : footer.getBlocks()) {
            rows += block.getRowCount();
            for (ColumnChunkMetaData column : block.getColumns()) {
                if (column.getPath().size() != 1) {
                    continue;
                }
                String name = column.getPath().toArray()[0];
                Statistics<?> stats = column.getStatistics();
                Statistics<?> sum = merged.get(name);
                if (sum == null) {
                    sum = Statistics.createStats(column.getPrimitiveType());
                    merged.put(name, sum);
                }
                if (stats == null || !stats.isNumNullsSet()) {
                    merged.put(name, null);
                    continue;
                }
                mergeInto(sum, stats);
            }
        }
        return new StagedFile(status.getPath().toString(), status.getLen(), status.getModificationTime(), rows,
                json(rows, schema, merged));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void mergeInto(Statistics sum, Statistics stats) {
        sum.mergeStatistics(stats);
    }

    private static String json(long rows, StructType schema, Map<String, Statistics<?>> merged) {
        ObjectNode root = JSON.createObjectNode();
        root.put("numRecords", rows);
        ObjectNode min = root.putObject("minValues");
        ObjectNode max = root.putObject("maxValues");
        ObjectNode nulls = root.putObject("nullCount");
        for (StructField field : schema.fields()) {
            if (!merged.containsKey(field.name()) || merged.get(field.name()) == null) {
                continue;
            }
            Statistics<?> stats = merged.get(field.name());
            nulls.put(field.name(), stats.getNumNulls());
            if (stats.hasNonNullValue() && !stats.isEmpty()) {
                bounds(field.dataType(), stats, field.name(), min, max);
            }
        }
        return root.toString();
    }

    private static void bounds(DataType type, Statistics<?> stats, String name, ObjectNode min, ObjectNode max) {
        Object lo = stats.genericGetMin();
        Object hi = stats.genericGetMax();
        if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType) {
            min.put(name, ((Number) lo).intValue());
            max.put(name, ((Number) hi).intValue());
        } else if (type instanceof LongType) {
            min.put(name, ((Number) lo).longValue());
            max.put(name, ((Number) hi).longValue());
        } else if (type instanceof FloatType || type instanceof DoubleType) {
            // Parquet writes a zero bound as -0.0 (min) or +0.0 (max); Delta writes 0.0: numerically the same
            double a = ((Number) lo).doubleValue() + 0.0;
            double b = ((Number) hi).doubleValue() + 0.0;
            if (!Double.isNaN(a) && !Double.isNaN(b) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
                if (type instanceof FloatType) {
                    min.put(name, (float) a);
                    max.put(name, (float) b);
                } else {
                    min.put(name, a);
                    max.put(name, b);
                }
            }
        } else if (type instanceof DecimalType decimal) {
            min.put(name, decimal(lo, decimal.scale()));
            max.put(name, decimal(hi, decimal.scale()));
        } else if (type instanceof DateType) {
            min.put(name, LocalDate.ofEpochDay(((Number) lo).longValue()).toString());
            max.put(name, LocalDate.ofEpochDay(((Number) hi).longValue()).toString());
        } else if (type instanceof TimestampType) {
            long loMicros = ((Number) lo).longValue();
            long hiMicros = ((Number) hi).longValue();
            min.put(name, MILLIS.format(Instant.ofEpochMilli(Math.floorDiv(loMicros, 1000))));
            // truncated to milliseconds, as Delta's writer does (its reader widens a timestamp maximum by 1 ms)
            max.put(name, MILLIS.format(Instant.ofEpochMilli(Math.floorDiv(hiMicros, 1000))));
        } else if (type instanceof StringType) {
            String a = ((Binary) lo).toStringUsingUTF8();
            String b = ((Binary) hi).toStringUsingUTF8();
            min.put(name, prefix(a));
            if (b.codePointCount(0, b.length()) <= STRING_PREFIX) {
                max.put(name, b);
            }
        }
    }

    private static BigDecimal decimal(Object unscaled, int scale) {
        if (unscaled instanceof Binary binary) {
            return new BigDecimal(new BigInteger(binary.getBytes()), scale);
        }
        return BigDecimal.valueOf(((Number) unscaled).longValue(), scale);
    }

    /** At most {@value #STRING_PREFIX} code points: a lower bound of the string. */
    private static String prefix(String s) {
        if (s.codePointCount(0, s.length()) <= STRING_PREFIX) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, STRING_PREFIX));
    }
}
