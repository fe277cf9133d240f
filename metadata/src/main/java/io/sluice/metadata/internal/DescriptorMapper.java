package io.sluice.metadata.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.metadata.ColumnNaming;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.Descriptor;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.JsonPointers;
import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import io.sluice.metadata.Problem;
import io.sluice.metadata.RefinedSpec;
import io.sluice.metadata.RuleSpec;
import io.sluice.metadata.SourceSpec;
import io.sluice.metadata.WriteMode;
import java.nio.file.Files;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps one schema-valid document to its record and makes the checks that need only that document (and, for
 * {@code avro:}, the schema file it names). Cross-document checks live in {@link ProjectChecks}.
 */
public final class DescriptorMapper {
    private static final Pattern SECRET_WORD = Pattern.compile("(?i)(password|passwd|pwd|secret|token|key)");
    private static final int MAX_LISTED_COLUMNS = 20;

    private final DocumentReader reader;
    private final Function<Path, String> shownName;

    /**
     * @param shownName how a file is named in messages (relative to the project)
     */
    public DescriptorMapper(DocumentReader reader, Function<Path, String> shownName) {
        this.reader = reader;
        this.shownName = shownName;
    }

    /** The document's record, built even when problems were found so that cross-document checks still see it. */
    public Optional<Descriptor> map(LocatedDocument document, List<Problem> problems) {
        JsonNode root = document.root();
        String kind = root.get("kind").asText();
        return switch (kind) {
            case "source" -> Optional.of(source(root, document.origin(), problems));
            case "dataset" -> Optional.of(dataset(document, problems));
            case "refined" -> Optional.of(refined(root, document.origin(), problems));
            default -> throw new IllegalStateException("kind '" + kind + "' passed the JSON Schema unmapped");
        };
    }

    private static SourceSpec source(JsonNode root, Origin origin, List<Problem> problems) {
        Options connection = options(root, "connection", origin, problems);
        checkLiteralSecrets(root.path("connection"), "/connection", origin, problems);
        return new SourceSpec(root.get("name").asText(), root.get("connector").asText(), connection,
                Nodes.text(root, "owner"), Nodes.text(root, "description"), Nodes.strings(root, "tags"), origin,
                root.path("parallelism").asInt(SourceSpec.DEFAULT_PARALLELISM));
    }

    private DatasetSpec dataset(LocatedDocument document, List<Problem> problems) {
        JsonNode root = document.root();
        Origin origin = document.origin();
        Optional<List<ColumnSpec>> columns = Optional.empty();
        if (root.has("schema") && root.has("avro")) {
            problems.add(origin.problem("/avro", "write either schema or avro, not both"));
        } else if (root.has("schema")) {
            columns = Optional.of(ColumnMapper.columns(root.get("schema"), Nodes.strings(root, "null_values"),
                    naming(root), origin, problems));
        } else if (root.has("avro")) {
            columns = avroColumns(document, problems);
            // the columns have no lines of their own in this document: later checks on /schema/… point at avro:
            Map<String, Integer> lines = new HashMap<>(document.lines());
            lines.put("/schema", origin.lineOf("/avro"));
            origin = new Origin(origin.file(), origin.line(), lines);
        } else {
            problems.add(origin.problem("", "missing required field 'schema' (or 'avro' naming an Avro schema file)"));
        }
        if (root.has("avro") && root.has("null_values")) {
            columns = columns.map(list -> list.stream().map(c -> c.nullValues().isEmpty()
                    ? c.withNullValues(Nodes.strings(root, "null_values")) : c).toList());
        }
        List<ColumnSpec> declared = columns.orElse(List.of());
        List<RuleSpec> rules = rules(root.path("rules"), columns, origin, problems);
        WriteMode validMode = mode(root.path("valid").path("mode"), WriteMode.APPEND);
        if (validMode == WriteMode.MERGE && columns.isPresent() && declared.stream().noneMatch(ColumnSpec::key)) {
            problems.add(origin.problem("/valid/mode",
                    "mode merge needs key columns: mark them with key: true in the schema"));
        }
        Options extract = options(root, "extract", origin, problems);
        JsonNode ratio = root.path("error").path("max_ratio");
        return new DatasetSpec(root.get("name").asText(), root.get("source").asText(),
                Nodes.text(root, "description"), Nodes.text(root, "owner"), Nodes.strings(root, "tags"), extract,
                declared, rules, DriftPolicy.valueOf(Nodes.text(root, "drift", "rescue").toUpperCase(Locale.ROOT)),
                validMode, ratio.isNumber() ? ratio.doubleValue() : DatasetSpec.DEFAULT_MAX_ERROR_RATIO,
                Nodes.strings(root, "null_values"), naming(root), freshness(root, origin, problems), origin);
    }

