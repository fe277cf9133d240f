package io.sluice.metadata.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.metadata.ColumnNaming;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import io.sluice.metadata.Origin;
import io.sluice.metadata.Problem;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Maps an inline {@code schema:} list to columns and checks each column's settings against its type. */
final class ColumnMapper {
    private ColumnMapper() {
    }

    /**
     * The columns; a column whose type cannot be used is left out (with a problem). {@code nullValues} are the
     * dataset's null tokens, for the columns that declare none; with {@link ColumnNaming#SANITIZE}, declared names
     * that are not lake names become lake names and keep their text as {@code from}.
     */
    static List<ColumnSpec> columns(JsonNode schema, List<String> nullValues, ColumnNaming naming, Origin origin,
                                    List<Problem> problems) {
        List<String> names = lakeNames(schema, naming);
        List<ColumnSpec> columns = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            JsonNode node = schema.get(i);
            String pointer = "/schema/" + i;
            String name = names.get(i);
            String previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), pointer);
            if (previous != null) {
                problems.add(origin.problem(pointer + "/name", "duplicate column '" + name
                        + "' (first declared at line " + origin.lineOf(previous + "/name") + "; column names ignore case)"));
            }
            Optional<String> from = Nodes.text(node, "from");
            if (from.isEmpty() && !name.equals(node.get("name").asText())) {
                from = Optional.of(node.get("name").asText());
            }
            column(node, name, from, nullValues, pointer, origin, problems).ifPresent(columns::add);
        }
        return columns;
    }

    /**
     * The lake name of each declared column: as declared, or with {@code sanitize} the declared text when it is a
     * lake name already (and not taken by an earlier column), else its sanitised form.
     */
    private static List<String> lakeNames(JsonNode schema, ColumnNaming naming) {
        List<String> declared = new ArrayList<>();
        schema.forEach(node -> declared.add(node.get("name").asText()));
        if (naming != ColumnNaming.SANITIZE) {
            return declared;
        }
        Set<String> kept = new HashSet<>();
        List<String> toSanitize = new ArrayList<>();
        for (String name : declared) {
            if (ColumnNames.LAKE_NAME.matcher(name).matches() && kept.add(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            toSanitize.add(name);
        }
        List<String> sanitized = ColumnNames.sanitize(toSanitize, kept);
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int next = 0;
        for (String name : declared) {
            if (ColumnNames.LAKE_NAME.matcher(name).matches() && kept.contains(name.toLowerCase(Locale.ROOT))
                    && seen.add(name.toLowerCase(Locale.ROOT))) {
                out.add(name);
            } else {
                out.add(sanitized.get(next++));
            }
        }
        return out;
    }

    private static Optional<ColumnSpec> column(JsonNode node, String name, Optional<String> from,
                                               List<String> datasetNullValues, String pointer, Origin origin,
                                               List<Problem> problems) {
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
        List<String> formats = Nodes.strings(node, "formats");
        List<String> trueValues = Nodes.strings(node, "true_values");
        List<String> falseValues = Nodes.strings(node, "false_values");
        Optional<String> decimalSeparator = Nodes.text(node, "decimal_separator");
        Optional<String> groupingSeparator = Nodes.text(node, "grouping_separator");
        Optional<String> timezone = Nodes.text(node, "timezone");
        List<String> nullValues = node.has("null_values") ? Nodes.strings(node, "null_values") : datasetNullValues;
        boolean numeric = type.isNumeric();
        boolean string = type.kind() == ColumnType.Kind.STRING;
        boolean temporal = type.kind() == ColumnType.Kind.DATE || type.kind() == ColumnType.Kind.TIMESTAMP;
        boolean timestamp = type.kind() == ColumnType.Kind.TIMESTAMP;
        boolean bool = type.kind() == ColumnType.Kind.BOOLEAN;
        onlyFor(node, "formats", temporal, "date and timestamp", name, type, pointer, origin, problems);
        onlyFor(node, "timezone", timestamp, "timestamp", name, type, pointer, origin, problems);
        onlyFor(node, "true_values", bool, "boolean", name, type, pointer, origin, problems);
        onlyFor(node, "false_values", bool, "boolean", name, type, pointer, origin, problems);
        onlyFor(node, "decimal_separator", numeric, "numeric", name, type, pointer, origin, problems);
        onlyFor(node, "grouping_separator", numeric, "numeric", name, type, pointer, origin, problems);
        checkValueSettings(node, name, type, formats, trueValues, falseValues, decimalSeparator, groupingSeparator,
                timezone, pointer, origin, problems);
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
                pattern, Nodes.strings(node, "allowed"), from, nullValues, trueValues, falseValues, decimalSeparator,
                groupingSeparator, formats, timezone));
    }

    private static void checkValueSettings(JsonNode node, String name, ColumnType type, List<String> formats,
                                           List<String> trueValues, List<String> falseValues,
                                           Optional<String> decimalSeparator, Optional<String> groupingSeparator,
                                           Optional<String> timezone, String pointer, Origin origin,
                                           List<Problem> problems) {
        if (node.has("format") && node.has("formats")) {
            problems.add(origin.problem(pointer + "/formats", "write either format or formats, not both (formats: ["
                    + node.get("format").asText() + ", …] lists several)"));
        }
        List<String> written = node.has("formats") ? formats : Nodes.text(node, "format").stream().toList();
        String field = node.has("formats") ? "formats" : "format";
        for (int i = 0; i < written.size(); i++) {
            String f = written.get(i);
            String at = pointer + "/" + field + (node.has("formats") ? "/" + i : "");
            if (ColumnSpec.isEpoch(f) && type.kind() != ColumnType.Kind.TIMESTAMP) {
                problems.add(origin.problem(at, f + " applies to timestamp columns only, and '" + name + "' is "
                        + type));
            }
        }
        if (trueValues.isEmpty() != falseValues.isEmpty() && type.kind() == ColumnType.Kind.BOOLEAN) {
            String missing = trueValues.isEmpty() ? "true_values" : "false_values";
            problems.add(origin.problem(pointer + "/" + (trueValues.isEmpty() ? "false_values" : "true_values"),
                    "write true_values and false_values together: " + missing + " is missing"));
        }
        Set<String> trues = new HashSet<>();
        trueValues.forEach(t -> trues.add(t.strip().toLowerCase(Locale.ROOT)));
        for (int i = 0; i < falseValues.size(); i++) {
            if (trues.contains(falseValues.get(i).strip().toLowerCase(Locale.ROOT))) {
                problems.add(origin.problem(pointer + "/false_values/" + i, "'" + falseValues.get(i)
                        + "' is in both true_values and false_values (tokens are compared ignoring case)"));
            }
        }
        if (decimalSeparator.isPresent() && decimalSeparator.equals(groupingSeparator)) {
            problems.add(origin.problem(pointer + "/grouping_separator", "grouping_separator and decimal_separator "
                    + "are both '" + decimalSeparator.get() + "': a value could not be read; write different ones"));
        } else if (decimalSeparator.isEmpty() && groupingSeparator.filter("."::equals).isPresent()) {
            problems.add(origin.problem(pointer + "/grouping_separator", "grouping_separator '.' needs "
                    + "decimal_separator: ',' (the decimal separator is '.' by default)"));
        }
        timezone.ifPresent(zone -> {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                problems.add(origin.problem(pointer + "/timezone", "unknown time zone '" + zone
                        + "' (write an IANA name such as Europe/Paris, or an offset such as +02:00)"));
            }
        });
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
