package io.sluice.connector.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.FixedWidthLayout.Column;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record reader and the field splitting, without Spark. */
class FeedRecordsTest {

    private static List<FeedRecords.Record> records(FeedRecords in) {
        List<FeedRecords.Record> out = new ArrayList<>();
        in.forEachRemaining(out::add);
        return out;
    }

    @Test
    void escapedNewlinesTabsAndBackslashesStayInTheirRecord() {
        String hits = "1\ta\\\tb\tline1\\\nline2\tC:\\\\temp\\\\\n"
                + "2\tplain\t\t\\\\\r\n"
                + "\n"
                + "3\tlast\tx\ty";
        FeedRecords in = new FeedRecords(new StringReader(hits), true, 0, 0);
        List<FeedRecords.Record> records = records(in);
        assertThat(records).extracting(FeedRecords.Record::line).containsExactly(1L, 3L, 5L);
        FeedFormat adobe = new FeedFormat.AdobeTsv();
        FeedFormat.Parsed first = adobe.parse(records.get(0).text(), 4);
        assertThat(first.values()).containsExactly("1", "a\tb", "line1\nline2", "C:\\temp\\");
        assertThat(first.corrupt()).isFalse();
        FeedFormat.Parsed second = adobe.parse(records.get(1).text(), 4);
        assertThat(second.values()).containsExactly("2", "plain", null, "\\");
        assertThat(adobe.parse(records.get(2).text(), 3).corrupt()).isTrue();
    }

    @Test
    void unescapedFormatsEndRecordsAtEveryNewline() {
        FeedRecords in = new FeedRecords(new StringReader("a\\\nb\r\nc"), false, 0, 0);
        assertThat(records(in)).extracting(FeedRecords.Record::text).containsExactly("a\\", "b", "c");
    }

    @Test
    void headerAndTrailerRecordsAreHeldApart() throws IOException {
        try (FeedRecords in = new FeedRecords(new StringReader("\uFEFFH|20261123\n1|a\n\n2|b\nT|2|3.50\n"), false,
                1, 1)) {
            assertThat(in.headers()).containsExactly("H|20261123");
            assertThat(records(in)).extracting(FeedRecords.Record::text, FeedRecords.Record::line)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1|a", 2L),
                            org.assertj.core.groups.Tuple.tuple("2|b", 4L));
            assertThat(in.trailers()).containsExactly("T|2|3.50");
        }
    }

    @Test
    void aFileWithAUtf16ByteOrderMarkWhereUtf8IsDeclaredIsRefusedNamingTheEncoding() throws IOException {
        byte[] utf16 = "1|a\n2|b\n".getBytes(StandardCharsets.UTF_16);
        assertThatThrownBy(() -> FeedRecords.of(new ByteArrayInputStream(utf16), "hits.txt", StandardCharsets.UTF_8,
                false, 0, 0))
                .isInstanceOf(IOException.class)
                .hasMessage("it starts with a UTF-16 byte-order mark, but the extract declares UTF-8; have it"
                        + " delivered in UTF-8");
        // the same bytes read as UTF-16 are two records; a UTF-8 mark is dropped as before
        try (FeedRecords in = FeedRecords.of(new ByteArrayInputStream(utf16), "hits.txt", StandardCharsets.UTF_16,
                false, 0, 0)) {
            assertThat(records(in)).extracting(FeedRecords.Record::text).containsExactly("1|a", "2|b");
        }
        byte[] utf8 = "\uFEFF1|a\n".getBytes(StandardCharsets.UTF_8);
        try (FeedRecords in = FeedRecords.of(new ByteArrayInputStream(utf8), "hits.txt", StandardCharsets.UTF_8,
                false, 0, 0)) {
            assertThat(records(in)).extracting(FeedRecords.Record::text).containsExactly("1|a");
        }
    }

    @Test
    void fixedWidthTrimsAndPlacesImpliedDecimals() {
        FeedFormat.FixedWidth layout = new FeedFormat.FixedWidth(List.of(new Column("id", 0, 4, 0),
                new Column("name", 4, 6, 0), new Column("amount", 10, 6, 2)), true);
        assertThat(layout.parse("0001 Anna 001234", 3).values()).containsExactly("0001", "Anna", "12.34");
        assertThat(layout.parse("0002      -00050", 3).values()).containsExactly("0002", null, "-0.50");
        assertThat(layout.parse("0003Bob   12a4  ", 3).values()).containsExactly("0003", "Bob", "12a4");
        FeedFormat.Parsed shortRecord = layout.parse("0004Eve", 3);
        assertThat(shortRecord.corrupt()).isTrue();
        assertThat(shortRecord.values()).containsExactly("0004", "Eve", null);
        assertThat(layout.parse("0005 Anna 001234   ", 3).corrupt()).isFalse();
        assertThat(layout.parse("0005 Anna 001234 x", 3).corrupt()).isTrue();
        FeedFormat.FixedWidth untrimmed = new FeedFormat.FixedWidth(layout.columns(), false);
        assertThat(untrimmed.parse("0001 Anna 001234", 3).values()[1]).isEqualTo(" Anna ");
    }

    @Test
    void delimitedRecordsOfAnotherWidthAreCorrupt() {
        FeedFormat pipe = new FeedFormat.Delimited("|");
        assertThat(Arrays.asList(pipe.parse("1|x|", 3).values())).containsExactly("1", "x", null);
        assertThat(pipe.parse("1|x", 3).corrupt()).isTrue();
        assertThat(pipe.parse("1|x|y|z", 3).corrupt()).isTrue();
    }

    /** Issue 16, defect 5: undecodable bytes became U+FFFD and the rest of the record reached the lake. */
    @Test
    void aFileThatIsNotInItsDeclaredEncodingFailsAsAWholeNamingTheLine() {
        byte[] latin1 = "1|caf\u00e9\n2|ok\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> {
            try (FeedRecords in = FeedRecords.of(new ByteArrayInputStream(latin1), "feed.txt", StandardCharsets.UTF_8,
                    false, 0, 0)) {
                records(in);
            }
        }).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessage("the bytes at line 1 are not UTF-8 text; have the file delivered in UTF-8, or declare the"
                        + " encoding it is written in");
    }
}
