package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.files.JsonPath.Index;
import io.sluice.connector.files.JsonPath.Key;
import io.sluice.connector.files.JsonRecords.Kind;
import io.sluice.connector.files.JsonRecords.Layout;
import io.sluice.connector.files.JsonRecords.Record;
import io.sluice.connector.files.JsonRecords.Value;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The path syntax of a column's {@code from} and the value a path finds in a parsed record, on named cases. */
class JsonPathTest {
    private static final String HOW = " (write keys separated by dots and [n] for the n-th element of an array from"
            + " 0, e.g. address.city or tags[0]; write a key that holds a dot, a bracket or a backquote in backquotes,"
            + " a backquote doubled, e.g. `a.b`.c)";

    private static Record record(String json) throws IOException {
        List<Record> records = JsonRecordsTest.parse(json + "\n", Layout.LINES);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).problem()).isEmpty();
        return records.get(0);
    }

    private static Optional<Value> at(String path, String json) throws IOException {
        return Optional.ofNullable(new JsonPathTree(List.of(JsonPath.parse(path))).valuesIn(record(json).values())
                .get(path));
    }

    @Test
    void pathsAreKeysAndIndexesWithBackquotedKeysForDotsBracketsAndBackquotes() {
        assertThat(JsonPath.parse("address.city").segments()).containsExactly(new Key("address"), new Key("city"));
        assertThat(JsonPath.parse("tags[0]").segments()).containsExactly(new Key("tags"), new Index(0));
        assertThat(JsonPath.parse("a.b[2].c").segments())
                .containsExactly(new Key("a"), new Key("b"), new Index(2), new Key("c"));
        assertThat(JsonPath.parse("m[1][12]").segments()).containsExactly(new Key("m"), new Index(1), new Index(12));
        assertThat(JsonPath.parse("`a.b`.c").segments()).containsExactly(new Key("a.b"), new Key("c"));
        assertThat(JsonPath.parse("`x``y`").segments()).containsExactly(new Key("x`y"));
        assertThat(JsonPath.parse("``.`[0]`").segments()).containsExactly(new Key(""), new Key("[0]"));
        // a plain source name is a one-key path, whatever its characters other than . [ ] `
        assertThat(JsonPath.parse(" Cost Total $ ").segments()).containsExactly(new Key(" Cost Total $ "));
        assertThat(JsonPath.parse("prix été").isTopLevel()).isTrue();
        assertThat(JsonPath.parse("a.b").text()).isEqualTo("a.b");
        assertThat(JsonPath.parse("a.b").root()).isEqualTo("a");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"|it is empty",
        "a.|it ends after '.'",
        "a..b|expected a key at position 3, found '.'",
        ".a|expected a key at position 1, found '.'",
        "[0]|expected a key at position 1, found '['",
        "a.[0]|expected a key at position 3, found '['",
        "a]|unexpected ']' at position 2",
        "a`b|unexpected '`' at position 2",
        "`a`b|unexpected 'b' at position 4",
        "`a.b|the backquote at position 1 is not closed",
        "a[01]|'[01]' at position 2 is not an index (expected [n], n a whole number such as 0 or 12 without sign or"
                + " leading zero)",
        "a[-1]|'[-1]' at position 2 is not an index (expected [n], n a whole number such as 0 or 12 without sign or"
                + " leading zero)",
        "a[]|'[]' at position 2 is not an index (expected [n], n a whole number such as 0 or 12 without sign or"
                + " leading zero)",
        "a[1|'[1' at position 2 is not an index (expected [n], n a whole number such as 0 or 12 without sign or"
                + " leading zero)",
        "a[9999999999]|'[9999999999]' at position 2 is not an index (expected [n], n a whole number such as 0 or 12"
                + " without sign or leading zero)",
        "Price [EUR]|'[EUR]' at position 7 is not an index (expected [n], n a whole number such as 0 or 12 without"
                + " sign or leading zero)",
    })
    void textThatIsNotAPathIsRefusedSayingWhereAndHowToWriteIt(String text, String what) {
        assertThatThrownBy(() -> JsonPath.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a JSON path: " + what + HOW);
    }

    @Test
    void nestedKeysAndArrayElementsGiveTheirValueWithItsKindAndTextAsForTopLevelValues() throws IOException {
        String json = "{\"address\": {\"city\": \"Lyon\", \"zip\": 69001, \"geo\": {\"lat\": 45.75, \"lon\": 4.850}},"
                + " \"tags\": [\"a\", 1e3, true, null, {\"k\": [1, 2.50]}, [ ]], \"ok\": false}";

        assertThat(at("address.city", json)).contains(new Value(Kind.STRING, "Lyon"));
        assertThat(at("address.zip", json)).contains(new Value(Kind.NUMBER, "69001"));
        assertThat(at("address.geo.lon", json)).contains(new Value(Kind.NUMBER, "4.850"));
        assertThat(at("address.geo", json)).contains(new Value(Kind.OBJECT, "{\"lat\":45.75,\"lon\":4.850}"));
        assertThat(at("tags[0]", json)).contains(new Value(Kind.STRING, "a"));
        assertThat(at("tags[1]", json)).contains(new Value(Kind.NUMBER, "1e3"));
        assertThat(at("tags[2]", json)).contains(new Value(Kind.BOOLEAN, "true"));
        assertThat(at("tags[3]", json)).contains(new Value(Kind.NULL, null));
        assertThat(at("tags[4].k[1]", json)).contains(new Value(Kind.NUMBER, "2.50"));
        assertThat(at("tags[4]", json)).contains(new Value(Kind.OBJECT, "{\"k\":[1,2.50]}"));
        assertThat(at("tags[5]", json)).contains(new Value(Kind.ARRAY, "[]"));
        assertThat(at("ok", json)).contains(new Value(Kind.BOOLEAN, "false"));
        assertThat(at("address", json).get().kind()).isEqualTo(Kind.OBJECT);
    }

    @Test
    void aPathToNothingIsMissing() throws IOException {
        String json = "{\"a\": {\"b\": 1}, \"t\": [10, 20]}";

        assertThat(at("x", json)).isEmpty();
        assertThat(at("x.y", json)).isEmpty();
        assertThat(at("a.c", json)).isEmpty();
        assertThat(at("a.b.c", json)).isEmpty();
        assertThat(at("t[2]", json)).isEmpty();
        assertThat(at("t[1][0]", json)).isEmpty();
    }

    /** The choice the class comment documents: a step into a value of the wrong kind finds nothing (not an error). */
    @Test
    void aStepIntoAValueOfTheWrongKindIsMissing() throws IOException {
        String json = "{\"o\": {\"0\": \"zero\"}, \"t\": [\"x\"], \"s\": \"text\", \"n\": 5, \"b\": true, \"z\": null}";

        assertThat(at("o[0]", json)).as("an index into an object").isEmpty();
        assertThat(at("o.`0`", json)).as("its key \"0\"").contains(new Value(Kind.STRING, "zero"));
        assertThat(at("t.x", json)).as("a key into an array").isEmpty();
        assertThat(at("t.`0`", json)).as("a key that looks like an index, into an array").isEmpty();
        assertThat(at("s.x", json)).as("into a string").isEmpty();
        assertThat(at("s[0]", json)).as("an index into a string").isEmpty();
        assertThat(at("n.x", json)).isEmpty();
        assertThat(at("b[0]", json)).isEmpty();
        assertThat(at("z.x", json)).as("into null").isEmpty();
    }

    @Test
    void keysWithDotsBracketsAndBackquotesAreReachedInBackquotes() throws IOException {
        String json = "{\"a.b\": {\"c\": 1, \"d.e\": [\"x\"]}, \"a\": {\"b\": 2}, \"t[0]\": \"lit\", \"q`\": \"bq\"}";

        assertThat(at("`a.b`.c", json)).contains(new Value(Kind.NUMBER, "1"));
        assertThat(at("`a.b`.`d.e`[0]", json)).contains(new Value(Kind.STRING, "x"));
        assertThat(at("a.b", json)).as("unquoted: key a, then b").contains(new Value(Kind.NUMBER, "2"));
        assertThat(at("`a.b`", json).get().kind()).isEqualTo(Kind.OBJECT);
        assertThat(at("`t[0]`", json)).contains(new Value(Kind.STRING, "lit"));
        assertThat(at("`q```", json)).contains(new Value(Kind.STRING, "bq"));
    }

    @Test
    void theFirstKeyIsMatchedIgnoringCaseLikeATopLevelColumnTheKeysBelowItExactly() throws IOException {
        String json = "{\"Address\": {\"city\": \"Lyon\", \"City\": \"LYON\"}}";

        assertThat(at("address.city", json)).contains(new Value(Kind.STRING, "Lyon"));
        assertThat(at("ADDRESS.City", json)).contains(new Value(Kind.STRING, "LYON"));
        assertThat(at("address.CITY", json)).isEmpty();
    }

    @Test
    void pathsIntoOneValueAreFoundInOnePassAncestorsAndDescendantsAlike() throws IOException {
        Record record = record("{\"a\": {\"b\": {\"c\": [1, {\"d\": \"x\"}], \"e\": 2.0}, \"f\": [[3], 4]},"
                + " \"g\": 5}");
        List<String> paths = List.of("a", "a.b", "a.b.c", "a.b.c[1].d", "a.b.c[1]", "a.b.e", "a.f[0][0]", "a.f[1]",
                "a.f.x", "a.b[0]", "g", "h.i");

        Map<String, Value> found = new JsonPathTree(paths.stream().map(JsonPath::parse).toList())
                .valuesIn(record.values());

        assertThat(found).containsOnly(
                Map.entry("a", new Value(Kind.OBJECT, "{\"b\":{\"c\":[1,{\"d\":\"x\"}],\"e\":2.0},\"f\":[[3],4]}")),
                Map.entry("a.b", new Value(Kind.OBJECT, "{\"c\":[1,{\"d\":\"x\"}],\"e\":2.0}")),
                Map.entry("a.b.c", new Value(Kind.ARRAY, "[1,{\"d\":\"x\"}]")),
                Map.entry("a.b.c[1]", new Value(Kind.OBJECT, "{\"d\":\"x\"}")),
                Map.entry("a.b.c[1].d", new Value(Kind.STRING, "x")),
                Map.entry("a.b.e", new Value(Kind.NUMBER, "2.0")),
                Map.entry("a.f[0][0]", new Value(Kind.NUMBER, "3")),
                Map.entry("a.f[1]", new Value(Kind.NUMBER, "4")),
                Map.entry("g", new Value(Kind.NUMBER, "5")));
        for (String path : paths) {
            assertThat(at(path, "{\"a\": {\"b\": {\"c\": [1, {\"d\": \"x\"}], \"e\": 2.0}, \"f\": [[3], 4]},"
                    + " \"g\": 5}")).as("%s alone", path).isEqualTo(Optional.ofNullable(found.get(path)));
        }
    }

    @Test
    void stringsAreDecodedAndNestedValuesReEscapedAsAtTheTopLevel() throws IOException {
        String json = "{\"a\": {\"s\": \"caf\\u00e9 \\\"q\\\" \\n\", \"o\": {\"s\": \"\\u00e9\\t\"}}}";

        assertThat(at("a.s", json)).contains(new Value(Kind.STRING, "café \"q\" \n"));
        assertThat(at("a.o", json)).contains(new Value(Kind.OBJECT, "{\"s\":\"é\\t\"}"));
    }
}