    /** {@code freshness}, an ISO-8601 duration ({@code PT26H}, {@code P1D}) longer than zero. */
    private static Optional<Duration> freshness(JsonNode root, Origin origin, List<Problem> problems) {
        Optional<String> text = Nodes.text(root, "freshness");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.parse(text.get());
            if (d.isNegative() || d.isZero()) {
                problems.add(origin.problem("/freshness", "freshness must be longer than zero, found " + text.get()));
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (DateTimeParseException e) {
            problems.add(origin.problem("/freshness", "freshness '" + text.get() + "' is not an ISO-8601 duration "
                    + "(write PT26H for 26 hours, P1D for a day, PT30M for 30 minutes)"));
            return Optional.empty();
        }
    }

    private static ColumnNaming naming(JsonNode root) {
        return "sanitize".equals(Nodes.text(root, "column_names", "as_declared"))
                ? ColumnNaming.SANITIZE : ColumnNaming.AS_DECLARED;
    }

    private Optional<List<ColumnSpec>> avroColumns(LocatedDocument document, List<Problem> problems) {
        String written = document.root().get("avro").asText();
        Path file = document.path().toAbsolutePath().getParent().resolve(written).normalize();
        if (!Files.isRegularFile(file)) {
            problems.add(document.origin().problem("/avro", "Avro schema file " + shownName.apply(file)
                    + " not found (the path is relative to the descriptor file)"));
            return Optional.empty();
        }
        return AvroColumns.read(file, shownName.apply(file), reader, problems);
    }

    private static List<RuleSpec> rules(JsonNode rules, Optional<List<ColumnSpec>> columns, Origin origin,
                                        List<Problem> problems) {
        List<RuleSpec> out = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String pointer = "/rules/" + i;
            RuleSpec spec;
            if (rule.has("unique")) {
                spec = unique(rule, pointer, columns, origin, problems);
            } else if (rule.has("references")) {
                spec = references(rule, pointer, columns, origin, problems);
            } else {
                spec = sql(rule, pointer, columns, origin, problems);
            }
            String namePointer = rule.has("name") ? pointer + "/name" : pointer;
            String first = names.putIfAbsent(spec.name(), namePointer);
            if (first != null) {
                problems.add(origin.problem(namePointer, "duplicate rule name '" + spec.name()
                        + "' (first declared at line " + origin.lineOf(first) + ")"));
            }
            out.add(spec);
        }
        return out;
    }

    private static RuleSpec unique(JsonNode rule, String pointer, Optional<List<ColumnSpec>> columns, Origin origin,
                                   List<Problem> problems) {
        List<String> unique = Nodes.strings(rule, "unique");
        RuleSpec.Keep keep = "first".equals(Nodes.text(rule, "keep", "none")) ? RuleSpec.Keep.FIRST : RuleSpec.Keep.NONE;
        Optional<String> orderBy = Nodes.text(rule, "order_by");
        String name = Nodes.text(rule, "name", "unique_" + String.join("_", unique));
        String user = rule.has("name") ? "unique rule '" + name + "'" : "unique rule";
        for (int j = 0; j < unique.size(); j++) {
            checkColumn(unique.get(j), user, columns, pointer + "/unique/" + j, origin, problems);
        }
        orderBy.ifPresent(c -> checkColumn(c, user, columns, pointer + "/order_by", origin, problems));
        if (orderBy.isPresent() && keep != RuleSpec.Keep.FIRST) {
            problems.add(origin.problem(pointer + "/order_by", "order_by chooses the row a unique rule keeps: it "
                    + "needs keep: first (with keep: none every row sharing a key is rejected)"));
            orderBy = Optional.empty();
        }
        return new RuleSpec.Unique(name, unique, keep, orderBy, pointer);
    }

    private static final Pattern REFERENCE =
            Pattern.compile("([a-z][a-z0-9_]*)\\.([a-z][a-z0-9_]*)\\( *([A-Za-z_][A-Za-z0-9_]*) *\\)");

    private static RuleSpec references(JsonNode rule, String pointer, Optional<List<ColumnSpec>> columns,
                                       Origin origin, List<Problem> problems) {
        String column = rule.get("column").asText();
        Matcher m = REFERENCE.matcher(rule.get("references").asText());
        if (!m.matches()) {
            throw new IllegalStateException("the schema admits only source.dataset(column) references");
        }
        String name = Nodes.text(rule, "name", "references_" + column.toLowerCase(Locale.ROOT));
        checkColumn(column, "rule '" + name + "'", columns, pointer + "/column", origin, problems);
        return new RuleSpec.References(name, column, m.group(1), m.group(2), m.group(3), pointer);
    }

