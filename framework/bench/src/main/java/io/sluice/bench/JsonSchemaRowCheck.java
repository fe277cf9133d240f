package io.sluice.bench;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The row-at-a-time way of checking records, as generic row validators do it: turn each record into a JSON object
 * (numbers where the text reads as one) and validate it against a JSON Schema with everit. Returns the violations
 * of a row, or null for a valid row. A record the CSV reader could not split (its raw text in the last field of the
 * input) is rejected before any JSON is built, as a validator fed by a CSV parser would.
 *
 * <p>The schema expresses the rules of {@link TpchTables}: {@code required} for non-nullable columns,
 * {@code integer} / {@code number} with {@code minimum}, {@code maximum} and {@code multipleOf 0.01} for
 * {@code decimal(15,2)}, {@code format: date} (strict ISO dates), {@code enum} for allowed values and
 * {@code pattern}.
 */
final class JsonSchemaRowCheck implements UDF1<Row, String[]> {
    private static final long serialVersionUID = 1L;
    /** decimal(15,2): 13 digits before the point. */
    private static final BigDecimal DECIMAL_LIMIT = new BigDecimal("1e13");

    private final String schemaJson;
    private final String[] names;
    private final TpchTables.Type[] types;
    /** Built once per task from {@link #schemaJson}: everit schemas are not serializable. */
    private transient Schema schema;

    JsonSchemaRowCheck(TpchTables.Table table) {
        this.schemaJson = jsonSchema(table).toString();
        this.names = table.columns().stream().map(TpchTables.Column::name).toArray(String[]::new);
        this.types = table.columns().stream().map(TpchTables.Column::type).toArray(TpchTables.Type[]::new);
    }

    /** The draft-7 JSON Schema of one record of {@code table}. */
    static JSONObject jsonSchema(TpchTables.Table table) {
        JSONObject properties = new JSONObject();
        JSONArray required = new JSONArray();
        for (TpchTables.Column c : table.columns()) {
            JSONObject p = new JSONObject();
            switch (c.type()) {
                case LONG, INT -> p.put("type", "integer");
                case DECIMAL -> p.put("type", "number").put("multipleOf", new BigDecimal("0.01"))
                        .put("exclusiveMaximum", DECIMAL_LIMIT).put("exclusiveMinimum", DECIMAL_LIMIT.negate());
                case DATE -> p.put("type", "string").put("format", "date");
                case STRING -> p.put("type", "string");
                default -> throw new IllegalStateException("unhandled type " + c.type());
            }
            c.min().ifPresent(v -> p.put("minimum", v));
            c.max().ifPresent(v -> p.put("maximum", v));
            if (!c.allowed().isEmpty()) {
                p.put("enum", new JSONArray(c.allowed()));
            }
            c.pattern().ifPresent(v -> p.put("pattern", v));
            properties.put(c.name(), p);
            required.put(c.name());
        }
        return new JSONObject().put("$schema", "http://json-schema.org/draft-07/schema#").put("type", "object")
                .put("properties", properties).put("required", required).put("additionalProperties", false);
    }

    @Override
    public String[] call(Row row) {
        String corrupt = row.getString(names.length);
        if (corrupt != null) {
            return new String[] {"#: malformed record (wrong number of fields or broken quoting)"};
        }
        JSONObject record = new JSONObject();
        for (int i = 0; i < names.length; i++) {
            String text = row.getString(i);
            if (text != null) {
                record.put(names[i], jsonValue(types[i], text));
            }
        }
        try {
            schema().validate(record);
            return null;
        } catch (ValidationException e) {
            List<String> messages = e.getAllMessages();
            return messages.toArray(String[]::new);
        }
    }

    /** A number where the text reads as one of the column's kind, else the text itself (which the schema rejects). */
    private static Object jsonValue(TpchTables.Type type, String text) {
        try {
            return switch (type) {
                case LONG -> Long.parseLong(text);
                case INT -> Integer.parseInt(text);
                case DECIMAL -> new BigDecimal(text);
                case DATE, STRING -> text;
            };
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private Schema schema() {
        if (schema == null) {
            schema = SchemaLoader.builder().schemaJson(new JSONObject(schemaJson)).draftV7Support().build().load().build();
        }
        return schema;
    }
}
