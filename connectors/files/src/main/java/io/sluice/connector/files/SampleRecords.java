package io.sluice.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The first records of one sample file, parsed by the very parser a run uses ({@link TextRecordParser}), for
 * tools that look at a file before a descriptor exists ({@code sluice init}): what they see is what a run reads.
 */
public final class SampleRecords {
    /**
     * The record count a sample's read is given: a sample is not landed, so its count is unknown, and its footer
     * lines ({@code extract.footer_lines}) are not told apart from data ({@code sluice init} writes no footer_lines).
     */
    private static final long UNCOUNTED = Long.MAX_VALUE;
    private SampleRecords() {
    }

    /**
     * One record as a run's raw row sees it.
     *
     * @param line    the physical line it starts on
     * @param text    its exact text
     * @param names   JSON keys of {@code values}, or null for positional (CSV/TSV) fields
     * @param values  field values (null for a missing value)
     * @param kinds   JSON kinds of {@code values} ({@code string}, {@code number}, …), or null for CSV/TSV
     * @param problem why it could not be split into fields; empty when well-formed
     */
    public record Record(long line, String text, List<String> names, List<String> values, List<String> kinds,
                         Optional<String> problem) {
    }

    /**
     * A sample.
     *
     * @param fields  the column names a run gives the file's fields: the header made addressable as the run does
     *                (empty cell {@code _c<index>}, a repeated name with its index appended), or the JSON keys in
     *                first-seen order; empty for CSV/TSV without a header
     * @param header  the header's cells as written (CSV/TSV with a header), else empty
     * @param records the records read, at most the number asked for
     * @param more    whether the file holds more records than were read
     */
    public record Sample(List<String> fields, List<String> header, List<Record> records, boolean more) {
    }

    /**
     * Reads at most {@code limit} records of a CSV, TSV or JSON file as {@code extract} declares it.
     *
     * @param bytes the file's (decompressed) bytes; not closed
     * @throws IOException when the bytes cannot be read as declared (the message says why and where, as a run's
     *                     refused delivery would)
     */
    public static Sample read(InputStream bytes, FileExtract extract, int limit) throws IOException {
        TextFormat format = TextFormat.of(extract);
        TextRecordParser parser = format.open(bytes);
        List<Record> records = new ArrayList<>();
        TextRecord next;
        boolean more = false;
        while ((next = parser.next()) != null) {
            if (records.size() == limit) {
                more = true;
                break;
            }
            records.add(new Record(next.line(), next.text(), next.names(), next.values(), next.kinds(),
                    next.problem()));
        }
        List<String> header = parser instanceof CsvRecords csv ? csv.header() : List.of();
        List<String> fields = extract.format() == FileFormat.JSON ? parser.fields() : RawReader.safeNames(header);
        return new Sample(fields, header, records, more);
    }

    /**
     * The raw rows a run reads from one CSV, TSV or JSON file (the Spark job of the same parser): one string
     * column per field of {@code fields}, then (JSON) {@code _json_kinds}, then {@code _source_file}, {@code _line}
     * and {@code _corrupt_record}.
     *
     * @param path   the file, as a Hadoop path or URI
     * @param fields the names of the columns: the file's {@link Sample#fields()}, or with {@code header: false}
     *               the names to give its fields, in order
     */
    public static Dataset<Row> rows(SparkSession spark, String path, FileExtract extract, List<String> fields) {
        if (extract.format() == FileFormat.JSON) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                index.putIfAbsent(fields.get(i).toLowerCase(Locale.ROOT), i);
            }
            return TextScan.read(spark, extract, List.of(new TextScan.FileTask(path, new int[0], UNCOUNTED)), fields,
                    index);
        }
        int[] columns = IntStream.range(0, fields.size()).toArray();
        return TextScan.read(spark, extract, List.of(new TextScan.FileTask(path, columns, UNCOUNTED)), fields,
                Map.of());
    }
}
