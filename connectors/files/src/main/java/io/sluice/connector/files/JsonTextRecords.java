package io.sluice.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link JsonRecords} as a {@link TextRecordParser}: each record's values by raw column (the declared
 * {@link JsonPaths}, then the other top-level keys), as text (strings decoded, numbers as written, objects and
 * arrays as compact JSON, JSON null as null). A broken array file is refused whole ({@link UnreadableTextException}).
 */
final class JsonTextRecords implements TextRecordParser {
    private final JsonRecords records;
    private final JsonPaths paths;

    private JsonTextRecords(JsonRecords records, JsonPaths paths) {
        this.records = records;
        this.paths = paths;
    }

    /**
     * Reads {@code bytes} as strict UTF-8 (a byte-order mark dropped) in the declared layout; {@code paths} are
     * the declared columns ({@link JsonPaths#NONE} when counting at landing: the records and keys do not depend
     * on them).
     */
    static JsonTextRecords open(InputStream bytes, JsonRecords.Layout layout, JsonPaths paths) throws IOException {
        try {
            return new JsonTextRecords(JsonRecords.open(new StrictReader(bytes, StandardCharsets.UTF_8), layout),
                    paths);
        } catch (JsonRecords.BrokenFileException e) {
            throw new UnreadableTextException(e.getMessage());
        }
    }

    @Override
    public TextRecord next() throws IOException {
        Optional<JsonRecords.Record> next;
        try {
            next = records.next();
        } catch (JsonRecords.BrokenFileException e) {
            throw new UnreadableTextException(e.getMessage());
        }
        if (next.isEmpty()) {
            return null;
        }
        JsonRecords.Record record = next.get();
        Map<String, JsonRecords.Value> columns = paths.valuesOf(record);
        List<String> names = new ArrayList<>(columns.size());
        List<String> values = new ArrayList<>(columns.size());
        List<String> kinds = new ArrayList<>(columns.size());
        for (Map.Entry<String, JsonRecords.Value> e : columns.entrySet()) {
            names.add(e.getKey());
            values.add(e.getValue().text());
            kinds.add(e.getValue().kind().label());
        }
        return new TextRecord(record.line(), -1, record.text(), "", values, names, record.problem(), kinds);
    }

    @Override
    public List<String> fields() {
        return List.copyOf(records.keys());
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
