package io.sluice.metadata.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sluice.metadata.JsonPointers;
import io.sluice.metadata.Problem;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses YAML and JSON files into trees, recording the line of every node by JSON pointer. The tree is built
 * from the parser's tokens (not by Jackson's tree codec) because only the token stream knows where each node
 * was written; duplicate keys, which Jackson would silently overwrite, are reported as problems.
 */
public final class DocumentReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final YAMLFactory yaml = YAMLFactory.builder().build();
    private final JsonFactory json = JsonFactory.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    /** Documents of a file; what cannot be parsed is added to {@code problems}. Empty YAML documents are skipped. */
    public List<LocatedDocument> read(Path path, String shownName, List<Problem> problems) {
        List<LocatedDocument> documents = new ArrayList<>();
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean isJson = lower.endsWith(".json") || lower.endsWith(".avsc");
        Cursor cursor = new Cursor();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             JsonParser parser = isJson ? json.createParser(reader) : yaml.createParser(reader)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.VALUE_NULL
                        || parser.currentToken() == JsonToken.VALUE_STRING && parser.getText().isEmpty()) {
                    continue; // an empty YAML document (only comments, or a trailing ---)
                }
                Map<String, Integer> lines = new HashMap<>();
                int line = line(parser);
                cursor.pointer = "";
                JsonNode root = node(parser, "", lines, shownName, problems, cursor);
                documents.add(new LocatedDocument(shownName, path, line, root, lines));
            }
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e, shownName, isJson ? "JSON" : "YAML", cursor.pointer));
        } catch (IOException e) {
            problems.add(new Problem(shownName, 0, "", "cannot read the file: " + e.getMessage()));
        }
        return documents;
    }

    private JsonNode node(JsonParser parser, String pointer, Map<String, Integer> lines, String file,
                          List<Problem> problems, Cursor cursor) throws IOException {
        cursor.pointer = pointer;
        lines.putIfAbsent(pointer, line(parser));
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    String child = JsonPointers.child(pointer, key);
                    int keyLine = line(parser);
                    if (object.has(key)) {
                        problems.add(new Problem(file, keyLine, child,
                                "duplicate field '" + key + "' (first written at line " + lines.get(child) + ")"));
                    } else {
                        lines.put(child, keyLine);
                    }
                    parser.nextToken();
                    object.set(key, node(parser, child, lines, file, problems, cursor));
                    cursor.pointer = pointer;
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser, JsonPointers.child(pointer, index++), lines, file, problems, cursor));
                    cursor.pointer = pointer;
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // YAML binary (!!binary) and similar embedded values: keep their text, the schema rejects them.
                return NODES.textNode(parser.getText());
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static Problem syntaxProblem(JsonProcessingException e, String file, String format, String pointer) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String what = e.getOriginalMessage();
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
            what = marked.getContext() == null ? marked.getProblem() : marked.getContext() + ": " + marked.getProblem();
            if (marked.getProblemMark() != null) {
                line = marked.getProblemMark().getLine() + 1;
            }
        }
        String firstLine = what == null ? "unreadable input" : what.lines().findFirst().orElse(what).trim();
        return new Problem(file, line, pointer, format + " syntax error: " + firstLine
                + (format.equals("YAML") ? " (check the indentation, and quote values that contain ': ' or start with a special character)" : ""));
    }

    /** The container the builder is in, so that a syntax error can name where it happened. */
    private static final class Cursor {
        private String pointer = "";
    }
}
