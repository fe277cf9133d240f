package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV record definition: one named test per defect of issue 16, and the rules the parser documents. */
class CsvRecordsTest {
    static final CsvRecords.Syntax RFC = new CsvRecords.Syntax(',', '"', '"', "");

    static List<TextRecord> parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, RFC, false);
    }

    static List<TextRecord> parse(byte[] bytes, Charset charset, CsvRecords.Syntax syntax, boolean header) {
        try (CsvRecords records = CsvRecords.open(new ByteArrayInputStream(bytes), charset, syntax, header)) {
            List<TextRecord> out = new ArrayList<>();
            for (TextRecord r = records.next(); r != null; r = records.next()) {
                out.add(r);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String render(TextRecord r) {
        return r.line() + ":" + (r.isWellFormed() ? String.valueOf(r.values()) : "ERROR " + r.text());
    }

    @Test
    void aQuotedFieldSpanningLinesIsOneRecordAndNoFragmentIsPublished() {
        assertThat(parse("id,note\n1,\"one\ntwo\",x\n2,b\n")).extracting(CsvRecordsTest::render)
                .containsExactly("1:[id, note]", "2:[1, one\ntwo, x]", "4:[2, b]");
    }

    @Test
    void aBareQuoteInsideAQuotedFieldIsAParseErrorOfThatRecordOnly() {
        List<TextRecord> records = parse("a,b\n1,\"she said \"yes\" twice\"\n2,ok\n");
        assertThat(records).extracting(CsvRecordsTest::render)
                .containsExactly("1:[a, b]", "2:ERROR 1,\"she said \"yes\" twice\"", "3:[2, ok]");
        assertThat(records.get(1).problem()).hasValue("a closing quote is followed by 'y' instead of a delimiter"
                + " or a line break (a bare quote inside a quoted field, or text after the closing quote) at line 2,"
                + " column 14");
    }

    @Test
    void crLfInsideAQuotedFieldIsKeptAsDelivered() {
        assertThat(parse("1,\"a\r\nb\"\r\n2,\"c\rd\ne\"\r\n")).extracting(r -> r.values().get(1))
                .containsExactly("a\r\nb", "c\rd\ne");
        assertThat(parse("1,\"a\r\nb\"\r\n2,\"c\rd\ne\"\r\n")).extracting(TextRecord::line).containsExactly(1L, 3L);
    }

    @Test
    void aQuotedEmptyFieldIsTheEmptyStringAndAnUnquotedEmptyFieldIsNull() {
        assertThat(parse("\"\",,x\n")).singleElement().extracting(TextRecord::values)
                .isEqualTo(java.util.Arrays.asList("", null, "x"));
    }

    @Test
    void nullValueAppliesToUnquotedTextOnly() {
        CsvRecords.Syntax na = new CsvRecords.Syntax(',', '"', '"', "NA");
        assertThat(parse("NA,\"NA\",\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, na, false))
                .singleElement().extracting(TextRecord::values).isEqualTo(java.util.Arrays.asList(null, "NA", null));
    }

    @Test
    void doubledQuotesAreRfc4180ByDefaultAndADeclaredEscapeIsAnAlternative() {
        assertThat(parse("\"a \"\"b\"\" c\"\n")).singleElement().extracting(r -> r.values().get(0))
                .isEqualTo("a \"b\" c");
        CsvRecords.Syntax backslash = new CsvRecords.Syntax(',', '"', '\\', "");
        assertThat(parse("\"a \\\"b\\\" \"\"c\"\" \\\\ \\n\"\n".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8, backslash, false)).singleElement().extracting(r -> r.values().get(0))
                .isEqualTo("a \"b\" \"c\" \\ \\n");
    }

    @Test
    void aLineStartingWithNulIsARecordNotAComment() {
        assertThat(parse("x,1\n\0y,2\nw,3\n")).extracting(CsvRecordsTest::render)
                .containsExactly("1:[x, 1]", "2:[\0y, 2]", "3:[w, 3]");
    }

    @Test
    void bytesThatAreNotTheDeclaredEncodingRefuseTheWholeFileNamingOffsetLineAndEncoding() {
        byte[] latin1 = "id,name\n1,ok\n2,Schraube gro\u00df\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parse(latin1, StandardCharsets.UTF_8, RFC, true))
                .hasCauseInstanceOf(UnreadableTextException.class)
                .hasRootCauseMessage("bytes at offset 27 are not valid UTF-8 (malformed input of 1 byte(s)), on line 3");
    }

    @Test
    void anyJvmCharsetIsRead() {
        Charset eucJp = Charset.forName("EUC-JP");
        assertThat(parse("id,name\n1,\u6771\u4eac\n".getBytes(eucJp), eucJp, RFC, true)).singleElement()
                .extracting(TextRecord::values).isEqualTo(List.of("1", "\u6771\u4eac"));
        Charset utf16 = StandardCharsets.UTF_16;
        assertThat(parse("a,b\n1,\"x\ny\"\n".getBytes(utf16), utf16, RFC, true)).singleElement()
                .extracting(TextRecord::values).isEqualTo(List.of("1", "x\ny"));
    }

    @Test
    void aUtf8ByteOrderMarkIsDropped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ',', 'b', '\n', '1', ',', '2'};
        try (CsvRecords records = CsvRecords.open(new ByteArrayInputStream(bom), StandardCharsets.UTF_8, RFC, true)) {
            assertThat(records.header()).containsExactly("a", "b");
            assertThat(records.next().values()).containsExactly("1", "2");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void emptyLinesAreNoRecordButALineOfSpacesIsOne() {
        assertThat(parse("\n1,2\n\r\n\r  \n3,4")).extracting(CsvRecordsTest::render)
                .containsExactly("2:[1, 2]", "5:[  ]", "6:[3, 4]");
    }

    @Test
    void anUnterminatedQuoteEndsItsRecordAtItsFirstLineBreakAndParsingResumes() {
        List<TextRecord> records = parse("1,\"open\n2,b\n3,c");
        assertThat(records).extracting(CsvRecordsTest::render)
                .containsExactly("1:ERROR 1,\"open", "2:[2, b]", "3:[3, c]");
        assertThat(records.get(0).problem()).hasValue("a quote opened in the record starting at line 1 is not closed"
                + " before the end of the file; the record is taken to end at its first line break");
    }

    @Test
    void aMalformedRecordSpanningLinesEndsAtItsFirstLineBreakAndParsingResumes() {
        List<TextRecord> records = parse("\"a\nb\"c,d\ne,f\n");
        assertThat(records).extracting(CsvRecordsTest::render)
                .containsExactly("1:ERROR \"a", "2:[b\"c, d]", "3:[e, f]");
        assertThat(records.get(0).problem()).hasValue("a closing quote is followed by 'c' instead of a delimiter or a"
                + " line break (a bare quote inside a quoted field, or text after the closing quote) at line 2,"
                + " column 3; the record is taken to end at its first line break");
    }

    @Test
    void aStrayOpeningQuoteSpoilsItsOwnLineNotTheLinesUpToTheNextQuote() {
        assertThat(parse("1,\"x,a\n2,b\n3,\"y,c\n4,d\n5,\"e, f\"\n")).extracting(CsvRecordsTest::render)
                .containsExactly("1:ERROR 1,\"x,a", "2:[2, b]", "3:ERROR 3,\"y,c", "4:[4, d]", "5:[5, e, f]");
    }

    @Test
    void aRecordSpanningLinesWithTheWrongNumberOfFieldsStaysOneRecordAndNoFragmentIsReadAsARecord() {
        // RFC 4180 reads lines 2 and 3 as one record of 3 fields (a stray quote closed by the next line's quote
        // before a delimiter): cut at its first line break, line 3 was read as a record of its own and published
        byte[] csv = "id,prio,clerk,note\n1,\"4-NOT SPECIFIED,c1,x\n2,3-MEDIUM,c2,\", brave\"\n3,2-HIGH,c3,z\n"
                .getBytes(StandardCharsets.UTF_8);
        List<TextRecord> records = parse(csv, StandardCharsets.UTF_8, RFC, true);
        assertThat(records).extracting(TextRecord::line).containsExactly(2L, 4L);
        assertThat(records.get(0).text()).isEqualTo("1,\"4-NOT SPECIFIED,c1,x\n2,3-MEDIUM,c2,\", brave\"");
        assertThat(records.get(0).values()).hasSize(3);
        assertThat(records.get(1).values()).containsExactly("3", "2-HIGH", "c3", "z");
    }

    /** Issue 16: the fragment two",x of a quoted field spanning lines reached valid. */
    @Test
    void theLinesOfAQuotedFieldAreNeverRecordsOfTheirOwn() {
        byte[] csv = "id,t\n1,\"one\ntwo\",x\n2,ok\n".getBytes(StandardCharsets.UTF_8);
        List<TextRecord> records = parse(csv, StandardCharsets.UTF_8, RFC, true);
        assertThat(records).extracting(TextRecord::text).containsExactly("1,\"one\ntwo\",x", "2,ok");
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsData() {
        assertThat(parse("5\" screen,x\"y\n")).singleElement().extracting(TextRecord::values)
                .isEqualTo(List.of("5\" screen", "x\"y"));
    }

    @Test
    void withQuotingOffQuotesAreData() {
        CsvRecords.Syntax none = new CsvRecords.Syntax('\t', -1, '"', "");
        assertThat(parse("\"a\tb\"\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, none, false))
                .singleElement().extracting(TextRecord::values).isEqualTo(List.of("\"a", "b\""));
    }

    @Test
    void aHeaderThatCannotBeParsedRefusesTheFile() {
        assertThatThrownBy(() -> parse("\"a\"b,c\n1,2\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8,
                RFC, true)).hasRootCauseMessage("its header (line 1) cannot be parsed: a closing quote is followed by"
                + " 'b' instead of a delimiter or a line break (a bare quote inside a quoted field, or text after the"
                + " closing quote) at line 1, column 4");
    }
}
