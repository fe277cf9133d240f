package io.sluice.connector.files;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.connector.files.JsonRecords.Kind;
import io.sluice.connector.files.JsonRecords.Value;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the members of one JSON object into {@link Value}s, for {@link JsonRecords}; finds duplicate keys. */
final class JsonRecordsValues {

    private JsonRecordsValues() {
    }

    /**
     * Reads the object whose {@code {} is the current token, up to its {@code }}, putting its members into
     * {@code values}. A duplicate key is a problem, reported once the object is read (the syntax after it still
     * matters: in an array, a broken element breaks the file).
     */
    static Optional<String> readObject(JsonParser parser, Map<String, Value> values, long linesBefore)
            throws IOException {
        Optional<String> problem = Optional.empty();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String duplicate = values.containsKey(key)
                    ? "duplicate key " + quote(key) + at(parser, linesBefore)
                    : null;
            JsonToken valueToken = parser.nextToken();
            Value value;
            if (valueToken == JsonToken.START_OBJECT || valueToken == JsonToken.START_ARRAY) {
                StringWriter json = new StringWriter();
                try (JsonGenerator generator = JsonRecords.FACTORY.createGenerator(json)) {
                    Optional<String> nested = copy(parser, generator, linesBefore);
                    if (duplicate == null && nested.isPresent()) {
                        duplicate = nested.get();
                    }
                }
                value = new Value(valueToken == JsonToken.START_OBJECT ? Kind.OBJECT : Kind.ARRAY, json.toString());
            } else {
                value = scalar(valueToken, parser);
            }
            if (duplicate != null && problem.isEmpty()) {
                problem = Optional.of(duplicate);
            }
            values.putIfAbsent(key, value);
        }
        if (token != JsonToken.END_OBJECT) {
            // Jackson reports every syntax error itself; anything else here is a bug of ours
            throw new IllegalStateException("unexpected token " + token + " in an object");
        }
        return problem;
    }

    /**
     * Copies the object or array whose start is the current token to {@code generator}, numbers as written.
     * Returns the first duplicate key found at any depth.
     */
    static Optional<String> copy(JsonParser parser, JsonGenerator generator, long linesBefore)
            throws IOException {
        Optional<String> duplicate = Optional.empty();
        ArrayDeque<Set<String>> objects = new ArrayDeque<>();
        int depth = 0;
        JsonToken token = parser.currentToken();
        do {
            switch (token) {
                case START_OBJECT -> {
                    generator.writeStartObject();
                    objects.push(new HashSet<>());
                    depth++;
                }
                case END_OBJECT -> {
                    generator.writeEndObject();
                    objects.pop();
                    depth--;
                }
                case START_ARRAY -> {
                    generator.writeStartArray();
                    depth++;
                }
                case END_ARRAY -> {
                    generator.writeEndArray();
                    depth--;
                }
                case FIELD_NAME -> {
                    String key = parser.currentName();
                    if (!objects.peek().add(key) && duplicate.isEmpty()) {
                        duplicate = Optional.of("duplicate key " + quote(key) + at(parser, linesBefore));
                    }
                    generator.writeFieldName(key);
                }
                case VALUE_STRING -> generator.writeString(parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
                case VALUE_TRUE, VALUE_FALSE -> generator.writeBoolean(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> generator.writeNull();
                default -> throw new IllegalStateException("unexpected token " + token + " in a JSON value");
            }
            if (depth == 0) {
                return duplicate;
            }
            token = parser.nextToken();
        } while (true);
    }

    static Value scalar(JsonToken token, JsonParser parser) throws IOException {
        return switch (token) {
            case VALUE_STRING -> new Value(Kind.STRING, parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Value(Kind.NUMBER, parser.getText());
            case VALUE_TRUE -> new Value(Kind.BOOLEAN, "true");
            case VALUE_FALSE -> new Value(Kind.BOOLEAN, "false");
            case VALUE_NULL -> new Value(Kind.NULL, null);
            default -> throw new IllegalStateException("unexpected token " + token + " as a JSON value");
        };
    }

    /** Where the current token starts; {@code linesBefore}: the file's lines before the parser's line 1. */
    static String at(JsonParser parser, long linesBefore) {
        JsonLocation location = parser.currentTokenLocation();
        return at(location.getLineNr() + linesBefore, location.getColumnNr());
    }

    static String at(long line, long column) {
        return " at line " + line + ", column " + column;
    }

    static String quote(String key) {
        return "'" + cut(key) + "'";
    }

    static String cut(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }
}
