package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.connector.files.JsonPath.Index;
import io.sluice.connector.files.JsonPath.Key;
import io.sluice.connector.files.JsonPath.Segment;
import io.sluice.connector.files.JsonRecords.Layout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated nested JSON records and generated paths into them (existing members and elements, keys and indexes
 * that do not exist, steps into values of the wrong kind, keys that need backquotes): the raw field read through
 * the files connector's JSON parser equals what Jackson's tree ({@code JsonNode.at} with a JSON Pointer) finds in
 * the same document, with the same kind and text, and a path that leads nowhere gives no value.
 */
class JsonPathPropertiesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // ---------------------------------------------------------------------------------------------- generators

    /** Keys that need care in a path (dots, brackets, backquotes, the empty key, digits, case) and random ones. */
    private static Arbitrary<String> keys() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("a", "b", "A", "id", "a.b", "x y", "", "0", "1", "[0]", "q]", "`", "b`c",
                        "é", "$%", " lead", "tab\t", "a/b", "~1")),
                Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00e0', '\u00ff')
                        .ofMaxLength(5)));
    }

    private static Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '"', '\\', 'é', '\u0001').ofMaxLength(6)
                        .map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
    }

    private static Arbitrary<JsonNode> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(2, scalars()),
                Tuple.of(2, objects(depth - 1, false).map(o -> (JsonNode) o)),
                Tuple.of(2, values(depth - 1).list().ofMaxSize(4).map(elements -> {
                    ArrayNode array = NODES.arrayNode();
                    elements.forEach(array::add);
                    return (JsonNode) array;
                })));
    }

    /** A record's own keys are unique ignoring case (else the record is a problem, see {@link JsonRecords}). */
    private static Arbitrary<ObjectNode> objects(int depth, boolean record) {
        var keyLists = record ? keys().filter(k -> !JsonRecordsValues.BOOKKEEPING_NAMES.contains(
                k.toLowerCase(Locale.ROOT))).list().uniqueElements(JsonPathPropertiesTest::ignoringCase)
                : keys().list().uniqueElements();
        return keyLists.ofMaxSize(5).flatMap(names -> values(depth).list().ofSize(names.size()).map(vals -> {
            ObjectNode object = NODES.objectNode();
            for (int i = 0; i < names.size(); i++) {
                object.set(names.get(i), vals.get(i));
            }
            return object;
        }));
    }

    /** What {@link String#CASE_INSENSITIVE_ORDER} compares: each character's lower case of its upper case. */
    private static String ignoringCase(String key) {
        StringBuilder canonical = new StringBuilder(key.length());
        key.chars().forEach(c -> canonical.append(Character.toLowerCase(Character.toUpperCase((char) c))));
        return canonical.toString();
    }

    /** A file's records: often alike (a record repeats the first, which shares its paths), rarely empty. */
    @Provide
    Arbitrary<List<ObjectNode>> records() {
        Arbitrary<ObjectNode> record = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(NODES.objectNode())),
                Tuple.of(8, objects(3, true).filter(o -> o.size() > 0)));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just((ObjectNode) null)), Tuple.of(1, record))
                .list().ofMinSize(1).ofMaxSize(5).flatMap(list -> record.map(first -> {
                    List<ObjectNode> file = new ArrayList<>();
                    file.add(first);
                    list.subList(1, list.size()).forEach(r -> file.add(r == null ? first.deepCopy() : r));
                    return file;
                }));
    }

    /**
     * A path into {@code record}: mostly steps that exist, sometimes one that does not or is of the wrong kind,
     * the first key sometimes in another case.
     */
    private static List<Segment> path(ObjectNode record, Random random) {
        List<Segment> path = new ArrayList<>();
        List<String> top = new ArrayList<>();
        record.fieldNames().forEachRemaining(top::add);
        String first = top.isEmpty() || random.nextInt(6) == 0 ? "zz" + random.nextInt(3) : top.get(random.nextInt(
                top.size()));
        path.add(new Key(random.nextInt(5) == 0 ? first.toUpperCase(Locale.ROOT) : first));
        JsonNode node = record.get(first);
        while (true) {
            boolean container = node != null && node.isContainerNode() && node.size() > 0;
            int pick = random.nextInt(10);
            if (container && pick >= 3) {
                if (node.isObject()) {
                    List<String> names = new ArrayList<>();
                    node.fieldNames().forEachRemaining(names::add);
                    String name = names.get(random.nextInt(names.size()));
                    path.add(new Key(name));
                    node = node.get(name);
                } else {
                    int i = random.nextInt(node.size());
                    path.add(new Index(i));
                    node = node.get(i);
                }
            } else if (container ? pick == 0 : pick < 3) {
                // a step that may not exist, or goes into a value of the wrong kind
                path.add(random.nextBoolean() ? new Index(random.nextInt(5)) : new Key(List.of("a", "0", "x y", "1")
                        .get(random.nextInt(4))));
                break;
            } else {
                break;
            }
        }
        return path;
    }

    /** The path as a column's {@code from} writes it; keys backquoted when they must be, and sometimes anyway. */
    private static String text(List<Segment> path, Random random) {
        StringBuilder text = new StringBuilder();
        for (Segment segment : path) {
            if (segment instanceof Index index) {
                text.append('[').append(index.position()).append(']');
                continue;
            }
            String name = ((Key) segment).name();
            if (!text.isEmpty()) {
                text.append('.');
            }
            boolean mustQuote = name.isEmpty() || name.chars().anyMatch(c -> ".[]`".indexOf(c) >= 0);
            text.append(mustQuote || random.nextInt(5) == 0 ? "`" + name.replace("`", "``") + "`" : name);
        }
        return text.toString();
    }

    // ------------------------------------------------------------------------------------------------ oracle

    /**
     * What Jackson's tree finds: the first key looked up ignoring case among the record's keys (unique ignoring
     * case), then {@code JsonNode.at} with the JSON Pointer of the path. JSON Pointer does not tell an index from a
     * key ({@code /0} is element 0 of an array and member "0" of an object), so each step's container must also
     * be of the kind the step needs. Null when the path leads nowhere.
     */
    private static JsonNode expected(ObjectNode record, List<Segment> path) {
        String first = ((Key) path.get(0)).name();
        String actualKey = null;
        for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equalsIgnoreCase(first)) {
                actualKey = name;
            }
        }
        if (actualKey == null) {
            return null;
        }
        JsonPointer pointer = JsonPointer.empty().appendProperty(actualKey);
        for (Segment segment : path.subList(1, path.size())) {
            JsonNode container = record.at(pointer);
            if (segment instanceof Index index) {
                if (!container.isArray()) {
                    return null;
                }
                pointer = pointer.appendIndex(index.position());
            } else {
                if (!container.isObject()) {
                    return null;
                }
                pointer = pointer.appendProperty(((Key) segment).name());
            }
        }
        JsonNode found = record.at(pointer);
        return found.isMissingNode() ? null : found;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case OBJECT -> "object";
            case ARRAY -> "array";
            default -> throw new IllegalStateException("unexpected node " + node.getNodeType());
        };
    }

    private static String text(JsonNode node) throws IOException {
        return node.isNull() ? null : node.isTextual() ? node.textValue() : MAPPER.writeValueAsString(node);
    }

    // -------------------------------------------------------------------------------------------- properties

    @Property(tries = 400)
    void theRawFieldOfAPathIsWhatJacksonFindsAtIt(@ForAll("records") List<ObjectNode> records,
                                                   @ForAll long seed, @ForAll boolean asArray) throws IOException {
        Random random = new Random(seed);
        // the declared columns: up to four paths per record, one raw column per path text (ignoring case)
        Map<String, List<Segment>> declared = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (ObjectNode record : records) {
            for (int i = random.nextInt(5); i > 0; i--) {
                List<Segment> path = path(record, random);
                String text = text(path, random);
                assertThat(JsonPath.parse(text).segments()).as("the text %s parses back", text)
                        .containsExactlyElementsOf(path);
                if (names.add(text)) {
                    declared.put(text, path);
                }
            }
        }
        List<String> columns = new ArrayList<>();
        int n = 0;
        for (String text : declared.keySet()) {
            columns.add("c" + n++ + "=" + text);
        }
        JsonPaths paths = JsonPaths.bind(FilesJsonPathsReadTest.dataset(Map.of("path", "*.json"),
                columns.toArray(String[]::new)));
        List<String> lines = new ArrayList<>();
        for (ObjectNode record : records) {
            lines.add(MAPPER.writeValueAsString(record));
        }
        String file = asArray ? "[" + String.join(",\n", lines) + "]" : String.join("\n", lines) + "\n";

        try (JsonTextRecords parser = JsonTextRecords.open(new ByteArrayInputStream(
                file.getBytes(StandardCharsets.UTF_8)), Layout.DETECT, paths)) {
            for (ObjectNode record : records) {
                TextRecord read = parser.next();
                assertThat(read.problem()).isEmpty();
                // the read gives each name to the column spelled like it ignoring case (TextScan)
                Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                Map<String, String> kinds = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (int i = 0; i < read.names().size(); i++) {
                    assertThat(values).as("two values for one column").doesNotContainKey(read.names().get(i));
                    values.put(read.names().get(i), read.values().get(i));
                    kinds.put(read.names().get(i), read.kinds().get(i));
                }
                for (Map.Entry<String, List<Segment>> column : declared.entrySet()) {
                    JsonNode expected = expected(record, column.getValue());
                    Statistics.label("found").collect(expected == null ? "missing" : kind(expected));
                    Statistics.label("steps").collect(column.getValue().size());
                    if (expected == null) {
                        assertThat(values).as("%s in %s", column.getKey(), record).doesNotContainKey(column.getKey());
                    } else {
                        assertThat(kinds.get(column.getKey())).as("kind of %s in %s", column.getKey(), record)
                                .isEqualTo(kind(expected));
                        assertThat(values.get(column.getKey())).as("%s in %s", column.getKey(), record)
                                .isEqualTo(text(expected));
                    }
                }
                // every other name is a top-level key no path covers, with its own value
                for (String name : values.keySet()) {
                    if (!names.contains(name)) {
                        assertThat(paths.covers(name)).isFalse();
                        assertThat(record.has(name)).as("%s is a key of %s", name, record).isTrue();
                        assertThat(values.get(name)).isEqualTo(text(record.get(name)));
                    }
                }
            }
            assertThat(parser.next()).isNull();
        }
    }
}
