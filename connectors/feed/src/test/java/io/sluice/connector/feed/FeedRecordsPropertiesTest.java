package io.sluice.connector.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.FixedWidthLayout.Column;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import io.sluice.testing.ByteMutation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fixed-width feed records (issue 16): generated layouts and records, written with random line endings and
 * mutated at the byte level. For every case: a clean file reads back as exactly the generated records and values;
 * a mutated file either fails as a whole (bytes that are not text in the declared encoding: the delivery is then
 * refused) or yields records whose texts, joined by their line breaks, are the file's non-empty lines: nothing is
 * lost, merged or made up, and each record is either well-formed (values at their declared positions) or corrupt.
 */
class FeedRecordsPropertiesTest {
    private static final char[] CHARS = "ab Z09.é€\0\t|\\\"".toCharArray();

    /** A layout of contiguous columns, records of values padded to their widths, and how they are written. */
    record FixedFile(List<Integer> widths, List<List<String>> records, String lineEnd, boolean trailing, boolean bom) {
        FeedFormat.FixedWidth layout() {
            List<Column> columns = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < widths.size(); i++) {
                columns.add(new Column("c" + i, start, widths.get(i), 0));
                start += widths.get(i);
            }
            return new FeedFormat.FixedWidth(columns, false);
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (List<String> values : records) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < values.size(); i++) {
                    line.append(pad(values.get(i), widths.get(i)));
                }
                lines.add(line.toString());
            }
            return lines;
        }

        byte[] bytes() {
            String text = (bom ? "\uFEFF" : "") + String.join(lineEnd, lines()) + (trailing ? lineEnd : "");
            return text.getBytes(StandardCharsets.UTF_8);
        }

        static String pad(String value, int width) {
            return value + " ".repeat(width - value.length());
        }
    }

    @Provide
    Arbitrary<FixedFile> fixedFiles() {
        Arbitrary<List<Integer>> widths = Arbitraries.integers().between(1, 5).list().ofMinSize(1).ofMaxSize(4);
        return widths.flatMap(w -> {
            List<Arbitrary<String>> columns = new ArrayList<>();
            for (int width : w) {
                // a value never ends with a space (padding) and a record never is all spaces (an empty line)
                columns.add(Arbitraries.strings().withChars(CHARS).ofMinLength(1).ofMaxLength(width)
                        .filter(v -> !v.endsWith(" ") && !v.contains("\n") && !v.contains("\r")));
            }
            Arbitrary<List<String>> record = Combinators.combine(columns).as(ArrayList::new);
            return Combinators.combine(record.list().ofMinSize(1).ofMaxSize(8), Arbitraries.of("\n", "\r\n"),
                    Arbitraries.of(true, false), Arbitraries.of(true, false))
                    .as((records, end, trailing, bom) -> new FixedFile(w, records, end, trailing, bom));
        });
    }

    @Property(tries = 300, seed = "160101")
    void aCleanFixedWidthFileReadsBackAsExactlyTheGeneratedRecords(@ForAll("fixedFiles") FixedFile file)
            throws IOException {
        List<FeedRecords.Record> read = read(file.bytes());

        assertThat(read).extracting(FeedRecords.Record::text).containsExactlyElementsOf(file.lines());
        for (int i = 0; i < read.size(); i++) {
            FeedFormat.Parsed parsed = file.layout().parse(read.get(i).text(), file.widths().size());
            assertThat(parsed.corrupt()).isFalse();
            List<String> expected = new ArrayList<>();
            for (int c = 0; c < file.widths().size(); c++) {
                expected.add(FixedFile.pad(file.records().get(i).get(c), file.widths().get(c)));
            }
            assertThat(Arrays.asList(parsed.values())).isEqualTo(expected);
            assertThat(read.get(i).line()).isEqualTo(i + 1);
        }
    }

    @Provide
    Arbitrary<ByteMutation> mutations() {
        return ByteMutation.inserting((int) ' ', (int) 'x', (int) '\n', (int) '\r', 0, 0xFF, 0xC3, 0x80);
    }

    @Property(tries = 500, seed = "160102")
    void aMutatedFixedWidthFileIsReadWholeRecordByRecordOrFailsAsAWhole(@ForAll("fixedFiles") FixedFile file,
                                                                        @ForAll("mutations") ByteMutation mutation) {
        byte[] bytes = mutation.apply(file.bytes());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // not UTF-8: the file fails as a whole, naming the line, and no record of it is ever returned
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("are not UTF-8 text");
            return;
        }
        List<FeedRecords.Record> read;
        try {
            read = read(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> expected = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        String[] physical = body.split("\r?\n", -1);
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i];
            if (!line.isEmpty()) {
                expected.add(line);
                lines.add(i + 1L);
            }
        }
        assertThat(read).extracting(FeedRecords.Record::text).containsExactlyElementsOf(expected);
        assertThat(read).extracting(FeedRecords.Record::line).containsExactlyElementsOf(lines);
        FeedFormat.FixedWidth layout = file.layout();
        int length = file.widths().stream().mapToInt(Integer::intValue).sum();
        for (FeedRecords.Record r : read) {
            FeedFormat.Parsed parsed = layout.parse(r.text(), file.widths().size());
            boolean wellFormed = r.text().length() >= length && r.text().substring(length).isBlank();
            assertThat(parsed.corrupt()).as(r.text()).isEqualTo(!wellFormed);
            if (wellFormed) {
                int start = 0;
                for (int c = 0; c < file.widths().size(); c++) {
                    assertThat(parsed.values()[c]).isEqualTo(r.text().substring(start, start + file.widths().get(c)));
                    start += file.widths().get(c);
                }
            }
        }
    }

    private static List<FeedRecords.Record> read(byte[] bytes) throws IOException {
        List<FeedRecords.Record> out = new ArrayList<>();
        try (FeedRecords records = FeedRecords.of(new ByteArrayInputStream(bytes), "feed.txt",
                StandardCharsets.UTF_8, false, 0, 0)) {
            records.forEachRemaining(out::add);
        }
        return out;
    }
}
