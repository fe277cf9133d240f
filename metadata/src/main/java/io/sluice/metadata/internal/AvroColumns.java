package io.sluice.metadata.internal;

import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import io.sluice.metadata.Origin;
import io.sluice.metadata.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Reads the columns of a dataset from an Avro schema file ({@code avro: schemas/sales.avsc}). Problems point at
 * the {@code .avsc} file itself, at the line of the offending field.
 */
public final class AvroColumns {
    static final String SUPPORTED = "string, enum, int, long, float, double, boolean, date, timestamp-millis, "
            + "timestamp-micros, decimal, or a union of one of them with null";

    private AvroColumns() {
    }

    /** The record's fields as columns; empty (with problems added) when the file cannot be used. */
    public static Optional<List<ColumnSpec>> read(Path file, String shownName, DocumentReader reader, List<Problem> problems) {
        int before = problems.size();
        List<LocatedDocument> documents = reader.read(file, shownName, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        Origin origin = documents.isEmpty() ? Origin.unknown(shownName) : documents.get(0).origin();
        Schema schema;
        try {
            schema = new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            problems.add(origin.problem("", "cannot read the Avro schema: " + e.getMessage()));
            return Optional.empty();
        } catch (AvroRuntimeException e) {
            problems.add(origin.problem("", "invalid Avro schema: " + e.getMessage()));
            return Optional.empty();
        }
        if (schema.getType() != Schema.Type.RECORD) {
            problems.add(origin.problem("", "an Avro schema for a dataset must be a record, found "
                    + schema.getType().getName()));
            return Optional.empty();
        }
        List<ColumnSpec> columns = new ArrayList<>();
        List<Schema.Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++) {
            Schema.Field field = fields.get(i);
            String pointer = "/fields/" + i + "/type";
            boolean nullable = false;
            Schema type = field.schema();
            if (type.getType() == Schema.Type.UNION) {
                List<Schema> nonNull = type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
                if (nonNull.size() != 1 || nonNull.size() == type.getTypes().size()) {
                    problems.add(origin.problem(pointer, "unsupported Avro union in field '" + field.name()
                            + "' (supported: " + SUPPORTED + ")"));
                    continue;
                }
                nullable = true;
                type = nonNull.get(0);
            }
            Optional<ColumnType> columnType = columnType(type);
            if (columnType.isEmpty()) {
                problems.add(origin.problem(pointer, unsupported(type, field.name())));
                continue;
            }
            List<String> allowed = type.getType() == Schema.Type.ENUM ? type.getEnumSymbols() : List.of();
            columns.add(new ColumnSpec(field.name(), columnType.get(), nullable, false, Optional.empty(),
                    Optional.ofNullable(field.doc()), false, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), allowed));
        }
        return problems.size() > before ? Optional.empty() : Optional.of(columns);
    }

    private static String unsupported(Schema type, String field) {
        LogicalType logical = type.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal && decimal.getPrecision() > ColumnType.MAX_PRECISION) {
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ") in field '" + field
                    + "' is out of range: precision must be 1 to " + ColumnType.MAX_PRECISION;
        }
        String name = logical != null ? logical.getName() : type.getType().getName();
        return "unsupported Avro type '" + name + "' in field '" + field + "' (supported: " + SUPPORTED + ")";
    }

    private static Optional<ColumnType> columnType(Schema type) {
        LogicalType logical = type.getLogicalType();
        String logicalName = logical == null ? "" : logical.getName();
        switch (type.getType()) {
            case STRING:
            case ENUM:
                return Optional.of(ColumnType.of(ColumnType.Kind.STRING));
            case INT:
                if (logicalName.isEmpty()) {
                    return Optional.of(ColumnType.of(ColumnType.Kind.INT));
                }
                return logicalName.equals("date") ? Optional.of(ColumnType.of(ColumnType.Kind.DATE)) : Optional.empty();
            case LONG:
                if (logicalName.isEmpty()) {
                    return Optional.of(ColumnType.of(ColumnType.Kind.LONG));
                }
                return logicalName.equals("timestamp-millis") || logicalName.equals("timestamp-micros")
                        ? Optional.of(ColumnType.of(ColumnType.Kind.TIMESTAMP)) : Optional.empty();
            case FLOAT:
            case DOUBLE:
                return Optional.of(ColumnType.of(ColumnType.Kind.DOUBLE));
            case BOOLEAN:
                return Optional.of(ColumnType.of(ColumnType.Kind.BOOLEAN));
            case BYTES:
            case FIXED:
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    return ColumnType.parse("decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")");
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }
}
