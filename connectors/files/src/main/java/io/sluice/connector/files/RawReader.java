package io.sluice.connector.files;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.sluice.compat.scan.FileScans;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.connector.RawColumns;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads landed raw files back as a DataFrame: the source fields, {@link RawColumns#SOURCE_FILE},
 * {@link RawColumns#LINE} and {@link RawColumns#CORRUPT_RECORD}. See {@link FilesConnector} for the line numbers.
 */
final class RawReader {
    private static final String PATH = "__sluice_file_path";
    private static final String BLOCK = "__sluice_block_start";
    private static final String ROW_ID = "__sluice_row_id";
    /** {@code monotonically_increasing_id} keeps the row's index in its partition in the lower 33 bits. */
    private static final long ROW_IN_PARTITION = (1L << 33) - 1;

    private final FileExtract extract;

    RawReader(FileExtract extract) {
        this.extract = extract;
    }

    Dataset<Row> read(SparkSession spark, DatasetSpec dataset, LandedBatch batch) {
        if (extract.format().isDelimited()) {
            return delimited(spark, dataset, batch);
        }
        if (extract.format() == FileFormat.JSON) {
            return json(spark, dataset, batch);
        }
        return withPlainNames(scan(spark, dataset, batch), batch);
    }

    private Dataset<Row> scan(SparkSession spark, DatasetSpec dataset, LandedBatch batch) {
        return switch (extract.format()) {
            case CSV, TSV, JSON -> throw new IllegalStateException("text files are read by TextScan");
            case AVRO -> numbered(spark, typed(spark, "avro", batch, dataset), batch, 1, dataset.qualifiedName());
            case PARQUET -> parquet(spark, batch, dataset);
        };
    }

    /**
     * The scan's {@code _metadata.file_name} is URI-encoded ({@code stock%202026.csv}); the zones show the landed
     * file's own name ({@code stock 2026.csv}). Only the names that differ are mapped, after the line numbering
     * (which matches the scan's names): a batch of usual names costs nothing per row.
     */
    private static Dataset<Row> withPlainNames(Dataset<Row> df, LandedBatch batch) {
        Column source = col(RawColumns.SOURCE_FILE);
        Column plain = null;
        for (LandedFile file : batch.files()) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.path());
            String encoded = metadataName(path);
            if (!encoded.equals(path.getName())) {
                Column condition = source.equalTo(lit(encoded));
                plain = plain == null ? when(condition, lit(path.getName()))
                        : plain.when(condition, lit(path.getName()));
            }
        }
        return plain == null ? df : df.withColumn(RawColumns.SOURCE_FILE, plain.otherwise(source));
    }

    /**
     * CSV/TSV: parsed by {@link TextScan} with the parser that counted them at landing. Each file's fields are
     * named by its own header ({@link #safeNames}), or by the declared columns with {@code header: false}; files
     * with different headers share the columns of equal names (ignoring case, as Spark resolves names), so a
     * changed header never shifts values, and a column a file lacks is null in its rows.
     */
    private Dataset<Row> delimited(SparkSession spark, DatasetSpec dataset, LandedBatch batch) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        List<TextScan.FileTask> tasks = new ArrayList<>();
        for (LandedFile file : batch.files()) {
            if (file.records() == 0) {
                continue;
            }
            List<String> own = extract.header() ? safeNames(file.fields()) : declaredNames(dataset);
            int[] columns = new int[own.size()];
            for (int i = 0; i < own.size(); i++) {
                String name = own.get(i);
                columns[i] = index.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> {
                    names.add(name);
                    return names.size() - 1;
                });
            }
            tasks.addAll(parts(file, columns));
        }
        return TextScan.read(spark, extract, tasks, names.isEmpty() ? declaredNames(dataset) : names, Map.of());
    }

    /**
     * The whole file, or, when the landing noted marks in it (uncompressed CSV/TSV, see
     * {@link RecordCounter#SPLIT_EVERY}), one part from its start to the first mark and one from each mark to the
     * next: each part reads exactly the records between its marks, so a large file is read by several tasks.
     */
    private static List<TextScan.FileTask> parts(LandedFile file, int[] columns) {
        List<LineMark> marks = LineMark.of(file).stream().filter(m -> m.line() > 0).toList();
        if (marks.isEmpty()) {
            return List.of(new TextScan.FileTask(file.path(), columns));
        }
        List<TextScan.FileTask> parts = new ArrayList<>();
        parts.add(new TextScan.FileTask(file.path(), columns, 0, 1, marks.get(0).records(), file.fields()));
        for (int i = 0; i < marks.size(); i++) {
            LineMark mark = marks.get(i);
            long end = i + 1 < marks.size() ? marks.get(i + 1).records() : file.records();
            parts.add(new TextScan.FileTask(file.path(), columns, mark.offset(), mark.line(), end - mark.records(),
                    file.fields()));
        }
        return parts.stream().filter(p -> p.records() > 0).toList();
    }

    /** The file's name as a scan's {@code _metadata.file_name} gives it: URI-encoded ({@code a%20b.csv}). */
    private static String metadataName(org.apache.hadoop.fs.Path file) {
        String path = file.toUri().getRawPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * JSON: parsed by {@link TextScan} with the parser that counted them at landing. The columns are the declared
     * ones, named by their source names ({@link JsonPaths}: a top-level key or a path such as {@code address.city}),
     * then the keys the landing saw that no declared column covers (so drift sees them), matched to keys ignoring
     * case as Spark resolves names; values are text (numbers as written, objects and arrays as compact JSON), with
     * {@link io.sluice.connector.RawColumns#JSON_KINDS} telling validation which values were not JSON strings.
     */
    private Dataset<Row> json(SparkSession spark, DatasetSpec dataset, LandedBatch batch) {
        JsonPaths paths = JsonPaths.bind(dataset);
        List<String> names = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        List<String> declaredAndSeen = new ArrayList<>(paths.names());
        batch.files().forEach(f -> f.fields().stream().filter(k -> !paths.covers(k)).forEach(declaredAndSeen::add));
        for (String name : declaredAndSeen) {
            index.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> {
                names.add(name);
                return names.size() - 1;
            });
        }
        List<TextScan.FileTask> tasks = batch.files().stream().filter(f -> f.records() > 0)
                .map(f -> new TextScan.FileTask(f.path(), new int[0])).toList();
        return TextScan.read(spark, TextFormat.of(extract).withPaths(paths), tasks, names, index);
    }

    private Dataset<Row> typed(SparkSession spark, String format, LandedBatch batch, DatasetSpec dataset) {
        if (batch.isEmpty()) {
            return empty(spark, declaredSchema(dataset).add(RawColumns.CORRUPT_RECORD, DataTypes.StringType, true));
        }
        Dataset<Row> df = spark.read().format(format).load(paths(batch.files()).toArray(String[]::new));
        return withBookkeeping(df, df.columns(), lit(null).cast(DataTypes.StringType));
    }

    /** Parquet knows each row's position in its file: no numbering pass is needed. */
    private Dataset<Row> parquet(SparkSession spark, LandedBatch batch, DatasetSpec dataset) {
        if (batch.isEmpty()) {
            StructType schema = declaredSchema(dataset).add(RawColumns.CORRUPT_RECORD, DataTypes.StringType, true);
            return empty(spark, schema).withColumn(RawColumns.SOURCE_FILE, lit(null).cast(DataTypes.StringType))
                    .withColumn(RawColumns.LINE, lit(null).cast(DataTypes.LongType));
        }
        Dataset<Row> df = spark.read().option("mergeSchema", "true").parquet(paths(batch.files())
                .toArray(String[]::new));
        List<Column> columns = new ArrayList<>();
        for (String name : df.columns()) {
            columns.add(col(quoted(name)));
        }
        columns.add(col("_metadata.file_name").as(RawColumns.SOURCE_FILE));
        columns.add(col("_metadata.row_index").plus(1).cast(DataTypes.LongType).as(RawColumns.LINE));
        columns.add(lit(null).cast(DataTypes.StringType).as(RawColumns.CORRUPT_RECORD));
        return df.select(columns.toArray(Column[]::new));
    }

    private static Dataset<Row> withBookkeeping(Dataset<Row> df, String[] fields, Column corrupt) {
        List<Column> columns = new ArrayList<>();
        for (String name : fields) {
            columns.add(col(quoted(name)));
        }
        columns.add(col("_metadata.file_name").as(RawColumns.SOURCE_FILE));
        columns.add(corrupt.as(RawColumns.CORRUPT_RECORD));
        columns.add(col("_metadata.file_path").as(PATH));
        columns.add(col("_metadata.file_block_start").as(BLOCK));
        // evaluated in the scan's own stage: the row's rank within its partition, increasing in file order
        columns.add(monotonically_increasing_id().as(ROW_ID));
        return df.select(columns.toArray(Column[]::new));
    }

    /**
     * Numbers the records of each file in file order without moving any row. The row id increases with the
     * position inside a split, so a row's line is its split's first line plus its distance from the split's
     * first row id (Avro). When every task reads one whole file, the row id alone
     * gives the line; else the first line of every split comes from one small aggregate (per file and split
     * start: the first row id and the row count; partial aggregation leaves one row per split), summed per file
     * on the driver. An earlier version numbered with a window over each file: it shuffled every row and
     * validated a whole file in one task.
     */
    private Dataset<Row> numbered(SparkSession spark, Dataset<Row> df, LandedBatch batch, int firstLine,
                                  String what) {
        if (!List.of(df.columns()).contains(PATH)) {
            return df.withColumn(RawColumns.SOURCE_FILE, lit(null).cast(DataTypes.StringType))
                    .withColumn(RawColumns.LINE, lit(null).cast(DataTypes.LongType))
                    .select(reordered(df.columns()));
        }
        if (FileScans.readsOneWholeFilePerTask(df)) {
            // each task reads one whole file, in order: the row id's lower bits are the record's index in its
            // file, and the aggregate below (a Spark job over every record) is not needed
            Dataset<Row> numbered = df.withColumn(RawColumns.LINE, col(ROW_ID).bitwiseAND(lit(ROW_IN_PARTITION))
                    .plus(firstLine).cast(DataTypes.LongType)).drop(PATH, BLOCK, ROW_ID);
            return numbered.select(reordered(numbered.columns()));
        }
        Column split = concat(col(PATH), lit("#"), col(BLOCK).cast(DataTypes.StringType));
        List<Row> splits = df.groupBy(col(PATH), col(BLOCK))
                .agg(min(col(ROW_ID)), count(lit(1)))
                .orderBy(col(PATH), col(BLOCK))
                .collectAsList();
        List<String> keys = new ArrayList<>();
        List<Long> shifts = new ArrayList<>();
        String file = null;
        long before = 0;
        for (Row r : splits) {
            if (!r.getString(0).equals(file)) {
                file = r.getString(0);
                before = 0;
            }
            keys.add(file + "#" + r.getLong(1));
            // line = row id - first row id of the split + records in earlier splits + first line of the file
            shifts.add(before + firstLine - r.getLong(2));
            before += r.getLong(3);
        }
        Column shift = element_at(map_from_arrays(lit(keys.toArray(String[]::new)), lit(shifts.stream().mapToLong(Long::longValue).toArray())),
                split);
        Dataset<Row> numbered = df.withColumn(RawColumns.LINE, col(ROW_ID).plus(shift).cast(DataTypes.LongType))
                .drop(PATH, BLOCK, ROW_ID);
        return numbered.select(reordered(numbered.columns()));
    }

    /** Source fields first, then the bookkeeping columns in a fixed order. */
    private static Column[] reordered(String[] columns) {
        List<Column> out = new ArrayList<>();
        for (String name : columns) {
            if (!isBookkeeping(name)) {
                out.add(col(quoted(name)));
            }
        }
        out.add(col(RawColumns.SOURCE_FILE));
        out.add(col(RawColumns.LINE));
        out.add(col(RawColumns.CORRUPT_RECORD));
        return out.toArray(Column[]::new);
    }

    private static boolean isBookkeeping(String name) {
        return name.equals(RawColumns.SOURCE_FILE) || name.equals(RawColumns.LINE)
                || name.equals(RawColumns.CORRUPT_RECORD);
    }

    private static Dataset<Row> empty(SparkSession spark, StructType schema) {
        return spark.createDataFrame(List.of(), schema);
    }

    private static List<String> paths(List<LandedFile> files) {
        return files.stream().map(LandedFile::path).toList();
    }

    private static List<String> declaredNames(DatasetSpec dataset) {
        return dataset.columns().stream().map(ColumnSpec::name).toList();
    }

    private static StructType stringSchema(List<String> names) {
        StructType schema = new StructType();
        for (String name : names) {
            schema = schema.add(name, DataTypes.StringType, true);
        }
        return schema;
    }

    private static StructType declaredSchema(DatasetSpec dataset) {
        List<StructField> fields = new ArrayList<>();
        for (ColumnSpec c : dataset.columns()) {
            fields.add(DataTypes.createStructField(c.name(), DataType.fromDDL(c.type().toString()), true));
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * Column names for a header as Spark's CSV reader makes them: an empty field becomes {@code _c<index>}, and a
     * name repeated (ignoring case) gets its index appended, so that every column can be addressed.
     */
    static List<String> safeNames(List<String> header) {
        Map<String, Integer> seen = new HashMap<>();
        for (String h : header) {
            seen.merge(h.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.isEmpty()) {
                out.add("_c" + i);
            } else if (seen.get(h.toLowerCase(Locale.ROOT)) > 1) {
                out.add(h + i);
            } else {
                out.add(h);
            }
        }
        return out;
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
