package io.sluice.connector.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.connector.LandedFile;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A point in a line-based file (CSV, TSV, JSON lines) where a line starts, with the number of records before it.
 * Counting records while landing, the connector notes a few of these per file, so that a reader that starts in the
 * middle of the file (Spark splits large files between tasks) learns its first record's number by reading from the
 * nearest mark instead of from the start of the file.
 *
 * <p>The marks travel in {@link LandedFile#detail()} under {@link #DETAIL_KEY}, as a JSON array of
 * {@code {"offset":…,"records":…,"line":…}} objects: the shape manifests up to version 3 stored in their
 * {@code marks} field, which the framework hands over as that field's JSON text, so old manifests read the same.
 *
 * @param offset  byte offset of the first byte of a line (a record's first byte), in the file as landed
 * @param records records (not lines: a header and blank lines are not records) in the file before that line
 * @param line    the 1-based physical line starting at {@code offset}; 0 when unknown (manifests written before
 *                it was recorded)
 */
record LineMark(long offset, long records, long line) {
    /** The {@link LandedFile#detail()} key of a file's marks. */
    static final String DETAIL_KEY = "marks";
    private static final JsonFactory JSON = new JsonFactory();

    LineMark {
        if (offset < 0 || records < 0 || line < 0) {
            throw new IllegalArgumentException("a line mark needs a non-negative offset, count and line: " + offset
                    + ", " + records + ", " + line);
        }
    }

    /** A mark without its line. */
    LineMark(long offset, long records) {
        this(offset, records, 0);
    }

    /** The detail of a landed file with these marks: empty when there are none. */
    static Map<String, String> detail(List<LineMark> marks) {
        if (marks.isEmpty()) {
            return Map.of();
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartArray();
            for (LineMark m : marks) {
                out.writeStartObject();
                out.writeNumberField("offset", m.offset());
                out.writeNumberField("records", m.records());
                out.writeNumberField("line", m.line());
                out.writeEndObject();
            }
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return Map.of(DETAIL_KEY, text.toString());
    }

    /** The marks noted in a landed file's detail, in offset order; empty when it has none. */
    static List<LineMark> of(LandedFile file) {
        String text = file.detail().get(DETAIL_KEY);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<LineMark> marks = new ArrayList<>();
        try (JsonParser in = JSON.createParser(text)) {
            expect(in.nextToken(), JsonToken.START_ARRAY, text);
            for (JsonToken t = in.nextToken(); t != JsonToken.END_ARRAY; t = in.nextToken()) {
                expect(t, JsonToken.START_OBJECT, text);
                Map<String, Long> fields = new HashMap<>();
                for (JsonToken f = in.nextToken(); f != JsonToken.END_OBJECT; f = in.nextToken()) {
                    String name = in.currentName();
                    in.nextToken();
                    fields.put(name, in.getValueAsLong());
                }
                marks.add(new LineMark(fields.getOrDefault("offset", 0L), fields.getOrDefault("records", 0L),
                        fields.getOrDefault("line", 0L)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the line marks of " + file.path() + " in its manifest are not JSON: "
                    + text, e);
        }
        return List.copyOf(marks);
    }

    private static void expect(JsonToken found, JsonToken expected, String text) {
        if (found != expected) {
            throw new IllegalStateException("line marks are a JSON array of objects, found " + found + " in " + text);
        }
    }
}
