package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.files.JsonRecords.Kind;
import io.sluice.connector.files.JsonRecords.Layout;
import io.sluice.connector.files.JsonRecords.Record;
import io.sluice.connector.files.JsonRecords.Value;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The record parser on named cases: the defects of issue 16 and the documented messages. */
class JsonRecordsTest {

    static List<Record> parse(String file, Layout layout) throws IOException {
        try (JsonRecords records = JsonRecords.open(new StringReader(file), layout)) {
            List<Record> result = new ArrayList<>();
            for (Optional<Record> r = records.next(); r.isPresent(); r = records.next()) {
                result.add(r.get());
            }
            assertThat(records.records()).isEqualTo(result.size());
            return result;
        }
    }

    private static String problems(List<Record> records) {
        StringBuilder text = new StringBuilder();
        for (Record r : records) {
            text.append(r.line()).append(' ').append(r.text()).append(" -> ")
                    .append(r.problem().orElse(r.values().toString())).append('\n');
        }
        return text.toString();
    }

    @Test
    void twoObjectsOnOneLineAreOneRecordWithAProblemNotOneValidRow() throws IOException {
        List<Record> records = parse("{\"a\":1}{\"a\":2}\n{\"a\":3}\n", Layout.DETECT);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).text()).isEqualTo("{\"a\":1}{\"a\":2}");
        assertThat(records.get(0).values()).isEmpty();
        assertThat(records.get(0).problem()).contains(
                "expected the end of the line after the object, found a second object at line 1, column 8"
                        + " (one JSON object per line)");
        assertThat(records.get(1).problem()).isEmpty();
    }

    @Test
    void textOrACommaAfterTheObjectIsAProblem() throws IOException {
        List<Record> records = parse("{\"a\":1} trailing\n{\"a\":1},\n{\"a\":1}  \t\n", Layout.LINES);

        assertThat(problems(records)).isEqualTo("""
                1 {"a":1} trailing -> Unrecognized token 'trailing': was expecting (JSON String, Number, Array, \
                Object or token 'null', 'true' or 'false') at line 1, column 9
                2 {"a":1}, -> Unexpected character (',' (code 44)): expected a valid value (JSON String, Number, \
                Array, Object or token 'null', 'true' or 'false') at line 2, column 8
                3 {"a":1}  \t -> {a=Value[kind=NUMBER, text=1]}
                """);
    }

    @Test
    void aLineThatIsNotAnObjectIsAProblemRecordWithItsLineAsText() throws IOException {
        List<Record> records = parse("[1]\n3\n\"s\"\n{\"a\":\n{\"a\":1,\"a\":2}\n{'a':1}\n{\"a\":01}\n{\"a\":NaN}\n",
                Layout.LINES);

        assertThat(problems(records)).isEqualTo("""
                1 [1] -> expected a JSON object, found an array at line 1, column 1
                2 3 -> expected a JSON object, found a number (3) at line 2, column 1
                3 "s" -> expected a JSON object, found a string at line 3, column 1
                4 {"a": -> Unexpected end-of-input within/between Object entries at line 4, column 6
                5 {"a":1,"a":2} -> duplicate key 'a' at line 5, column 8
                6 {'a':1} -> Unexpected character (''' (code 39)): was expecting double-quote to start field name \
                at line 6, column 2
                7 {"a":01} -> Invalid numeric value: Leading zeroes not allowed at line 7, column 7
                8 {"a":NaN} -> Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow \
                at line 8, column 9
                """);
    }

    @Test
    void blankLinesAreNoRecordsAndEveryLineBreakCounts() throws IOException {
        List<Record> records = parse("\n  \t\r\n{\"a\":1}\r\n\r{\"b\":2}\r  \n{\"c\":3}", Layout.DETECT);

        assertThat(records).extracting(Record::line).containsExactly(3L, 5L, 7L);
        assertThat(records).extracting(Record::text).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void valuesKeepTheirKindAndTheirTextAsWritten() throws IOException {
        List<Record> records = parse("  {\"s\":\"caf\\u00e9\\n\",\"n\":1.10,\"e\":1e3,\"z\":-0,\"t\":true,\"f\":false,"
                + "\"0\":null,\"o\":{\"x\": [1.0, \"\\u0001\", {}]},\"a\":[ ],\"\":\"\"}", Layout.DETECT);

        Map<String, Value> expected = new LinkedHashMap<>();
        expected.put("s", new Value(Kind.STRING, "café\n"));
        expected.put("n", new Value(Kind.NUMBER, "1.10"));
        expected.put("e", new Value(Kind.NUMBER, "1e3"));
        expected.put("z", new Value(Kind.NUMBER, "-0"));
        expected.put("t", new Value(Kind.BOOLEAN, "true"));
        expected.put("f", new Value(Kind.BOOLEAN, "false"));
        expected.put("0", new Value(Kind.NULL, null));
        expected.put("o", new Value(Kind.OBJECT, "{\"x\":[1.0,\"\\u0001\",{}]}"));
        expected.put("a", new Value(Kind.ARRAY, "[]"));
        expected.put("", new Value(Kind.STRING, ""));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.problem()).isEmpty();
            assertThat(r.values()).containsExactlyEntriesOf(expected);
            assertThat(r.text()).startsWith("  {");
        });
    }

    @Test
    void aDuplicateKeyInANestedObjectIsAProblem() throws IOException {
        assertThat(parse("{\"o\":{\"a\":1,\"b\":{\"a\":2},\"a\":3}}", Layout.LINES)).singleElement()
                .satisfies(r -> assertThat(r.problem()).contains("duplicate key 'a' at line 1, column 25"));
    }

    @Test
    void prettyPrintedArrayElementsAreRecordsWithTheirLineAndExactText() throws IOException {
        String file = "\n[\n  {\"a\": 1,\n   \"b\": [1, 2]},\n  3,\n"
                + "  {\"a\": \"x\"}, \"s\", [ {} ], {\"a\":1,\"a\":2}\n]\n";

        List<Record> records = parse(file, Layout.DETECT);

        assertThat(problems(records)).isEqualTo("""
                3 {"a": 1,
                   "b": [1, 2]} -> {a=Value[kind=NUMBER, text=1], b=Value[kind=ARRAY, text=[1,2]]}
                5 3 -> expected a JSON object, found a number (3) at line 5, column 3 \
                (each element of the array is one record)
                6 {"a": "x"} -> {a=Value[kind=STRING, text=x]}
                6 "s" -> expected a JSON object, found a string at line 6, column 15 \
                (each element of the array is one record)
                6 [ {} ] -> expected a JSON object, found an array at line 6, column 20 \
                (each element of the array is one record)
                6 {"a":1,"a":2} -> duplicate key 'a' at line 6, column 35
                """);
    }

    @Test
    void anArrayOnOneLineAndAnEmptyArray() throws IOException {
        assertThat(parse("[{\"a\":1},{\"a\":2}]", Layout.DETECT)).extracting(Record::text)
                .containsExactly("{\"a\":1}", "{\"a\":2}");
        assertThat(parse(" [ ] \n", Layout.ARRAY)).isEmpty();
        assertThat(parse("", Layout.ARRAY)).isEmpty();
        assertThat(parse(" \n\t\n", Layout.DETECT)).isEmpty();
    }

    @Test
    void aBrokenArrayIsAFileLevelFailureWithItsLocation() {
        assertThatThrownBy(() -> parse("[\n{\"a\":1}\n{\"a\":2}\n]", Layout.DETECT))
                .isInstanceOf(JsonRecords.BrokenFileException.class)
                .hasMessage("the JSON array is broken, so its elements cannot be told apart: Unexpected character"
                        + " ('{' (code 123)): was expecting comma to separate Array entries at line 3, column 1");
        assertThatThrownBy(() -> parse("[{\"a\":1},\n{\"a\":2", Layout.DETECT))
                .isInstanceOf(JsonRecords.BrokenFileException.class)
                .hasMessage("the JSON array is broken, so its elements cannot be told apart: Unexpected"
                        + " end-of-input: expected close marker for Object (opened at line 2, column 1) at line 2,"
                        + " column 7");
        assertThatThrownBy(() -> parse("[{\"a\":1}] x", Layout.DETECT))
                .isInstanceOf(JsonRecords.BrokenFileException.class)
                .hasMessageStartingWith("the JSON array is broken, so its elements cannot be told apart:"
                        + " Unrecognized token 'x'");
        assertThatThrownBy(() -> parse("[{\"a\":1}] {}", Layout.DETECT))
                .isInstanceOf(JsonRecords.BrokenFileException.class)
                .hasMessage("expected the end of the file after the array's closing ']', found a second object"
                        + " at line 1, column 11");
        assertThatThrownBy(() -> parse("[{\"a\":1},]", Layout.DETECT))
                .isInstanceOf(JsonRecords.BrokenFileException.class)
                .hasMessageContaining("at line 1, column 10");
    }

    @Test
    void theDeclaredLayoutWins() throws IOException {
        assertThatThrownBy(() -> parse("\n {\"a\":1}\n", Layout.ARRAY))
                .isInstanceOf(JsonRecords.BrokenFileException.class)
                .hasMessage("expected a JSON array ('[') at line 2, column 2, found '{' (the extract declares"
                        + " layout: array)");
        assertThat(problems(parse("[{\"a\":1},\n{\"a\":2}]\n", Layout.LINES))).isEqualTo("""
                1 [{"a":1}, -> expected a JSON object, found an array at line 1, column 1
                2 {"a":2}] -> Unexpected close marker ']': no open Array to close at line 2, column 8
                """);
        assertThat(JsonRecords.Layout.parse("lines")).contains(Layout.LINES);
        assertThat(JsonRecords.Layout.parse("array")).contains(Layout.ARRAY);
        assertThat(JsonRecords.Layout.parse("detect")).isEmpty();
    }

    @Test
    void keysAreTheUnionInFirstSeenOrderOfTheRecordsWithoutAProblem() throws IOException {
        try (JsonRecords records = JsonRecords.open(
                new StringReader("{\"b\":1,\"a\":2}\n{\"c\":1,\"c\":2}\n{\"a\":1,\"d\":null}\n"), Layout.DETECT)) {
            while (records.next().isPresent()) {
                // reads them all
            }
            assertThat(records.keys()).containsExactly("b", "a", "d");
            assertThat(records.records()).isEqualTo(3);
            assertThat(records.layout()).isEqualTo(Layout.LINES);
        }
    }
}
