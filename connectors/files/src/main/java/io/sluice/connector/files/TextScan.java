package io.sluice.connector.files;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.SluiceException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads landed text files into rows with the same {@link TextRecordParser} the landing counted them with, in a
 * Spark job of one task per file: the rows a read returns are the records the landing counted, by construction.
 * A row has one string column per source field, then {@link RawColumns#SOURCE_FILE}, {@link RawColumns#LINE} and
 * {@link RawColumns#CORRUPT_RECORD} (the record's exact text when it is a parse error or has too many or too few
 * fields).
 */
final class TextScan {
    /**
     * A landed file, or a part of one, to read.
     *
     * @param path    where it lies in the raw zone
     * @param columns for each field position of the file, the index of its column in the result
     * @param start   the byte offset to start at: 0, or a {@link LineMark} of an uncompressed
     *                CSV/TSV file
     * @param line    the line of the record at {@code start} (when {@code start} is not 0)
     * @param records how many records to read from there, or -1 for every record to the end of the file
     * @param fields  the file's header fields (for a part: its field count checks records spanning lines)
     */
    record FileTask(String path, int[] columns, long start, long line, long records, List<String> fields)
            implements Serializable {
        FileTask {
            fields = List.copyOf(fields);
        }

        /** The whole file. */
        FileTask(String path, int[] columns) {
            this(path, columns, 0, 1, -1, List.of());
        }

        String name() {
            return new Path(path).getName();
        }
    }

    private TextScan() {
    }

    /** The fields named {@code fieldNames} (in this order), then the bookkeeping columns. */
    static StructType schema(List<String> fieldNames) {
        return schema(fieldNames, false);
    }

    /**
     * The fields named {@code fieldNames}, then (for JSON, {@code kinds}) {@link RawColumns#JSON_KINDS}: column
     * name to the kind of its value, for the values that are neither strings nor null, so that validation can tell
     * the number 12 from the string "12"; then the bookkeeping columns.
     */
    static StructType schema(List<String> fieldNames, boolean kinds) {
        StructType schema = new StructType();
        for (String name : fieldNames) {
            schema = schema.add(name, DataTypes.StringType, true);
        }
        if (kinds) {
            schema = schema.add(RawColumns.JSON_KINDS,
                    DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true);
        }
        return schema.add(RawColumns.SOURCE_FILE, DataTypes.StringType, true)
                .add(RawColumns.LINE, DataTypes.LongType, true)
                .add(RawColumns.CORRUPT_RECORD, DataTypes.StringType, true);
    }

    /**
     * The rows of {@code files}.
     *
     * @param fieldNames the result's field columns, in order
     * @param keys       for formats whose records name their fields (JSON): the column of each name, lower-cased
     */
    static Dataset<Row> read(SparkSession spark, FileExtract extract, List<FileTask> files, List<String> fieldNames,
                             Map<String, Integer> keys) {
        return read(spark, TextFormat.of(extract), files, fieldNames, keys);
    }

    /** The rows of {@code files} parsed as {@code format} says (JSON: with the declared paths). */
    static Dataset<Row> read(SparkSession spark, TextFormat format, List<FileTask> files, List<String> fieldNames,
                             Map<String, Integer> keys) {
        boolean kinds = format.format() == FileFormat.JSON;
        StructType schema = schema(fieldNames, kinds);
        if (files.isEmpty()) {
            return spark.createDataFrame(List.<Row>of(), schema);
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        ParseFiles parse = new ParseFiles(format, new HashMap<>(keys), new ArrayList<>(fieldNames),
                kinds, serialized(conf));
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, files.size())
                .mapPartitions(parse);
        return spark.createDataFrame(rows, schema);
    }

    /** Hadoop's own {@code Writable} form of the configuration, shipped to the tasks with the function. */
    private static byte[] serialized(Configuration conf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            conf.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Opens a landed file decompressed by its name's ending, as the landing read it. */
    static InputStream open(Path path, Configuration conf) throws IOException {
        return open(path, conf, 0);
    }

    /** Opens a landed file at {@code start} (a mark of an uncompressed file), or decompressed from its start. */
    private static InputStream open(Path path, Configuration conf, long start) throws IOException {
        org.apache.hadoop.fs.FSDataInputStream raw = path.getFileSystem(conf).open(path);
        if (start > 0) {
            try {
                raw.seek(start);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
            return new BufferedInputStream(raw, 1 << 16);
        }
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
        try {
            return new BufferedInputStream(codec == null ? raw : codec.createInputStream(raw), 1 << 16);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The task side: parses each file of its partition, lazily, record by record. */
    private static final class ParseFiles implements FlatMapFunction<Iterator<FileTask>, Row> {
        private final TextFormat format;
        private final HashMap<String, Integer> keys;
        private final ArrayList<String> names;
        private final int width;
        private final boolean kinds;
        private final byte[] conf;

        ParseFiles(TextFormat format, HashMap<String, Integer> keys, ArrayList<String> names, boolean kinds,
                   byte[] conf) {
            this.format = format;
            this.keys = keys;
            this.names = names;
            this.width = names.size();
            this.kinds = kinds;
            this.conf = conf;
        }

        @Override
        public Iterator<Row> call(Iterator<FileTask> files) throws IOException {
            Configuration hadoop = new Configuration(false);
            hadoop.readFields(new DataInputStream(new ByteArrayInputStream(conf)));
            Rows rows = new Rows(files, hadoop);
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> rows.close());
            }
            return rows;
        }

        /** The rows of the files, one file open at a time. */
        private final class Rows implements Iterator<Row> {
            private final Iterator<FileTask> files;
            private final Configuration hadoop;
            private FileTask file;
            private TextRecordParser parser;
            private TextRecord pending;
            private long read;

            Rows(Iterator<FileTask> files, Configuration hadoop) {
                this.files = files;
                this.hadoop = hadoop;
            }

            @Override
            public boolean hasNext() {
                try {
                    while (pending == null) {
                        if (parser == null) {
                            if (!files.hasNext()) {
                                return false;
                            }
                            file = files.next();
                            InputStream in = open(new Path(file.path()), hadoop, file.start());
                            parser = file.start() == 0 ? format.open(in)
                                    : format.openAt(in, file.fields(), file.line());
                            read = 0;
                        }
                        pending = file.records() >= 0 && read == file.records() ? null : parser.next();
                        if (pending == null) {
                            close();
                        } else {
                            read++;
                        }
                    }
                    return true;
                } catch (IOException e) {
                    close();
                    throw new SluiceException(FilesErrorCode.FILES_RAW_READ_FAILED, "cannot read the landed file "
                            + file.path() + ": " + e.getMessage() + " (check that the raw zone is reachable and the"
                            + " file is still there; the run is kept and the next run retries it)", e);
                }
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TextRecord record = pending;
                pending = null;
                int extra = kinds ? 1 : 0;
                Object[] values = new Object[width + extra + 3];
                String corrupt = null;
                if (!record.isWellFormed()) {
                    corrupt = record.text();
                } else if (record.names() == null) {
                    int[] columns = file.columns();
                    List<String> fields = record.values();
                    for (int i = 0; i < Math.min(fields.size(), columns.length); i++) {
                        values[columns[i]] = fields.get(i);
                    }
                    if (fields.size() != columns.length) {
                        corrupt = record.text();
                    }
                } else if (!assignByName(record, values)) {
                    java.util.Arrays.fill(values, null);
                    corrupt = record.text();
                }
                if (kinds) {
                    // Spark's row encoder takes Scala maps only
                    java.util.Map<String, String> found = corrupt == null ? kindsOf(record) : java.util.Map.of();
                    values[width] = found.isEmpty() ? scala.collection.immutable.Map$.MODULE$.empty()
                            : scala.jdk.javaapi.CollectionConverters.asScala(found);
                }
                values[width + extra] = file.name();
                values[width + extra + 1] = record.line();
                values[width + extra + 2] = corrupt;
                return RowFactory.create(values);
            }

            /** Column name to kind, for the record's values that are neither strings nor null (usually none). */
            private java.util.Map<String, String> kindsOf(TextRecord record) {
                java.util.Map<String, String> out = java.util.Map.of();
                if (record.kinds() == null) {
                    return out;
                }
                for (int i = 0; i < record.kinds().size(); i++) {
                    String kind = record.kinds().get(i);
                    if (!kind.equals("string") && !kind.equals("null")) {
                        if (out.isEmpty()) {
                            out = new java.util.LinkedHashMap<>();
                        }
                        out.put(names.get(keys.get(record.names().get(i).toLowerCase(Locale.ROOT))), kind);
                    }
                }
                return out;
            }

            /** Assigns keyed values to their columns; false when two keys of the record name one column. */
            private boolean assignByName(TextRecord record, Object[] values) {
                boolean[] taken = new boolean[width];
                for (int i = 0; i < record.names().size(); i++) {
                    Integer column = keys.get(record.names().get(i).toLowerCase(Locale.ROOT));
                    if (column == null) {
                        // a key the landing did not see cannot occur: the landing read the same records
                        throw new IllegalStateException("key '" + record.names().get(i) + "' of " + file.path()
                                + " line " + record.line() + " was not seen when the file was landed");
                    }
                    if (taken[column]) {
                        return false;
                    }
                    taken[column] = true;
                    values[column] = record.values().get(i);
                }
                return true;
            }

            void close() {
                if (parser != null) {
                    try {
                        parser.close();
                    } catch (IOException e) {
                        // read to its end or abandoned: nothing is lost by a failed close
                    }
                    parser = null;
                }
            }
        }
    }
}
