package io.sluice.catalog.unity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.CatalogErrors;
import io.sluice.catalog.Column;
import io.sluice.catalog.OutboxEvent.EventDataset;
import io.sluice.catalog.RegisteredAsset;
import io.sluice.catalog.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Maps the lake's Delta tables to Unity Catalog tables, in the shapes of the Unity Catalog REST API
 * ({@code POST /api/2.1/unity-catalog/tables}: {@code name}, {@code catalog_name}, {@code schema_name},
 * {@code table_type}, {@code data_source_format}, {@code columns}, {@code storage_location}, {@code comment},
 * {@code properties}; docs.databricks.com/api/uc-tables/v1/create-table, and the same fields in the open-source
 * server's {@code CreateTable} of {@code io.unitycatalog:unitycatalog-client} 0.6.0). Databricks' create API
 * "only supports creating external delta tables" ({@code table_type EXTERNAL}, {@code data_source_format DELTA})
 * and asks for columns "in a Spark compatible format": each column's {@code type_json} is Spark's own JSON of the
 * field (with its comment in the metadata), {@code type_text} Spark's SQL name of the type, parsed by Spark's
 * type parser from the type the catalog holds.
 *
 * <p>The valid, error and refined zones are registered; raw files are not Delta tables. A table is named
 * {@code <zone>__<source>__<dataset>} (lower case; the double underscore keeps {@code a_b.c} and {@code a.b_c}
 * apart) in the configured catalog and schema.
 */
public final class UnityTables {
    /** Zones registered in Unity Catalog: the lake's Delta tables. */
    public static final Set<Zone> ZONES = Set.of(Zone.VALID, Zone.ERROR, Zone.REFINED);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String catalog;
    private final String schema;

    /**
     * @param catalog the Unity Catalog catalog the tables go to
     * @param schema  the schema in it
     */
    public UnityTables(String catalog, String schema) {
        this.catalog = requireName("--unity-catalog", catalog);
        this.schema = requireName("--unity-schema", schema);
    }

    private static String requireName(String option, String value) {
        if (value == null) {
            throw CatalogErrors.badExportOption(option, "give the name of the Unity Catalog "
                    + (option.endsWith("catalog") ? "catalog" : "schema") + " the tables go to");
        }
        if (!NAME.matcher(value).matches()) {
            throw CatalogErrors.badExportOption(option, "'" + value + "' must be 1 or more letters, digits or '_'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code dataset} is a Delta table of a registered zone. */
    public static boolean isRegistered(EventDataset dataset) {
        return ZONES.contains(dataset.name().zone()) && dataset.location().isPresent()
                && dataset.format().map(f -> f.equalsIgnoreCase("delta")).orElse(false);
    }

    /** The table's name in its schema. */
    public static String tableName(AssetName name) {
        return (name.zone().id() + "__" + name.source() + "__" + name.dataset()).toLowerCase(Locale.ROOT);
    }

    /** {@code catalog.schema.table}, as the API's paths name a table. */
    public String fullName(AssetName name) {
        return catalog + "." + schema + "." + tableName(name);
    }

    /** The create request of {@code dataset}; {@code registered} gives its description. */
    public ObjectNode createRequest(EventDataset dataset, Optional<RegisteredAsset> registered) {
        ObjectNode table = JSON.createObjectNode()
                .put("name", tableName(dataset.name()))
                .put("catalog_name", catalog)
                .put("schema_name", schema)
                .put("table_type", "EXTERNAL")
                .put("data_source_format", "DELTA");
        ArrayNode columns = table.putArray("columns");
        int position = 0;
        for (Column column : dataset.columns()) {
            columns.add(column(column, position++));
        }
        table.put("storage_location", dataset.location().orElseThrow())
                .put("comment", comment(dataset.name(), registered));
        table.putObject("properties").put("sluice.asset", dataset.name().qualified());
        return table;
    }

    /** The asset's description, or what the zone holds. */
    static String comment(AssetName name, Optional<RegisteredAsset> registered) {
        Optional<String> description = registered.flatMap(r -> r.asset().description());
        String dataset = name.source() + "." + name.dataset();
        return switch (name.zone()) {
            case VALID -> description.orElse("Validated rows of " + dataset) + " (Sluice valid zone)";
            case ERROR -> "Rows of " + dataset + " rejected by validation, with the reasons (Sluice error zone)";
            case REFINED -> description.orElse("Refined dataset " + name.dataset()) + " (Sluice refined zone)";
            case SOURCE, RAW -> throw new IllegalArgumentException(name + " is not registered in Unity Catalog");
        };
    }

    /** One column in the API's {@code ColumnInfo} shape. */
    static ObjectNode column(Column column, int position) {
        DataType type = sparkType(column);
        Metadata metadata = column.description()
                .map(d -> new MetadataBuilder().putString("comment", d).build())
                .orElse(Metadata.empty());
        ObjectNode info = JSON.createObjectNode()
                .put("name", column.name())
                .put("type_text", type.catalogString())
                .put("type_json", fieldJson(new StructField(column.name(), type, column.nullable(), metadata)))
                .put("type_name", typeName(type));
        if (type instanceof DecimalType decimal) {
            info.put("type_precision", decimal.precision()).put("type_scale", decimal.scale());
        }
        info.put("position", position).put("nullable", column.nullable());
        column.description().ifPresent(d -> info.put("comment", d));
        return info;
    }

    /** Spark's JSON of one field, as Spark writes it inside a schema (the field alone has no public writer). */
    private static String fieldJson(StructField field) {
        try {
            return JSON.readTree(new StructType(new StructField[] {field}).json()).path("fields").get(0).toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Spark wrote a schema that is not JSON: " + e.getMessage(), e);
        }
    }

    private static DataType sparkType(Column column) {
        try {
            return DataType.fromDDL(column.type());
        } catch (Exception e) { // Spark's ParseException is checked in Java's eyes but thrown undeclared
            throw CatalogErrors.badExportOption("column " + column.name(), "type '" + column.type()
                    + "' is not a Spark SQL type, so Unity Catalog cannot describe it: "
                    + String.valueOf(e.getMessage()).strip().lines().findFirst().orElse(""));
        }
    }

    /** The API's {@code ColumnTypeName} of a Spark type. */
    static String typeName(DataType type) {
        if (type instanceof BooleanType) {
            return "BOOLEAN";
        } else if (type instanceof ByteType) {
            return "BYTE";
        } else if (type instanceof ShortType) {
            return "SHORT";
        } else if (type instanceof IntegerType) {
            return "INT";
        } else if (type instanceof LongType) {
            return "LONG";
        } else if (type instanceof FloatType) {
            return "FLOAT";
        } else if (type instanceof DoubleType) {
            return "DOUBLE";
        } else if (type instanceof DateType) {
            return "DATE";
        } else if (type instanceof TimestampType) {
            return "TIMESTAMP";
        } else if (type instanceof TimestampNTZType) {
            return "TIMESTAMP_NTZ";
        } else if (type instanceof StringType) {
            return "STRING";
        } else if (type instanceof BinaryType) {
            return "BINARY";
        } else if (type instanceof DecimalType) {
            return "DECIMAL";
        } else if (type instanceof ArrayType) {
            return "ARRAY";
        } else if (type instanceof StructType) {
            return "STRUCT";
        } else if (type instanceof MapType) {
            return "MAP";
        }
        throw new IllegalArgumentException("no Unity Catalog type name for Spark type " + type.catalogString());
    }

    /**
     * What differs between the table Unity Catalog holds ({@code GET /api/2.1/unity-catalog/tables/{full_name}})
     * and the one wanted: its location, comment, or a column's name, type, nullability, comment or position.
     * Empty when they agree; owners and properties are not compared.
     */
    public static List<String> differences(JsonNode existing, ObjectNode wanted) {
        List<String> differences = new ArrayList<>();
        if (!trimSlash(existing.path("storage_location").asText()).equals(trimSlash(wanted.path("storage_location").asText()))) {
            differences.add("storage_location");
        }
        if (!existing.path("comment").asText("").equals(wanted.path("comment").asText(""))) {
            differences.add("comment");
        }
        List<String> have = columnKeys(existing.path("columns"));
        List<String> want = columnKeys(wanted.path("columns"));
        if (!have.equals(want)) {
            differences.add("columns " + have + " -> " + want);
        }
        return differences;
    }

    private static List<String> columnKeys(JsonNode columns) {
        List<String> keys = new ArrayList<>();
        for (JsonNode column : columns) {
            keys.add(column.path("name").asText().toLowerCase(Locale.ROOT) + " "
                    + column.path("type_text").asText().toLowerCase(Locale.ROOT).replace(" ", "")
                    + (column.path("nullable").asBoolean(true) ? "" : " not null")
                    + column.path("comment").asText("").transform(c -> c.isEmpty() ? "" : " '" + c + "'"));
        }
        return keys;
    }

    private static String trimSlash(String location) {
        return location.replaceAll("/+$", "");
    }

    @Override
    public String toString() {
        return "UnityTables[" + catalog + "." + schema + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnityTables t && t.catalog.equals(catalog) && t.schema.equals(schema);
    }

    @Override
    public int hashCode() {
        return Objects.hash(catalog, schema);
    }
}
