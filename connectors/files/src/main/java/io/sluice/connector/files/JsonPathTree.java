package io.sluice.connector.files;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.connector.files.JsonPath.Index;
import io.sluice.connector.files.JsonPath.Key;
import io.sluice.connector.files.JsonPath.Segment;
import io.sluice.connector.files.JsonRecords.Kind;
import io.sluice.connector.files.JsonRecords.Value;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a set of {@link JsonPath}s on a record, reading each top-level value at most once whatever the number
 * of paths into it: the paths are merged into a tree of steps, walked along the value's tokens in one pass,
 * skipping what no path goes into. See {@link JsonPath} for what a path finds.
 *
 * <p>A nested value is found in the compact text the parser made of its top-level value (see {@link JsonRecords}),
 * read again with the same parser: numbers keep their text. An object or an array found at a path is cut out of that
 * text by the parser's character offsets: the compact text of a part is the part of the compact text.
 */
final class JsonPathTree implements Serializable {

    /** The steps below one value: the paths that end at it (their texts) and the steps further down. */
    private static final class Node implements Serializable {
        final List<String> ends = new ArrayList<>();
        final Map<String, Node> keys = new HashMap<>();
        final Map<Integer, Node> indexes = new HashMap<>();

        Node child(Segment segment) {
            if (segment instanceof Key key) {
                return keys.computeIfAbsent(key.name(), k -> new Node());
            }
            if (segment instanceof Index index) {
                return indexes.computeIfAbsent(index.position(), k -> new Node());
            }
            throw new IllegalStateException("unhandled path segment " + segment);
        }

        boolean hasChildren() {
            return !keys.isEmpty() || !indexes.isEmpty();
        }
    }

    /** Per first key (compared ignoring case, as a record's top-level keys are unique so), its spellings' tree. */
    private final TreeMap<String, Node> roots = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<String> rootOrder = new ArrayList<>();

    JsonPathTree(List<JsonPath> paths) {
        for (JsonPath path : paths) {
            Node node = roots.get(path.root());
            if (node == null) {
                node = new Node();
                roots.put(path.root(), node);
                rootOrder.add(path.root());
            }
            for (Segment segment : path.segments().subList(1, path.segments().size())) {
                node = node.child(segment);
            }
            node.ends.add(path.text());
        }
    }

    /**
     * The values the paths find in a record's top-level values, by path text; a path that leads nowhere has no
     * entry.
     */
    Map<String, Value> valuesIn(Map<String, Value> record) {
        Map<String, Value> found = new LinkedHashMap<>();
        for (String root : rootOrder) {
            Value top = topLevel(record, root);
            if (top == null) {
                continue;
            }
            Node node = roots.get(root);
            node.ends.forEach(end -> found.put(end, top));
            if (node.hasChildren() && (top.kind() == Kind.OBJECT || top.kind() == Kind.ARRAY)) {
                try (JsonParser parser = JsonRecords.FACTORY.createParser(top.text())) {
                    walk(parser, parser.nextToken(), node, top.text(), found, false);
                } catch (IOException e) {
                    // the text was written by our own generator from a parsed value: it always parses
                    throw new UncheckedIOException("cannot read again the JSON text of key '" + root + "'", e);
                }
            }
        }
        return found;
    }

    /** The record's value of the top-level key {@code root}: spelled so, else ignoring case. */
    private static Value topLevel(Map<String, Value> record, String root) {
        Value top = record.get(root);
        if (top != null) {
            return top;
        }
        for (Map.Entry<String, Value> e : record.entrySet()) {
            if (e.getKey().equalsIgnoreCase(root)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Walks the value whose first token is {@code token} (the parser is on it), recording it for the paths that
     * end at {@code node} (unless {@code record} is false: the top-level value is recorded by the caller), and
     * going into its members or elements that the node has steps for. Leaves the parser on the value's last token.
     */
    private static void walk(JsonParser parser, JsonToken token, Node node, String text, Map<String, Value> found,
                             boolean record) throws IOException {
        boolean container = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
        if (!container) {
            if (record && !node.ends.isEmpty()) {
                Value value = JsonRecordsValues.scalar(token, parser);
                node.ends.forEach(end -> found.put(end, value));
            }
            return;
        }
        long start = parser.currentTokenLocation().getCharOffset();
        if (token == JsonToken.START_OBJECT && !node.keys.isEmpty()) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                Node child = node.keys.get(parser.currentName());
                JsonToken value = parser.nextToken();
                if (child != null) {
                    walk(parser, value, child, text, found, true);
                } else {
                    parser.skipChildren();
                }
            }
        } else if (token == JsonToken.START_ARRAY && !node.indexes.isEmpty()) {
            JsonToken element;
            for (int i = 0; (element = parser.nextToken()) != JsonToken.END_ARRAY; i++) {
                Node child = node.indexes.get(i);
                if (child != null) {
                    walk(parser, element, child, text, found, true);
                } else {
                    parser.skipChildren();
                }
            }
        } else {
            // no step into this value, or steps of the other kind (a key into an array, an index into an object)
            parser.skipChildren();
        }
        if (record && !node.ends.isEmpty()) {
            long end = parser.currentLocation().getCharOffset();
            Value value = new Value(token == JsonToken.START_OBJECT ? Kind.OBJECT : Kind.ARRAY,
                    text.substring((int) start, (int) end));
            node.ends.forEach(e -> found.put(e, value));
        }
    }
}
