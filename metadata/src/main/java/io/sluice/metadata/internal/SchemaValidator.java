package io.sluice.metadata.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.metadata.JsonPointers;
import io.sluice.metadata.Origin;
import io.sluice.metadata.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.BooleanSchema;
import org.everit.json.schema.CombinedSchema;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.NullSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.Validator;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * Validates documents against a draft-7 JSON Schema with everit and turns its violations into messages a
 * descriptor author understands. Everit's own texts ("extraneous key [x] is not permitted") are rewritten from
 * the violation's keyword and violated schema; a schema node may carry {@code x-message} (a template with
 * {@code {value}} and {@code {expected}}) and {@code x-suggest} (candidates for "did you mean").
 */
public final class SchemaValidator {
    private static final Pattern EXTRANEOUS = Pattern.compile("extraneous key \\[(.*)] is not permitted");
    private static final Pattern IF_BRANCH = Pattern.compile("/if(/|$)");
    private static final Pattern REQUIRED = Pattern.compile("required key \\[(.*)] not found");

    private final Schema schema;
    private final Validator validator = Validator.builder().build();

    private SchemaValidator(Schema schema) {
        this.schema = schema;
    }

    /** Compiles the schema resource once; instances are immutable and safe to share. */
    public static SchemaValidator fromResource(String resource) {
        return fromResource(resource, Set.of());
    }

    /**
     * Compiles the schema resource with {@code openObjects} added as top-level properties that must be objects,
     * their content left to whoever binds them (a storage factory checks its own section).
     */
    public static SchemaValidator fromResource(String resource, Set<String> openObjects) {
        return fromResource(resource, SchemaValidator.class.getClassLoader(), openObjects);
    }

