package io.sluice.connector.feed;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.connector.RawColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import scala.Tuple2;

/**
 * Reads landed feed files with the connector's own record reader, distributed: Spark's {@code binaryFiles} hands
 * each file to one task as a stream, which {@link FeedRecords} splits into records (escape-aware for Adobe files,
 * skipping control records) and {@link FeedFormat} into fields. Nothing is collected to the driver; a file is not
 * split across tasks (a record may span lines, and control records sit at both ends), so a large file is one
 * task. Fields are strings; {@link RawColumns#LINE} is the line a record starts on (exact, escaped newlines
 * included); a record with the wrong number of fields (or the wrong length, for fixed width) keeps its text in
 * {@link RawColumns#CORRUPT_RECORD}, with the fields that could be assigned.
 */
final class FeedReader {
    private final FeedExtract extract;
    private final List<String> declared;

    FeedReader(FeedExtract extract, List<String> declared) {
        this.extract = extract;
        this.declared = List.copyOf(declared);
    }

    Dataset<Row> read(SparkSession spark, LandedBatch batch) {
        Map<List<String>, List<String>> pathsByNames = new LinkedHashMap<>();
        for (LandedFile file : batch.files()) {
            List<String> names = file.fields().isEmpty() ? fallbackNames() : file.fields();
            pathsByNames.computeIfAbsent(names, k -> new ArrayList<>()).add(file.path());
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> all = null;
        for (Map.Entry<List<String>, List<String>> group : pathsByNames.entrySet()) {
            ParseFile parse = new ParseFile(extract.format(), group.getKey(), extract.encoding(),
                    extract.headerRecords(), extract.trailerRecords());
            JavaRDD<Row> rows = context.binaryFiles(String.join(",", group.getValue()), group.getValue().size())
                    .flatMap(parse);
            Dataset<Row> part = spark.createDataFrame(rows, schema(group.getKey()));
            all = all == null ? part : all.unionByName(part, true);
        }
        return all != null ? all : spark.createDataFrame(List.of(), schema(fallbackNames()));
    }

    private List<String> fallbackNames() {
        return extract.format() instanceof FeedFormat.FixedWidth fixed ? fixed.names() : declared;
    }

    static StructType schema(List<String> names) {
        StructType schema = new StructType();
        for (String name : names) {
            schema = schema.add(name, DataTypes.StringType, true);
        }
        return schema.add(RawColumns.SOURCE_FILE, DataTypes.StringType, true)
                .add(RawColumns.LINE, DataTypes.LongType, true)
                .add(RawColumns.CORRUPT_RECORD, DataTypes.StringType, true);
    }

    /** Turns one landed file into rows, in a Spark task. */
    record ParseFile(FeedFormat format, List<String> names, String encoding, int headerRecords, int trailerRecords)
            implements FlatMapFunction<Tuple2<String, PortableDataStream>, Row> {
        private static final long serialVersionUID = 1L;

        ParseFile {
            names = List.copyOf(names);
        }

        @Override
        public Iterator<Row> call(Tuple2<String, PortableDataStream> file) throws IOException {
            String name = FeedPaths.name(file._1());
            FeedRecords records = FeedRecords.of(file._2().open(), name, Charset.forName(encoding), format.escaped(),
                    headerRecords, trailerRecords);
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener(new TaskCompletionListener() {
                    @Override
                    public void onTaskCompletion(TaskContext context) {
                        close(records);
                    }
                });
            }
            return rows(records, name);
        }

        Iterator<Row> rows(FeedRecords records, String name) {
            int n = names.size();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    boolean more = records.hasNext();
                    if (!more) {
                        close(records);
                    }
                    return more;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    FeedRecords.Record r = records.next();
                    FeedFormat.Parsed parsed = format.parse(r.text(), n);
                    Object[] values = new Object[n + 3];
                    System.arraycopy(parsed.values(), 0, values, 0, n);
                    values[n] = name;
                    values[n + 1] = r.line();
                    values[n + 2] = parsed.corrupt() ? r.text() : null;
                    return RowFactory.create(values);
                }
            };
        }

        private static void close(FeedRecords records) {
            try {
                records.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
