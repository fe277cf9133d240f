package io.sluice.onboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One table's draft: declared types as docs/jdbc.md maps the source types, the primary key as key, a split
 * column (range split on a numeric or date key; on Teradata a hash split on the primary index), an incremental
 * column (a timestamp that says it records changes, else any timestamp, else a whole-number key) and, without
 * one, a snapshot (every run extracts the whole table).
 */
final class TableDrafts {
    private static final Pattern CHANGE_TIME = Pattern.compile("(?i).*(updat|modif|chang|last|load|insert|creat).*");
    static final int SPLIT_PARTITIONS = 8;

    private TableDrafts() {
    }

    static DatasetDraft draft(String source, String name, List<DatabaseOnboarding.CatalogColumn> table,
                              List<String> key, boolean teradata) {
        DatabaseOnboarding.CatalogColumn first = table.get(0);
        List<String> notes = new ArrayList<>();
        List<ColumnDraft> columns = new ArrayList<>();
        for (DatabaseOnboarding.CatalogColumn c : table) {
            Optional<String> type = teradata ? teradataType(c) : postgresType(c);
            if (type.isEmpty()) {
                notes.add("'" + c.name() + "' (" + c.type() + ") has no declared type that takes it: left"
                        + " undeclared (a run keeps it in _rescued); cast it in a query if you need it");
                continue;
            }
            if (!LakeNames.isValid(c.name())) {
                notes.add("'" + c.name() + "' is not a valid column name for the raw Avro files: left undeclared"
                        + " (alias it in a query: see docs/jdbc.md)");
                continue;
            }
            boolean isKey = key.stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
            List<String> why = new ArrayList<>();
            why.add(c.type() + (c.precision() != null && type.get().startsWith("decimal") ? "(" + c.precision()
                    + "," + c.scale() + ")" : ""));
            if (isKey) {
                why.add("primary key");
            }
            columns.add(new ColumnDraft(c.name().toLowerCase(Locale.ROOT), c.name().toLowerCase(Locale.ROOT),
                    type.get(), List.of(), c.nullable() && !isKey, isKey, List.of(), List.of(), List.of(), why));
        }
        Map<String, Object> extract = new LinkedHashMap<>();
        extract.put("table", first.schema() + "." + first.table());
        Optional<ColumnDraft> keyColumn = key.size() == 1 ? columns.stream().filter(ColumnDraft::key).findFirst()
                : Optional.empty();
        if (teradata && !key.isEmpty()) {
            extract.put("split", ordered("hash", key.get(0).toLowerCase(Locale.ROOT), "partitions", SPLIT_PARTITIONS));
            notes.add("split: hash split on " + key.get(0) + " (the primary index: rows spread by their hash)");
        } else if (keyColumn.isPresent() && List.of("int", "long", "date", "timestamp")
                .contains(keyColumn.get().type()) || keyColumn.isPresent()
                && keyColumn.get().type().matches("decimal\\(\\d+,0\\)")) {
            extract.put("split", ordered("column", keyColumn.get().name(), "partitions", SPLIT_PARTITIONS));
            notes.add("split: range split on the key " + keyColumn.get().name());
        } else {
            notes.add("no split: no single numeric or date key column (one connection reads the table)");
        }
        Optional<ColumnDraft> incremental = columns.stream()
                .filter(c -> c.type().equals("timestamp") && CHANGE_TIME.matcher(c.name()).matches()).findFirst()
                .or(() -> columns.stream().filter(c -> c.type().equals("timestamp") || c.type().equals("date"))
                        .findFirst())
                .or(() -> keyColumn.filter(c -> c.type().equals("int") || c.type().equals("long")));
        String validMode = null;
        if (incremental.isPresent()) {
            boolean number = incremental.get().type().equals("int") || incremental.get().type().equals("long");
            extract.put("incremental", ordered("column", incremental.get().name(), "type",
                    number ? "number" : "timestamp"));
            notes.add("incremental on " + incremental.get().name() + (number
                    ? " (a whole-number key: rows must get increasing keys, and updates are not seen)"
                    : " (a timestamp: check that it is set when a row changes)"));
            validMode = columns.stream().anyMatch(ColumnDraft::key) ? "merge" : null;
        } else {
            notes.add("snapshot: no timestamp or whole-number key for an increment, so every run extracts the"
                    + " whole table and replaces the valid table");
        }
        return new DatasetDraft(source, name, "table " + first.schema() + "." + first.table(), extract,
                List.of(), columns, validMode, notes);
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /** PostgreSQL {@code information_schema.columns.data_type}, mapped as docs/jdbc.md says. */
    static Optional<String> postgresType(DatabaseOnboarding.CatalogColumn c) {
        String t = c.type().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (t) {
            case "smallint", "integer" -> "int";
            case "bigint" -> "long";
            case "real", "double precision" -> "double";
            case "numeric" -> decimal(c.precision(), c.scale());
            case "boolean" -> "boolean";
            case "date" -> "date";
            case "timestamp without time zone", "timestamp with time zone" -> "timestamp";
            case "character", "character varying", "text", "uuid", "interval", "money", "json", "jsonb", "xml" ->
                    "string";
            default -> null;
        });
    }

    /** Teradata {@code DBC.ColumnsV.ColumnType} codes, mapped as docs/jdbc.md says. */
    static Optional<String> teradataType(DatabaseOnboarding.CatalogColumn c) {
        return Optional.ofNullable(switch (c.type().toUpperCase(Locale.ROOT)) {
            case "I1", "I2", "I" -> "int";
            case "I8" -> "long";
            case "F" -> "double";
            case "D", "N" -> decimal(c.precision(), c.scale());
            case "CF", "CV", "CO", "TZ", "PD", "PS", "PT", "PZ", "PM", "YR", "YM", "MO", "DY", "DH", "DM", "DS", "HR",
                 "HM", "HS", "MI", "MS", "SC", "JN", "XM" -> "string";
            case "DA" -> "date";
            case "TS", "SZ" -> "timestamp";
            default -> null;
        });
    }

    /** {@code decimal(p,s)}; a NUMERIC without precision is Spark's decimal(38,18). */
    private static String decimal(Integer precision, Integer scale) {
        if (precision == null || precision <= 0 || precision > 38) {
            return "decimal(38,18)";
        }
        return "decimal(" + precision + "," + (scale == null ? 0 : scale) + ")";
    }
}
