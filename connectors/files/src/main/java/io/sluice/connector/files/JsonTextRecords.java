package io.sluice.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link JsonRecords} as a {@link TextRecordParser}: each record's values by key, as text (strings decoded,
 * numbers as written, objects and arrays as compact JSON, JSON null as null). A broken array file is refused whole
 * ({@link UnreadableTextException}).
 */
final class JsonTextRecords implements TextRecordParser {
    private final JsonRecords records;

    private JsonTextRecords(JsonRecords records) {
        this.records = records;
    }

    /** Reads {@code bytes} as strict UTF-8 (a byte-order mark dropped) in the declared layout. */
    static JsonTextRecords open(InputStream bytes, JsonRecords.Layout layout) throws IOException {
        try {
            return new JsonTextRecords(JsonRecords.open(new StrictReader(bytes, StandardCharsets.UTF_8), layout));
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
        List<String> names = new ArrayList<>(record.values().size());
        List<String> values = new ArrayList<>(record.values().size());
        List<String> kinds = new ArrayList<>(record.values().size());
        for (Map.Entry<String, JsonRecords.Value> e : record.values().entrySet()) {
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
