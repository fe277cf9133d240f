package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.files.CsvTables.Mutation;
import io.sluice.connector.files.CsvTables.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the CSV record definition over generated tables, written per RFC 4180 and then mutated: every
 * character of a file belongs to exactly one record or to a line break between records; an unmutated file parses
 * to exactly the generated table; a mutated one to well-formed records and parse errors that still tile the file,
 * or it is refused whole exactly when its bytes are not UTF-8.
 */
class CsvRecordsPropertiesTest {

    @Provide
    Arbitrary<Table> tables() {
        return CsvTables.tables();
    }

    @Property(tries = 400, seed = "4180")
    void anUnmutatedFileParsesToExactlyTheGeneratedTable(@ForAll("tables") Table table, @ForAll long seed)
            throws IOException {
        byte[] bytes = CsvTables.write(table, new Random(seed));

        List<TextRecord> records = parse(bytes, table.delimiter(), false).orElseThrow();

        assertTiled(decoded(bytes).orElseThrow(), records);
        List<List<String>> expected = new ArrayList<>();
        expected.add(table.header());
        expected.addAll(table.rows());
        assertThat(records).allSatisfy(r -> assertThat(r.problem()).isEmpty());
        assertThat(records).extracting(TextRecord::values).containsExactlyElementsOf(expected);
    }

    @Property(tries = 1000, seed = "16")
    void aMutatedFileIsTiledByItsRecordsOrRefusedWholeWhenNotUtf8(@ForAll("tables") Table table, @ForAll long seed,
                                                                  @ForAll Mutation mutation) throws IOException {
        Random random = new Random(seed);
        byte[] bytes = CsvTables.mutate(CsvTables.write(table, random), mutation, table.delimiter(), random);

        boolean header = random.nextBoolean();
        Optional<List<TextRecord>> records = parse(bytes, table.delimiter(), header);
        Optional<String> text = decoded(bytes);

        if (header && text.isPresent() && records.isEmpty()) {
            // a header that cannot be parsed refuses the file: it must then be malformed without a header too
            assertThat(parse(bytes, table.delimiter(), false).orElseThrow().get(0).isWellFormed()).isFalse();
            return;
        }
        assertThat(records.isPresent()).as("parsed exactly when the bytes are UTF-8").isEqualTo(text.isPresent());
        if (records.isPresent()) {
            assertTiled(text.get(), records.get());
            assertThat(records.get()).allSatisfy(r -> assertThat(r.isWellFormed() ? !r.values().isEmpty()
                    : r.problem().get().length() > 0 && r.values().isEmpty()).isTrue());
        }
    }

    @Property(tries = 500, seed = "32")
    void aParserStartingAtAMarkReadsTheRecordsOfTheWholeFileFromThere(@ForAll("tables") Table table,
                                                                      @ForAll long seed, @ForAll Mutation mutation,
                                                                      @ForAll boolean header) throws IOException {
        Random random = new Random(seed);
        byte[] bytes = CsvTables.mutate(CsvTables.write(table, random), mutation, table.delimiter(), random);
        CsvRecords.Syntax syntax = new CsvRecords.Syntax(table.delimiter(), '"', '"', "");
        List<TextRecord> whole = new ArrayList<>();
        List<LineMark> marks;
        List<String> fields;
        try (CsvRecords parser = CsvRecords.open(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, syntax,
                header, 1 + random.nextInt(24))) {
            for (TextRecord r = parser.next(); r != null; r = parser.next()) {
                whole.add(r);
            }
            marks = parser.marks();
            fields = parser.header();
        } catch (UnreadableTextException e) {
            return;
        }
        for (LineMark mark : marks) {
            List<TextRecord> rest = new ArrayList<>();
            try (CsvRecords parser = CsvRecords.openAt(new ByteArrayInputStream(bytes, (int) mark.offset(),
                    bytes.length), StandardCharsets.UTF_8, syntax, fields, mark.line())) {
                for (TextRecord r = parser.next(); r != null; r = parser.next()) {
                    rest.add(r);
                }
            }
            List<TextRecord> expected = whole.subList((int) mark.records(), whole.size());
            assertThat(rest).extracting(TextRecordParserView::of)
                    .containsExactlyElementsOf(expected.stream().map(TextRecordParserView::of).toList());
        }
    }

    /** A record without its character offset, which is relative to where parsing started. */
    record TextRecordParserView(long line, String text, String ending, List<String> values, Optional<String> problem) {
        static TextRecordParserView of(TextRecord r) {
            return new TextRecordParserView(r.line(), r.text(), r.ending(), r.values(), r.problem());
        }
    }

    /**
     * The records, in order, with the empty lines between them, are the text: nothing lost, nothing counted twice;
     * each record's line is the physical line its first character is on.
     */
    static void assertTiled(String text, List<TextRecord> records) {
        int position = 0;
        for (TextRecord r : records) {
            assertThat(r.offset()).as("records in order").isGreaterThanOrEqualTo(position);
            assertThat(text.substring(position, (int) r.offset())).as("only empty lines between records")
                    .matches("[\r\n]*");
            assertThat(r.text()).as("a record is not empty").isNotEmpty();
            assertThat(text.substring((int) r.offset(), (int) r.offset() + r.text().length())).isEqualTo(r.text());
            position = (int) r.offset() + r.text().length();
            assertThat(text.startsWith(r.ending(), position)).as("the record's line break").isTrue();
            position += r.ending().length();
            if (r.ending().isEmpty()) {
                assertThat(position).as("only the last record ends without a line break").isEqualTo(text.length());
            }
            assertThat(r.line()).as("the line of " + r.text()).isEqualTo(lineAt(text, (int) r.offset()));
        }
        assertThat(text.substring(position)).as("only empty lines after the last record").matches("[\r\n]*");
    }

    private static long lineAt(String text, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r') || c == '\r') {
                line++;
            }
        }
        return line;
    }

    /**
     * Every record including the header (read as a header when {@code header}, so that multi-line records are
     * checked against its number of fields), or empty when the parser refuses the file.
     */
    private static Optional<List<TextRecord>> parse(byte[] bytes, char delimiter, boolean header)
            throws IOException {
        CsvRecords.Syntax syntax = new CsvRecords.Syntax(delimiter, '"', '"', "");
        try (CsvRecords parser = CsvRecords.open(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, syntax,
                header)) {
            List<TextRecord> out = new ArrayList<>();
            if (parser.headerRecord() != null) {
                out.add(parser.headerRecord());
            }
            for (TextRecord r = parser.next(); r != null; r = parser.next()) {
                out.add(r);
            }
            return Optional.of(out);
        } catch (UnreadableTextException e) {
            return Optional.empty();
        }
    }

    /** The text of strict UTF-8 bytes without a leading byte-order mark, or empty when they are not UTF-8. */
    private static Optional<String> decoded(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