    /** Compiles a schema resource that {@code loader} finds (a module's own schema). */
    public static SchemaValidator fromResource(String resource, ClassLoader loader, Set<String> openObjects) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("JSON Schema resource " + resource + " is missing from the classpath");
            }
            JSONObject raw = new JSONObject(new JSONTokener(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            for (String name : openObjects) {
                raw.getJSONObject("properties").put(name, new JSONObject().put("type", "object"));
            }
            return new SchemaValidator(SchemaLoader.builder().draftV7Support().schemaJson(raw).build().load().build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON Schema resource " + resource, e);
        }
    }

    /** Every violation of the document, located and worded for people; empty when it is valid. */
    public List<Problem> validate(JsonNode root, Origin origin) {
        try {
            validator.performValidation(schema, toJson(root));
            return List.of();
        } catch (ValidationException e) {
            List<ValidationException> leaves = new ArrayList<>();
            collectLeaves(e, leaves);
            // a value against "type": [a, b] fails once per type: say it once, naming every type it may have
            Map<String, Set<String>> expectedTypes = new LinkedHashMap<>();
            Set<Problem> problems = new LinkedHashSet<>();
            for (ValidationException leaf : leaves) {
                Object typeMessage = leaf.getViolatedSchema().getUnprocessedProperties().get("x-message");
                if ("type".equals(leaf.getKeyword()) && typeMessage instanceof String text) {
                    problems.add(origin.problem(pointer(leaf), text.replace("{value}", describe(root.at(pointer(leaf))))));
                } else if ("type".equals(leaf.getKeyword())) {
                    expectedTypes.computeIfAbsent(pointer(leaf), p -> new TreeSet<>()).add(expected(leaf.getViolatedSchema()));
                } else {
                    problems.add(problem(leaf, root, origin));
                }
            }
            expectedTypes.forEach((pointer, types) -> problems.add(origin.problem(pointer,
                    "expected " + oneOf(new ArrayList<>(types)) + ", found " + describe(root.at(pointer))
                            + (root.at(pointer).isBoolean() && types.contains("text")
                            ? " (YAML reads yes, no, on, off, true and false as booleans: write the word in quotes)"
                            : ""))));
            return List.copyOf(problems);
        }
    }

    private static void collectLeaves(ValidationException e, List<ValidationException> out) {
        String location = e.getSchemaLocation();
        if (location != null && IF_BRANCH.matcher(location).find()) {
            return; // an "if" that did not match only chose the branch; the branch's own violations say what is wrong
        }
        if (e.getCausingExceptions().isEmpty()) {
            out.add(e);
        } else {
            for (ValidationException cause : e.getCausingExceptions()) {
                collectLeaves(cause, out);
            }
        }
    }

    private static String pointer(ValidationException violation) {
        return violation.getPointerToViolation().replaceFirst("^#", "");
    }

    private static String oneOf(List<String> alternatives) {
        int last = alternatives.size() - 1;
        return last == 0 ? alternatives.get(0) : String.join(", ", alternatives.subList(0, last)) + " or " + alternatives.get(last);
    }

    private static Problem problem(ValidationException violation, JsonNode root, Origin origin) {
        String pointer = pointer(violation);
        Schema violated = violation.getViolatedSchema();
        JsonNode value = root.at(pointer);
        String keyword = violation.getKeyword() == null ? "" : violation.getKeyword();
        Map<String, Object> extra = violated.getUnprocessedProperties();
        switch (keyword) {
            case "additionalProperties": {
                Matcher m = EXTRANEOUS.matcher(violation.getErrorMessage());
                if (m.matches() && violated instanceof ObjectSchema object) {
                    String key = m.group(1);
                    Collection<String> known = object.getPropertySchemas().keySet().stream()
                            .filter(k -> !k.startsWith("$")).collect(Collectors.toCollection(TreeSet::new));
                    return origin.problem(JsonPointers.child(pointer, key), "unknown field '" + key
                            + "' (expected one of: " + String.join(", ", known) + ")" + Suggestions.hint(key, known));
                }
                break;
            }
            case "required": {
                Matcher m = REQUIRED.matcher(violation.getErrorMessage());
                if (m.matches()) {
                    return origin.problem(pointer, "missing required field '" + m.group(1) + "'");
                }
                break;
            }
            case "enum": {
                if (violated instanceof EnumSchema enumSchema) {
                    List<String> allowed = enumSchema.getPossibleValuesAsList().stream().map(String::valueOf).toList();
                    String text = template(extra, value, String.join(", ", allowed),
                            "unknown value " + quote(value) + " (expected one of: {expected})");
                    return origin.problem(pointer, text + (value.isTextual() ? Suggestions.hint(value.asText(), allowed) : ""));
                }
                break;
            }
            case "pattern": {
                String text = template(extra, value, "", quote(value) + " does not match the pattern "
                        + ((StringSchema) violated).getPattern());
                Object suggest = extra.get("x-suggest");
                List<String> candidates = suggest instanceof JSONArray array
                        ? array.toList().stream().map(String::valueOf).toList() : List.of();
                return origin.problem(pointer, text + Suggestions.hint(value.asText(), candidates));
            }
            case "minimum":
            case "maximum":
            case "exclusiveMinimum":
            case "exclusiveMaximum":
                if (violated instanceof NumberSchema number) {
                    String bound = keyword.equals("minimum") || keyword.equals("exclusiveMinimum")
                            ? "at least " + plain(number.getMinimum()) : "at most " + plain(number.getMaximum());
                    return origin.problem(pointer, template(extra, value, "", "must be " + bound + ", found " + describe(value)));
                }
                break;
            case "minItems":
                if (violated instanceof ArraySchema array) {
                    int n = array.getMinItems();
                    return origin.problem(pointer, "must list at least " + n + (n == 1 ? " item" : " items"));
                }
                break;
            case "minLength":
                return origin.problem(pointer, "must not be empty");
            case "const":
                return origin.problem(pointer, "unexpected value " + quote(value));
            default:
                break;
        }
        return origin.problem(pointer, violation.getErrorMessage());
    }

    private static String template(Map<String, Object> extra, JsonNode value, String expected, String otherwise) {
        Object message = extra.get("x-message");
        String text = message instanceof String s ? s : otherwise;
        return text.replace("{value}", value.isValueNode() ? value.asText() : describe(value)).replace("{expected}", expected);
    }

    private static String plain(Number n) {
        return n == null ? "?" : new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }

    private static String quote(JsonNode value) {
        return value.isTextual() ? "'" + value.asText() + "'" : describe(value);
    }

    private static String expected(Schema schema) {
        if (schema instanceof BooleanSchema) {
            return "true or false";
        } else if (schema instanceof StringSchema) {
            return "text";
        } else if (schema instanceof NumberSchema number) {
            return number.requiresInteger() ? "a whole number" : "a number";
        } else if (schema instanceof ArraySchema) {
            return "a list";
        } else if (schema instanceof ObjectSchema) {
            return "an object (key: value pairs)";
        } else if (schema instanceof NullSchema) {
            return "nothing";
        } else if (schema instanceof CombinedSchema combined) {
            return oneOf(combined.getSubschemas().stream().map(SchemaValidator::expected).sorted().toList());
        }
        return "another type";
    }

    /** A value as the message shows it: text quoted, structures by their shape. */
    public static String describe(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "nothing";
        } else if (value.isTextual()) {
            return "'" + value.asText() + "'";
        } else if (value.isArray()) {
            return "a list";
        } else if (value.isObject()) {
            return "an object";
        }
        return value.asText();
    }

    /** Jackson tree to org.json, which everit validates. */
    static Object toJson(JsonNode node) {
        if (node.isObject()) {
            JSONObject object = new JSONObject();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                object.put(e.getKey(), toJson(e.getValue()));
            }
            return object;
        } else if (node.isArray()) {
            JSONArray array = new JSONArray();
            node.forEach(n -> array.put(toJson(n)));
            return array;
        } else if (node.isNull()) {
            return JSONObject.NULL;
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isNumber()) {
            double d = node.doubleValue();
            // org.json refuses NaN and infinities; as text they fail a number check with a readable message
            return node.isFloatingPointNumber() && !Double.isFinite(d) ? node.asText() : node.numberValue();
        }
        return node.asText();
    }
}
