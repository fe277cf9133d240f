package io.sluice.metadata.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import io.sluice.metadata.Origin;
import io.sluice.metadata.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Maps an inline {@code schema:} list to columns and checks each column's settings against its type. */
final class ColumnMapper {
    private ColumnMapper() {
    }

    /** The columns; a column whose type cannot be used is left out (with a problem). */
    static List<ColumnSpec> columns(JsonNode schema, Origin origin, List<Problem> problems) {
        List<ColumnSpec> columns = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            JsonNode node = schema.get(i);
            String pointer = "/schema/" + i;
            String name = node.get("name").asText();
            String previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), pointer);
            if (previous != null) {
                problems.add(origin.problem(pointer + "/name", "duplicate column '" + name
                        + "' (first declared at line " + origin.lineOf(previous + "/name") + "; column names ignore case)"));
            }
            column(node, pointer, origin, problems).ifPresent(columns::add);
        }
        return columns;
    }

    private static Optional<ColumnSpec> column(JsonNode node, String pointer, Origin origin, List<Problem> problems) {
        String name = node.get("name").asText();
        String typeText = node.get("type").asText();
        Optional<ColumnType> parsed = ColumnType.parse(typeText);
        if (parsed.isEmpty()) {
            problems.add(origin.problem(pointer + "/type", typeText + " is out of range: precision must be 1 to "
                    + ColumnType.MAX_PRECISION + " and scale 0 to the precision"));
            return Optional.empty();
        }
        ColumnType type = parsed.get();
        boolean key = Nodes.bool(node, "key", false);
        if (key && Nodes.bool(node, "nullable", false)) {
            problems.add(origin.problem(pointer + "/nullable",
                    "key column '" + name + "' cannot be nullable (key columns are never nullable: remove nullable: true)"));
        }
        Optional<BigDecimal> min = Nodes.decimal(node, "min");
        Optional<BigDecimal> max = Nodes.decimal(node, "max");
        Optional<Integer> minLength = Nodes.integer(node, "min_length");
        Optional<Integer> maxLength = Nodes.integer(node, "max_length");
        Optional<String> format = Nodes.text(node, "format");
        Optional<String> pattern = Nodes.text(node, "pattern");
        boolean numeric = type.isNumeric();
        boolean string = type.kind() == ColumnType.Kind.STRING;
        boolean temporal = type.kind() == ColumnType.Kind.DATE || type.kind() == ColumnType.Kind.TIMESTAMP;
        onlyFor(node, "min", numeric, "numeric", name, type, pointer, origin, problems);
        onlyFor(node, "max", numeric, "numeric", name, type, pointer, origin, problems);
        onlyFor(node, "min_length", string, "string", name, type, pointer, origin, problems);
        onlyFor(node, "max_length", string, "string", name, type, pointer, origin, problems);
        onlyFor(node, "format", temporal, "date and timestamp", name, type, pointer, origin, problems);
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            problems.add(origin.problem(pointer + "/max", "max " + max.get().toPlainString() + " is below min "
                    + min.get().toPlainString()));
        }
        if (minLength.isPresent() && maxLength.isPresent() && minLength.get() > maxLength.get()) {
            problems.add(origin.problem(pointer + "/max_length", "max_length " + maxLength.get()
                    + " is below min_length " + minLength.get()));
        }
        pattern.ifPresent(p -> checkRegex(p, pointer + "/pattern", origin, problems));
        return Optional.of(new ColumnSpec(name, type, !key && Nodes.bool(node, "nullable", true), key, format,
                Nodes.text(node, "description"), Nodes.bool(node, "pii", false), min, max, minLength, maxLength,
                pattern, Nodes.strings(node, "allowed")));
    }

    private static void onlyFor(JsonNode node, String field, boolean applies, String kinds, String name,
                                ColumnType type, String pointer, Origin origin, List<Problem> problems) {
        if (node.has(field) && !applies) {
            problems.add(origin.problem(pointer + "/" + field, field + " applies to " + kinds
                    + " columns only, and '" + name + "' is " + type));
        }
    }

    private static void checkRegex(String regex, String pointer, Origin origin, List<Problem> problems) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problems.add(origin.problem(pointer, "invalid regular expression '" + regex + "': "
                    + e.getDescription() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "")));
        }
    }
}
