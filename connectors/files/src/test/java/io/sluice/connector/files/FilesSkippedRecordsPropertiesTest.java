package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.RawColumns;
import io.sluice.metadata.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.Row;

/**
 * Generated files with preambles, footers and records of several types, landed and read with real Spark in parts of
 * a few bytes: every record appears exactly once, as a data row with its values or as a skipped row with its
 * reason and its text unaltered, and the landed count is the rows read.
 */
class FilesSkippedRecordsPropertiesTest {
    /** What a row must be: its values (data) or its exact text and reason (skipped). */
    record Expected(List<String> values, String text, String reason) {
    }

    /** A generated file: its bytes as text, and the rows it must read as, in file order. */
    record Generated(String text, List<Expected> rows, int skipLines, int footerLines, long splitEvery) {
    }

    private static final String TRL = "record matches skip_records 'trl'";
    private static final String KIND = "record matches skip_records 'kind'";

    /** Text of a preamble line: anything but a line break (quotes and delimiters included). */
    private static Arbitrary<String> lineText() {
        return Arbitraries.strings().withChars("ab ,;\"'\t\u00e9#").ofMaxLength(12);
    }

    private static Arbitrary<String> value() {
        return Arbitraries.strings().withChars("xy ,\"\n\u00e9").ofMinLength(1).ofMaxLength(6);
    }

