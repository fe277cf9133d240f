package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.connector.files.JsonRecords.Kind;
import io.sluice.connector.files.JsonRecords.Layout;
import io.sluice.connector.files.JsonRecords.Record;
import io.sluice.connector.files.JsonRecords.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.Tuple;

/**
 * Generated JSON files, written as JSON lines and as arrays, then mutated: every record is parsed with its values,
 * kinds and exact number texts, and no line or element is ever silently gone, merged or split.
 */
class JsonRecordsPropertiesTest {
    private static final JsonFactory JACKSON = new JsonFactory();

    /** A generated JSON value: the model the parsed values are compared with. Numbers are kept as texts. */
    sealed interface Json permits Str, Num, Bool, Null, Obj, Arr {
    }

    record Str(String value) implements Json {
    }

    record Num(String text) implements Json {
    }

    record Bool(boolean value) implements Json {
    }

    record Null() implements Json {
    }

    record Obj(List<Map.Entry<String, Json>> members) implements Json {
    }

    record Arr(List<Json> elements) implements Json {
    }

    // ---------------------------------------------------------------------------------------------- generators

    /** Characters that need care: quotes, backslashes, controls, non-ASCII, a pair of surrogates (emoji). */
    private static Arbitrary<String> strings() {
        Arbitrary<String> character = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
                Tuple.of(1, Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("\"", "\\", "/", "\u007f", "\u2028")),
                Tuple.of(1, Arbitraries.chars().range('\u00a0', '\u024f').map(String::valueOf)),
                Tuple.of(1, Arbitraries.chars().range('\u4e00', '\u4e20').map(String::valueOf)),
                Tuple.of(1, Arbitraries.integers().between(0x1F600, 0x1F64F).map(Character::toString)));
        return character.list().ofMaxSize(6).map(parts -> String.join("", parts));
    }

    /** Number texts of the JSON grammar, as written: {@code -0}, {@code 1.10}, {@code 1E+3}, {@code 12e-07}. */
    private static Arbitrary<String> numbers() {
        Arbitrary<String> integer = Arbitraries.oneOf(Arbitraries.just("0"),
                Combinators.combine(Arbitraries.chars().range('1', '9'),
                                Arbitraries.strings().numeric().ofMaxLength(25))
                        .as((first, rest) -> first + rest));
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12).map(d -> "." + d));
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3)).as((e, s, d) -> e + s + d));
        return Combinators.combine(Arbitraries.of("", "-"), integer, fraction, exponent)
                .as((sign, i, f, e) -> sign + i + f + e);
    }

    private static Arbitrary<Json> values(int depth) {
        Arbitrary<Json> scalars = Arbitraries.oneOf(strings().map(Str::new), numbers().map(Num::new),
                Arbitraries.of(true, false).map(Bool::new), Arbitraries.just(new Null()));
        if (depth == 0) {
            return scalars;
        }
        return Arbitraries.frequencyOf(Tuple.of(5, scalars), Tuple.of(1, objects(depth - 1).map(o -> (Json) o)),
                Tuple.of(1, values(depth - 1).list().ofMaxSize(4).map(a -> (Json) new Arr(a))));
    }

    /** Objects with unique keys (a duplicate key is a mutation, below). */
    private static Arbitrary<Obj> objects(int depth) {
        return strings().list().uniqueElements().ofMaxSize(6).flatMap(keys -> values(depth).list()
                .ofSize(keys.size()).map(vals -> {
                    List<Map.Entry<String, Json>> members = new ArrayList<>();
                    for (int i = 0; i < keys.size(); i++) {
                        members.add(Map.entry(keys.get(i), vals.get(i)));
                    }
                    return new Obj(members);
                }));
    }

    @Provide
    Arbitrary<List<Obj>> files() {
        return objects(2).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Obj>> nonEmptyFiles() {
        return objects(2).list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Obj>> filesOfTwoOrMore() {
        return objects(2).list().ofMinSize(2).ofMaxSize(12);
    }

    /** The 1-based line a text that follows {@code before} starts on: line breaks are LF, CR LF and CR. */
    private static long lineAfter(String before) {
        return 1 + before.replace("\r\n", "\n").chars().filter(c -> c == '\n' || c == '\r').count();
    }

    // ------------------------------------------------------------------------------------------- serialisation

    /** Writes JSON with random (valid) whitespace and random (valid) escapes. */
    private record Writer(Random random, boolean multiline) {
        String ws() {
            return switch (random.nextInt(multiline ? 6 : 4)) {
                case 0 -> " ";
                case 1 -> "\t ";
                case 4 -> "\n  ";
                case 5 -> "\r\n";
                default -> "";
            };
        }

        String write(Json value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private void write(Json value, StringBuilder out) {
            if (value instanceof Str s) {
                string(s.value(), out);
            } else if (value instanceof Num n) {
                out.append(n.text());
            } else if (value instanceof Bool b) {
                out.append(b.value());
            } else if (value instanceof Null) {
                out.append("null");
            } else if (value instanceof Obj o) {
                out.append('{').append(ws());
                for (int i = 0; i < o.members().size(); i++) {
                    out.append(i == 0 ? "" : "," + ws());
                    string(o.members().get(i).getKey(), out);
                    out.append(ws()).append(':').append(ws());
                    write(o.members().get(i).getValue(), out);
                    out.append(ws());
                }
                out.append('}');
            } else if (value instanceof Arr a) {
                out.append('[').append(ws());
                for (int i = 0; i < a.elements().size(); i++) {
                    out.append(i == 0 ? "" : ws() + "," + ws());
                    write(a.elements().get(i), out);
                }
                out.append(ws()).append(']');
            } else {
                throw new IllegalStateException("unknown " + value);
            }
        }

        private void string(String s, StringBuilder out) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean escape = c < 0x20 || c == '"' || c == '\\' || random.nextInt(8) == 0;
                if (!escape) {
                    out.append(c);
                } else if (c == '"' || c == '\\' || (c == '/' && random.nextBoolean())) {
                    out.append('\\').append(c);
                } else if (c == '\n' && random.nextBoolean()) {
                    out.append("\\n");
                } else {
                    out.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
                }
            }
            out.append('"');
        }
    }

    /** What the parser must give for a generated top-level value. */
    private static void assertValue(Value actual, Json expected) throws IOException {
        if (expected instanceof Str s) {
            assertThat(actual).isEqualTo(new Value(Kind.STRING, s.value()));
        } else if (expected instanceof Num n) {
            assertThat(actual).isEqualTo(new Value(Kind.NUMBER, n.text()));
        } else if (expected instanceof Bool b) {
            assertThat(actual).isEqualTo(new Value(Kind.BOOLEAN, String.valueOf(b.value())));
        } else if (expected instanceof Null) {
            assertThat(actual).isEqualTo(new Value(Kind.NULL, null));
        } else {
            assertThat(actual.kind()).isEqualTo(expected instanceof Obj ? Kind.OBJECT : Kind.ARRAY);
            // the compact text reads back as the generated value, numbers as written
            assertThat(read(actual.text())).isEqualTo(expected);
            assertThat(actual.text()).doesNotContain("\n", "\r");
        }
    }

    private static void assertRecord(Record actual, Obj expected) throws IOException {
        assertThat(actual.problem()).as(actual.text()).isEmpty();
        assertThat(actual.values().keySet()).containsExactlyElementsOf(
                expected.members().stream().map(Map.Entry::getKey).toList());
        for (Map.Entry<String, Json> member : expected.members()) {
            assertValue(actual.values().get(member.getKey()), member.getValue());
        }
    }

    /** A compact text back into the model (used on the parser's output only). */
    private static Json read(String json) throws IOException {
        try (JsonParser parser = JACKSON.createParser(json)) {
            parser.nextToken();
            return read(parser);
        }
    }

    private static Json read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_STRING -> new Str(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Num(parser.getText());
            case VALUE_TRUE, VALUE_FALSE -> new Bool(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> new Null();
            case START_OBJECT -> {
                List<Map.Entry<String, Json>> members = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    members.add(Map.entry(key, read(parser)));
                }
                yield new Obj(members);
            }
            case START_ARRAY -> {
                List<Json> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(read(parser));
                }
                yield new Arr(elements);
            }
            default -> throw new IllegalStateException("unexpected " + token);
        };
    }

    // ------------------------------------------------------------------------------------------------- lines

    @Property(tries = 200, seed = "20261206")
    void everyLineIsItsRecordWithItsValues(@ForAll("files") List<Obj> objects, @ForAll long seed) throws IOException {
        Writer writer = new Writer(new Random(seed), false);
        Random random = new Random(seed);
        StringBuilder file = new StringBuilder();
        List<Long> lines = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        long line = 0;
        for (Obj object : objects) {
            while (random.nextInt(4) == 0) {
                // a blank line never starts with LF: after a CR that would make one CR LF line break
                file.append(random.nextBoolean() ? " \t" : " ").append(random.nextBoolean() ? "\n" : "\r\n");
                line++;
            }
            String text = writer.ws() + writer.write(object) + writer.ws();
            file.append(text).append(random.nextInt(3) == 0 ? "\r\n" : random.nextInt(8) == 0 ? "\r" : "\n");
            lines.add(++line);
            texts.add(text);
        }

        List<Record> records = JsonRecordsTest.parse(file.toString(), Layout.DETECT);

        assertThat(records).hasSize(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            assertThat(records.get(i).line()).isEqualTo(lines.get(i));
            assertThat(records.get(i).text()).isEqualTo(texts.get(i));
            assertRecord(records.get(i), objects.get(i));
        }
    }

    /** Ways to spoil one line; each must give a record with a problem, holding the line. */
    enum LineMutation {
        TWO_OBJECTS, JUNK_AFTER, COMMA_AFTER, TRUNCATED, DUPLICATE_KEY, SCALAR, ARRAY
    }

    @Property(tries = 200, seed = "20261207")
    void aSpoiledLineIsARecordWithAProblemNeverGoneOrMerged(@ForAll("nonEmptyFiles") List<Obj> objects,
                                                            @ForAll List<@IntRange(max = 7) Integer> mutations,
                                                            @ForAll long seed) throws IOException {
        Writer writer = new Writer(new Random(seed), false);
        Random random = new Random(seed);
        LineMutation[] kinds = LineMutation.values();
        StringBuilder file = new StringBuilder();
        List<String> texts = new ArrayList<>();
        List<Boolean> spoiled = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Obj object = objects.get(i);
            // 7 means "leave the line alone"
            int m = i < mutations.size() ? mutations.get(i) : 7;
            String json = writer.write(object);
            String text = m == 7 ? json : mutate(kinds[m], object, json, writer, random);
            spoiled.add(m != 7);
            texts.add(text);
            file.append(text).append(random.nextBoolean() ? "\n" : "\r\n");
            if (random.nextInt(5) == 0) {
                file.append("  \n");
            }
        }

        List<Record> records = JsonRecordsTest.parse(file.toString(), Layout.LINES);

        long nonBlank = file.toString().lines().filter(l -> !l.replaceAll("[ \t]", "").isEmpty()).count();
        assertThat((long) records.size()).isEqualTo(nonBlank).isEqualTo(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            Record record = records.get(i);
            assertThat(record.text()).isEqualTo(texts.get(i));
            if (spoiled.get(i)) {
                assertThat(record.problem()).as(record.text()).isPresent();
                assertThat(record.values()).isEmpty();
            } else {
                assertRecord(record, objects.get(i));
            }
        }
    }

    private static String mutate(LineMutation mutation, Obj object, String json, Writer writer, Random random) {
        return switch (mutation) {
            case TWO_OBJECTS -> json + writer.ws() + json;
            case JUNK_AFTER -> json + " " + List.of("x", "]", "}", "1", "\"a\"", "null", "{").get(random.nextInt(7));
            case COMMA_AFTER -> json + writer.ws() + ",";
            case TRUNCATED -> json.substring(0, 1 + random.nextInt(json.length() - 1));
            case DUPLICATE_KEY -> object.members().isEmpty()
                    ? "{\"k\":1,\"k\":1}"
                    : json.substring(0, json.length() - 1) + ","
                    + writer.write(new Str(object.members().get(random.nextInt(object.members().size())).getKey()))
                    + ":null}";
            case SCALAR -> List.of("3", "-0.5", "\"s\"", "true", "null").get(random.nextInt(5));
            case ARRAY -> "[" + json + "]";
        };
    }

    // ------------------------------------------------------------------------------------------------- arrays

    @Property(tries = 200, seed = "20261208")
    void everyElementOfAnArrayIsARecordWithItsLineAndExactText(@ForAll("files") List<Obj> objects,
                                                               @ForAll List<@IntRange(max = 9) Integer> odd,
                                                               @ForAll boolean multiline, @ForAll long seed)
            throws IOException {
        Writer writer = new Writer(new Random(seed), multiline);
        Random random = new Random(seed);
        StringBuilder file = new StringBuilder(writer.ws()).append('[');
        List<String> texts = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<Boolean> problems = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            file.append(i == 0 ? "" : ",").append(writer.ws());
            // 0: a scalar, 1: an array, 2: a duplicate key, else the object
            int kind = i < odd.size() ? odd.get(i) : 9;
            String text = switch (kind) {
                case 0 -> writer.write(new Str("x"));
                case 1 -> writer.write(new Arr(List.of(objects.get(i))));
                case 2 -> "{\"k\":" + writer.ws() + "1," + writer.ws() + "\"k\":2}";
                default -> writer.write(objects.get(i));
            };
            lines.add(lineAfter(file.toString()));
            texts.add(text);
            problems.add(kind <= 2);
            file.append(text).append(writer.ws());
        }
        file.append(']').append(multiline || random.nextBoolean() ? "\n" : "");

        List<Record> records = JsonRecordsTest.parse(file.toString(), Layout.DETECT);

        assertThat(records).hasSize(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            Record record = records.get(i);
            assertThat(record.text()).isEqualTo(texts.get(i));
            assertThat(record.line()).as(record.text()).isEqualTo(lines.get(i));
            if (problems.get(i)) {
                assertThat(record.problem()).as(record.text()).isPresent();
            } else {
                assertRecord(record, objects.get(i));
            }
        }
    }

    /** Ways to break an array's own syntax; each must refuse the file, never split it wrongly. */
    enum ArrayMutation {
        MISSING_COMMA, TRUNCATED, TEXT_AFTER, TRAILING_COMMA, NO_CLOSING_BRACKET, BROKEN_ELEMENT
    }

    @Property(tries = 200, seed = "20261209")
    void aBrokenArrayIsRefusedAsAWholeFile(@ForAll("filesOfTwoOrMore") List<Obj> objects,
                                           @ForAll ArrayMutation mutation, @ForAll boolean multiline,
                                           @ForAll long seed) {
        Writer writer = new Writer(new Random(seed), multiline);
        Random random = new Random(seed);
        List<String> elements = new ArrayList<>(objects.stream().map(writer::write).toList());
        int at = random.nextInt(elements.size());
        String file = switch (mutation) {
            case MISSING_COMMA -> {
                int gap = 1 + random.nextInt(elements.size() - 1);
                StringBuilder text = new StringBuilder("[");
                for (int i = 0; i < elements.size(); i++) {
                    text.append(i == 0 ? "" : i == gap ? writer.ws() + " " : "," + writer.ws()).append(elements.get(i));
                }
                yield text.append(']').toString();
            }
            case TRUNCATED -> {
                String whole = "[" + String.join("," + writer.ws(), elements) + "]";
                yield whole.substring(0, 1 + random.nextInt(whole.length() - 1));
            }
            case TEXT_AFTER -> "[" + String.join(",", elements) + "]" + writer.ws() + " "
                    + List.of("x", "]", ",", "{}", "[]", "1").get(random.nextInt(6));
            case TRAILING_COMMA -> "[" + String.join(",", elements) + "," + writer.ws() + "]";
            case NO_CLOSING_BRACKET -> "[" + String.join(",", elements) + writer.ws();
            case BROKEN_ELEMENT -> {
                String element = elements.get(at);
                elements.set(at, element.substring(0, element.length() - 1) + ",}");
                yield "[" + String.join(",", elements) + "]";
            }
        };

        assertThatThrownBy(() -> JsonRecordsTest.parse(file, Layout.DETECT))
                .as(file)
                .isInstanceOf(JsonRecords.BrokenFileException.class)
                .hasMessageMatching("(?s).* at line \\d+, column \\d+.*");
    }
}
