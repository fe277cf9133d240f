package io.sluice.connector.files;

import io.sluice.connector.files.JsonRecords.Record;
import io.sluice.connector.files.JsonRecords.Value;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.Problem;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The raw columns a JSON dataset's declared columns read: one per distinct source name ({@link ColumnSpec#sourceName},
 * a {@link JsonPath}), named by the path exactly as written, holding the value at the path in each record. The
 * other top-level keys of a record are columns of their own (undeclared: drift sees them), except a key a declared
 * path starts at ({@code address} for {@code address.city}: it counts as declared, its members are read by the
 * paths) and a key spelled like a declared column (ignoring case: the literal key {@code "a.b"} when {@code a.b}
 * is declared as a path), which could not have a column beside it.
 *
 * <p>Without declared paths ({@link #NONE}, as at landing) a record's values are its top-level keys: the landing
 * counts the same records and lists the same keys whatever the dataset declares.
 */
final class JsonPaths implements Serializable {
    /** No declared columns: every top-level key is a column. */
    static final JsonPaths NONE = new JsonPaths(List.of());

    private final List<JsonPath> columns;
    /** The top-level keys without a column of their own, compared ignoring case. */
    private final TreeSet<String> covered = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    /**
     * Whether every declared source name is a top-level key written without backquotes (the common case): a
     * record's values are then its top-level values as they are, since each key reaches its column by its own
     * spelling (the read matches keys to columns ignoring case), and nothing is evaluated per record.
     */
    private final boolean plainKeys;

    private final JsonPathTree tree;

    private JsonPaths(List<JsonPath> columns) {
        this.columns = List.copyOf(columns);
        this.tree = new JsonPathTree(columns);
        for (JsonPath path : columns) {
            covered.add(path.root());
            covered.add(path.text());
        }
        this.plainKeys = columns.stream().allMatch(p -> p.isTopLevel() && p.text().equals(p.root()));
    }

    /**
     * The declared columns' paths, one raw column per source name.
     *
     * @throws DescriptorException naming the file, line and field of each source name that is not a path, and of
     *                             two paths that differ only in case below their first key (Spark compares column
     *                             names ignoring case: they could not be two raw columns)
     */
    static JsonPaths bind(DatasetSpec dataset) {
        List<Problem> problems = new ArrayList<>();
        Map<String, JsonPath> byName = new LinkedHashMap<>();
        Map<String, Integer> declaredAt = new LinkedHashMap<>();
        List<ColumnSpec> declared = dataset.columns();
        for (int i = 0; i < declared.size(); i++) {
            ColumnSpec column = declared.get(i);
            String pointer = "/schema/" + i + (column.from().isPresent() ? "/from" : "/name");
            JsonPath path;
            try {
                path = JsonPath.parse(column.sourceName());
            } catch (IllegalArgumentException e) {
                problems.add(dataset.origin().problem(pointer, e.getMessage()));
                continue;
            }
            String lower = path.text().toLowerCase(Locale.ROOT);
            JsonPath earlier = byName.putIfAbsent(lower, path);
            if (earlier == null) {
                declaredAt.put(lower, i);
            } else if (!sameColumn(earlier, path)) {
                problems.add(dataset.origin().problem(pointer, "'" + path.text() + "' and '" + earlier.text()
                        + "' (/schema/" + declaredAt.get(lower) + ") differ only in case, below their first key:"
                        + " they are different paths, but would be one raw column (column names are compared"
                        + " ignoring case); write the key as the source spells it"));
            }
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        return new JsonPaths(List.copyOf(byName.values()));
    }

    /**
     * Whether two paths spelled alike ignoring case read the same value: equal keys below the first one (which is
     * looked up ignoring case anyway).
     */
    private static boolean sameColumn(JsonPath a, JsonPath b) {
        return a.segments().size() == b.segments().size() && a.root().equalsIgnoreCase(b.root())
                && a.segments().subList(1, a.segments().size()).equals(b.segments().subList(1, b.segments().size()));
    }

    /** The declared raw columns' names (the paths as written), in declaration order. */
    List<String> names() {
        return columns.stream().map(JsonPath::text).toList();
    }

    /**
     * Whether the top-level key {@code key} has no column of its own: a declared path starts at it, or a declared
     * column is spelled like it (both ignoring case).
     */
    boolean covers(String key) {
        return covered.contains(key);
    }

    /**
     * A record's values by raw column: the declared paths' values (a path that leads nowhere has none), then the
     * top-level keys not {@link #covers covered}.
     */
    Map<String, Value> valuesOf(Record record) {
        if (plainKeys || record.problem().isPresent()) {
            return record.values();
        }
        Map<String, Value> found = tree.valuesIn(record.values());
        Map<String, Value> out = new LinkedHashMap<>();
        for (JsonPath path : columns) {
            Value value = found.get(path.text());
            if (value != null) {
                out.put(path.text(), value);
            }
        }
        for (Map.Entry<String, Value> e : record.values().entrySet()) {
            if (!covers(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "JsonPaths" + columns;
    }
}