    @Provide
    Arbitrary<Generated> csvFiles() {
        Arbitrary<List<String>> preamble = lineText().list().ofMaxSize(3);
        Arbitrary<List<String>> footer = Arbitraries.strings().withChars("ab ,;#").ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.startsWith("TRL,")).list().ofMaxSize(2);
        // a record: 0 data, 1 data of kind X (skipped by field), 2 trailer (skipped by pattern)
        Arbitrary<List<List<String>>> records = Combinators.combine(Arbitraries.integers().between(0, 2), value(),
                value()).as((type, a, b) -> List.of(String.valueOf(type), a, b)).list().ofMaxSize(12);
        return Combinators.combine(preamble, records, footer, Arbitraries.of("\n", "\r\n"),
                Arbitraries.longs().between(1, 40)).as(FilesSkippedRecordsPropertiesTest::csv);
    }

    private static Generated csv(List<String> preamble, List<List<String>> records, List<String> footer,
                                 String newline, long splitEvery) {
        List<String> lines = new ArrayList<>();
        List<Expected> rows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            List<String> r = records.get(i);
            String record = switch (r.get(0)) {
                case "2" -> "TRL," + i;
                case "1" -> "D" + i + ",X," + quoted(r.get(2));
                default -> "D" + i + "," + quoted(r.get(1)) + "," + quoted(r.get(2));
            };
            lines.add(record);
            rows.add(switch (r.get(0)) {
                case "2" -> new Expected(null, record, TRL);
                case "1" -> new Expected(null, record, KIND);
                default -> new Expected(List.of("D" + i, r.get(1), r.get(2)), null, null);
            });
        }
        return file(preamble, "id,kind,note", lines, rows, footer, newline, splitEvery);
    }

    /** The file of {@code preamble}, a header (or none), the records and {@code footer}, each line ended. */
    private static Generated file(List<String> preamble, String header, List<String> records, List<Expected> rows,
                                  List<String> footer, String newline, long splitEvery) {
        StringBuilder text = new StringBuilder();
        List<Expected> expected = new ArrayList<>();
        preamble.forEach(line -> expected.add(new Expected(null, line, RecordSkips.PREAMBLE)));
        expected.addAll(rows);
        footer.forEach(line -> expected.add(new Expected(null, line, RecordSkips.FOOTER)));
        List<String> lines = new ArrayList<>(preamble);
        if (header != null) {
            lines.add(header);
        }
        lines.addAll(records);
        lines.addAll(footer);
        lines.forEach(line -> text.append(line).append(newline));
        return new Generated(text.toString(), expected, preamble.size(), footer.size(), splitEvery);
    }

    /** A value as a CSV writer would write it: quoted when it holds a delimiter, quote or line break. */
    private static String quoted(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n")
                || value.startsWith(" ") || value.endsWith(" ");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    @Property(tries = 30, seed = "2027")
    void everyCsvRecordIsReadOnceAsDataOrAsASkippedRowWithItsText(@ForAll("csvFiles") Generated file)
            throws IOException {
        DatasetSpec dataset = Fixtures.dataset(Map.of("path", "*.csv", "skip_lines", file.skipLines(),
                "footer_lines", file.footerLines(), "skip_records", List.of(
                        Map.of("name", "trl", "pattern", "^TRL,"),
                        Map.of("name", "kind", "pattern", "^X$", "field", 2))));
        List<Row> rows = landAndRead(file, dataset, "f.csv");
        List<String> names = List.of("id", "kind", "note");
        assertThat(rows).hasSameSizeAs(file.rows());
        for (int i = 0; i < rows.size(); i++) {
            check(rows.get(i), file.rows().get(i), names);
        }
    }

    @Provide
    Arbitrary<Generated> fixedWidthFiles() {
        Arbitrary<List<String>> preamble = lineText().list().ofMaxSize(3);
        Arbitrary<List<String>> footer = Arbitraries.strings().withChars("F0 #").ofMinLength(1).ofMaxLength(8)
                .list().ofMaxSize(2);
        Arbitrary<String> field = Arbitraries.strings().withChars("ab9\u00e9").ofMinLength(1).ofMaxLength(3);
        Arbitrary<List<String>> record = Combinators.combine(Arbitraries.of("D", "D", "H", "T"), field, field)
                .as(List::of);
        return Combinators.combine(preamble, record.list().ofMaxSize(12), footer, Arbitraries.of("\n", "\r\n"),
                Arbitraries.longs().between(1, 40)).as(FilesSkippedRecordsPropertiesTest::fixed);
    }

    private static Generated fixed(List<String> preamble, List<List<String>> records, List<String> footer,
                                   String newline, long splitEvery) {
        List<String> lines = new ArrayList<>();
        List<Expected> rows = new ArrayList<>();
        for (List<String> r : records) {
            // layout: type 1, a 3, b 3 (values padded with spaces, trimmed when read)
            String line = r.get(0) + pad(r.get(1)) + pad(r.get(2));
            lines.add(line);
            rows.add(r.get(0).equals("D") ? new Expected(r, null, null)
                    : new Expected(null, line, "record matches skip_records 'control'"));
        }
        return file(preamble, null, lines, rows, footer, newline, splitEvery);
    }

    private static String pad(String value) {
        return (value + "   ").substring(0, 3);
    }

    @Property(tries = 30, seed = "2028")
    void everyFixedWidthRecordIsReadOnceAsDataOrAsASkippedRowWithItsText(@ForAll("fixedWidthFiles") Generated file)
            throws IOException {
        DatasetSpec dataset = Fixtures.dataset(Map.of("path", "*.dat", "format", "fixed_width",
                "skip_lines", file.skipLines(), "footer_lines", file.footerLines(),
                "layout", List.of(Map.of("name", "type", "width", 1), Map.of("name", "a", "width", 3),
                        Map.of("name", "b", "width", 3)),
                "skip_records", List.of(Map.of("name", "control", "pattern", "^[HT]$", "field", "type"))));
        List<Row> rows = landAndRead(file, dataset, "f.dat");
        assertThat(rows).hasSameSizeAs(file.rows());
        for (int i = 0; i < rows.size(); i++) {
            check(rows.get(i), file.rows().get(i), List.of("type", "a", "b"));
        }
    }

    private static List<Row> landAndRead(Generated file, DatasetSpec dataset, String name) throws IOException {
        Path dir = Files.createTempDirectory("sluice-skips");
        try {
            Fixtures.write(dir.resolve("landing/" + name), file.text());
            FilesConnector connector = new FilesConnector(Fixtures.connector(dir.resolve("landing")).connection(),
                    file.splitEvery());
            LandedBatch landed = Fixtures.land(connector, dataset, dir.resolve("raw"));
            assertThat(landed.status()).isEqualTo(LandedBatch.Status.LANDED);
            List<Row> rows = connector.bind(dataset).read(Fixtures.spark(), landed).collectAsList().stream()
                    .sorted(Comparator.comparingLong(r -> r.<Long>getAs(RawColumns.LINE))).toList();
            assertThat((long) rows.size()).as("rows read = records landed").isEqualTo(landed.records());
            return rows;
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    private static void check(Row row, Expected expected, List<String> names) {
        String[] values = names.stream().map(n -> row.<String>getAs(n)).toArray(String[]::new);
        if (expected.reason() == null) {
            assertThat(Arrays.asList(values)).as("values of line %s", row.<Long>getAs(RawColumns.LINE))
                    .isEqualTo(expected.values());
            assertThat(row.<String>getAs(RawColumns.SKIPPED)).isNull();
            assertThat(row.<String>getAs(RawColumns.CORRUPT_RECORD)).isNull();
        } else {
            assertThat(row.<String>getAs(RawColumns.SKIPPED)).as("reason of line %s", row.<Long>getAs(RawColumns.LINE))
                    .isEqualTo(expected.reason());
            assertThat(row.<String>getAs(RawColumns.CORRUPT_RECORD)).isEqualTo(expected.text());
            assertThat(values).containsOnlyNulls();
        }
    }

}