    private static RuleSpec sql(JsonNode rule, String pointer, Optional<List<ColumnSpec>> columns, Origin origin,
                                List<Problem> problems) {
        String name = rule.get("name").asText();
        String sql = rule.get("sql").asText();
        Optional<RuleSpec.Lookup> lookup = Optional.empty();
        if (rule.has("lookup")) {
            JsonNode l = rule.get("lookup");
            String[] dataset = l.get("dataset").asText().split("\\.", 2);
            List<String> on = Nodes.strings(l, "on");
            lookup = Optional.of(new RuleSpec.Lookup(dataset[0], dataset[1], l.get("as").asText(), on));
            for (int j = 0; j < on.size(); j++) {
                checkColumn(on.get(j), "rule '" + name + "'", columns, pointer + "/lookup/on/" + j, origin, problems);
            }
        }
        Optional<String> alias = lookup.map(l -> l.alias().toLowerCase(Locale.ROOT));
        for (String column : SqlIdentifiers.columns(sql)) {
            if (alias.isEmpty() || !alias.get().equals(column)) {
                checkColumn(column, "rule '" + name + "'", columns, pointer + "/sql", origin, problems);
            }
        }
        return new RuleSpec.Sql(name, sql, lookup, pointer);
    }

    private static void checkColumn(String column, String user, Optional<List<ColumnSpec>> columns, String pointer,
                                    Origin origin, List<Problem> problems) {
        if (columns.isEmpty()) {
            return; // the schema itself is broken and already reported; naming its columns would only add noise
        }
        List<String> declared = columns.get().stream().map(ColumnSpec::name).toList();
        if (declared.stream().anyMatch(d -> d.equalsIgnoreCase(column))) {
            return;
        }
        String listed = declared.size() <= MAX_LISTED_COLUMNS
                ? " (declared columns: " + String.join(", ", declared) + ")" : "";
        problems.add(origin.problem(pointer, user + " uses unknown column '" + column + "'" + listed
                + Suggestions.hint(column, declared)));
    }

    private static RefinedSpec refined(JsonNode root, Origin origin, List<Problem> problems) {
        List<String> inputs = Nodes.strings(root, "inputs");
        Map<String, Integer> aliases = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            String input = inputs.get(i);
            Integer first = aliases.putIfAbsent(RefinedSpec.alias(input), i);
            if (first != null) {
                problems.add(origin.problem("/inputs/" + i, inputs.get(first).equals(input)
                        ? "input '" + input + "' is listed twice"
                        : "inputs '" + inputs.get(first) + "' and '" + input + "' are both known as '"
                        + RefinedSpec.alias(input) + "' in sql; one refined query cannot read both"));
            }
        }
        WriteMode mode = mode(root.path("mode"), WriteMode.OVERWRITE);
        List<String> key = Nodes.strings(root, "key");
        if (mode == WriteMode.MERGE && key.isEmpty()) {
            problems.add(origin.problem("/mode", "mode merge needs key columns: list them in key"));
        }
        return new RefinedSpec(root.get("name").asText(), Nodes.text(root, "description"), Nodes.text(root, "owner"),
                Nodes.strings(root, "tags"), inputs, root.get("sql").asText(), mode, key,
                freshness(root, origin, problems), origin);
    }

    private static WriteMode mode(JsonNode node, WriteMode otherwise) {
        return node.isTextual() ? WriteMode.valueOf(node.asText().toUpperCase(Locale.ROOT)) : otherwise;
    }

    /** An options block, after checking that every {@code ${…}} in it is a well-formed reference. */
    private static Options options(JsonNode root, String field, Origin origin, List<Problem> problems) {
        String pointer = "/" + field;
        checkReferences(root.path(field), pointer, origin, problems);
        return new Options(Nodes.map(root.get(field)), origin, pointer);
    }

    private static void checkReferences(JsonNode node, String pointer, Origin origin, List<Problem> problems) {
        if (node.isTextual()) {
            for (String bad : ReferenceSyntax.malformed(node.asText())) {
                problems.add(origin.problem(pointer, ReferenceSyntax.invalidMessage(bad)));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                checkReferences(e.getValue(), JsonPointers.child(pointer, e.getKey()), origin, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkReferences(node.get(i), JsonPointers.child(pointer, i), origin, problems);
            }
        }
    }

    /** A connection field named like a secret must hold a reference: descriptors are shared, secrets are not. */
    private static void checkLiteralSecrets(JsonNode node, String pointer, Origin origin, List<Problem> problems) {
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String child = JsonPointers.child(pointer, e.getKey());
            JsonNode value = e.getValue();
            if (value.isObject()) {
                checkLiteralSecrets(value, child, origin, problems);
            } else if (namesSecret(e.getKey()) && !value.isNull()
                    // a malformed ${…} is reported as such by checkReferences: it is no literal secret
                    && !(value.isTextual() && value.asText().contains("${"))) {
                problems.add(origin.problem(child, "'" + e.getKey()
                        + "' holds a literal value: write ${secret:…} or ${env:…} instead of a literal secret"));
            }
        }
    }

    /** Whether the last word of a key ({@code dw_password}, {@code apiKey}, {@code sas-token}) names a secret. */
    static boolean namesSecret(String key) {
        String[] words = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").split("[^A-Za-z0-9]+");
        return words.length > 0 && SECRET_WORD.matcher(words[words.length - 1]).matches();
    }
}
