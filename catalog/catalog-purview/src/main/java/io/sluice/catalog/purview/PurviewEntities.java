package io.sluice.catalog.purview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.CatalogErrors;
import io.sluice.catalog.Column;
import io.sluice.catalog.OutboxEvent;
import io.sluice.catalog.OutboxEvent.EventDataset;
import io.sluice.catalog.RegisteredAsset;
import io.sluice.catalog.RowCounts;
import io.sluice.catalog.RunRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the catalog's run events to the body of Purview's "Entity - Bulk Create Or Update" request
 * ({@code POST {endpoint}/datamap/api/atlas/v2/entity/bulk?api-version=2023-09-01}, body
 * {@code {"entities": [AtlasEntity…], "referredEntities": {}}}; learn.microsoft.com/rest/api/purview/datamapdataplane/entity/bulk-create-or-update).
 * Purview matches an entity "by its unique attributes eg: qualifiedName", so sending the same event twice updates
 * the same entities and creates nothing new.
 *
 * <ul>
 *   <li>A lake asset on ADLS Gen2 ({@code abfss://container@account.dfs.core.windows.net/path}) is an
 *       {@code azure_datalake_gen2_resource_set} (the type Purview gives a folder of Parquet files such as a Delta
 *       table) named {@code https://account.dfs.core.windows.net/container/path}, the form Purview's own scans
 *       use, so that a scanned asset and Sluice's are one entity. Any other asset (a source table, a local lake)
 *       is an Atlas {@code DataSet} named {@code sluice://<namespace>/<zone>.<source>.<dataset>}.</li>
 *   <li>Its columns are {@code column} entities of a {@code tabular_schema} entity
 *       ({@code <asset>#__tabularSchema}), linked by the relationship attributes {@code tabular_schema} (asset to
 *       schema) and {@code columns} (schema to columns): Purview's schema model for resource sets. The schema's
 *       column list is sent whole, so a dropped column leaves it.</li>
 *   <li>Each dataset's ingestion is one {@code Process} ({@code sluice://<namespace>/process/<source>.<dataset>})
 *       whose {@code inputs} and {@code outputs} are the event's datasets, referenced by type and qualified name
 *       (Atlas object ids with {@code uniqueAttributes}, as in Purview's custom lineage guide). Every run updates
 *       it: its description tells the last run, its status and row counts, so Purview's lineage graph keeps one
 *       box per dataset rather than one per day.</li>
 * </ul>
 *
 * <p>A {@code START} event maps to nothing: Purview models no running job, and the end event follows.
 */
public final class PurviewEntities {
    /** Purview's type for a folder of files read as one table (Delta, Parquet) on ADLS Gen2. */
    public static final String RESOURCE_SET = "azure_datalake_gen2_resource_set";
    /** Atlas's base type for any other dataset. */
    public static final String DATA_SET = "DataSet";
    public static final String PROCESS = "Process";
    public static final String TABULAR_SCHEMA = "tabular_schema";
    public static final String COLUMN = "column";

    private static final Pattern ABFS = Pattern.compile("abfss?://([^@/]+)@([^/]+?)/*(/.*)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final Function<AssetName, Optional<RegisteredAsset>> assets;

    /**
     * @param namespace names Sluice's own entities ({@code sluice://<namespace>/…}): the lake's name
     * @param assets    looks up an asset's description and owner ({@code catalog::find})
     */
    public PurviewEntities(String namespace, Function<AssetName, Optional<RegisteredAsset>> assets) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.assets = Objects.requireNonNull(assets, "assets");
        if (namespace.isBlank() || !namespace.matches("[A-Za-z0-9_.-]+")) {
            throw CatalogErrors.badExportOption("--namespace",
                    "'" + namespace + "' must be 1 or more letters, digits, '_', '-' or '.'");
        }
    }

    /** The bulk request for {@code event}; empty for a {@code START}. */
    public Optional<ObjectNode> bulkRequest(OutboxEvent event) {
        if (event.type() == OutboxEvent.Type.START) {
            return Optional.empty();
        }
        ArrayNode entities = JSON.createArrayNode();
        Map<AssetName, ObjectNode> references = new LinkedHashMap<>();
        for (List<EventDataset> side : List.of(event.inputs(), event.outputs())) {
            for (EventDataset dataset : side) {
                if (!references.containsKey(dataset.name())) {
                    references.put(dataset.name(), addDataset(entities, dataset));
                }
            }
        }
        entities.add(process(event, references));
        ObjectNode request = JSON.createObjectNode();
        request.set("entities", entities);
        request.putObject("referredEntities");
        return Optional.of(request);
    }

    /** The qualified name of an asset at {@code location} ({@code abfss://…} → {@code https://…dfs…}). */
    public String qualifiedName(AssetName name, Optional<String> location) {
        return location.flatMap(PurviewEntities::adlsUrl)
                .orElse("sluice://" + namespace + "/" + name.qualified());
    }

    static Optional<String> adlsUrl(String location) {
        Matcher m = ABFS.matcher(location);
        if (!m.matches()) {
            return Optional.empty();
        }
        String path = m.group(3) == null ? "" : m.group(3).replaceAll("/+$", "");
        return Optional.of("https://" + m.group(2).toLowerCase(Locale.ROOT) + "/" + m.group(1) + path);
    }

    private static String typeOf(Optional<String> location) {
        return location.flatMap(PurviewEntities::adlsUrl).isPresent() ? RESOURCE_SET : DATA_SET;
    }

    /** Adds the dataset (and its schema and columns) to {@code entities}; returns a reference to it. */
    private ObjectNode addDataset(ArrayNode entities, EventDataset dataset) {
        String qualifiedName = qualifiedName(dataset.name(), dataset.location());
        String type = typeOf(dataset.location());
        ObjectNode entity = entities.addObject().put("typeName", type);
        ObjectNode attributes = entity.putObject("attributes")
                .put("qualifiedName", qualifiedName)
                .put("name", dataset.name().qualified());
        Optional<RegisteredAsset> registered = assets.apply(dataset.name());
        registered.flatMap(r -> r.asset().description()).ifPresent(d -> attributes.put("description", d));
        registered.flatMap(r -> r.asset().owner()).ifPresent(o -> attributes.put("owner", o));
        if (!dataset.columns().isEmpty()) {
            String schemaName = qualifiedName + "#__tabularSchema";
            ObjectNode schemaReference = reference(TABULAR_SCHEMA, schemaName);
            entity.putObject("relationshipAttributes").set("tabular_schema", schemaReference);
            ObjectNode schema = entities.addObject().put("typeName", TABULAR_SCHEMA);
            schema.putObject("attributes").put("qualifiedName", schemaName).put("name", dataset.name().qualified());
            ArrayNode columns = schema.putObject("relationshipAttributes").putArray("columns");
            for (Column column : dataset.columns()) {
                String columnName = schemaName + "//" + column.name();
                ObjectNode columnAttributes = entities.addObject().put("typeName", COLUMN).putObject("attributes")
                        .put("qualifiedName", columnName)
                        .put("name", column.name())
                        .put("type", column.type());
                column.description().ifPresent(d -> columnAttributes.put("description", d));
                columns.add(reference(COLUMN, columnName));
            }
        }
        return reference(type, qualifiedName);
    }

    private ObjectNode process(OutboxEvent event, Map<AssetName, ObjectNode> references) {
        RunRecord run = event.run();
        String job = run.key().source() + "." + run.key().dataset();
        ObjectNode process = JSON.createObjectNode().put("typeName", PROCESS);
        ObjectNode attributes = process.putObject("attributes")
                .put("qualifiedName", "sluice://" + namespace + "/process/" + job)
                .put("name", job)
                .put("description", describe(event));
        ArrayNode inputs = attributes.putArray("inputs");
        event.inputs().forEach(d -> inputs.add(references.get(d.name()).deepCopy()));
        ArrayNode outputs = attributes.putArray("outputs");
        event.outputs().forEach(d -> outputs.add(references.get(d.name()).deepCopy()));
        return process;
    }

    /** What an analyst reads on the process: the last run and its outcome. */
    static String describe(OutboxEvent event) {
        RunRecord run = event.run();
        StringBuilder text = new StringBuilder("Sluice ingestion of ").append(run.key().source()).append('.')
                .append(run.key().dataset()).append("; last run ").append(run.key().runId()).append(" (run date ")
                .append(run.runDate()).append("): ").append(run.status());
        run.ended().ifPresent(ended -> text.append(" at ").append(ended));
        if (event.type() == OutboxEvent.Type.COMPLETE) {
            RowCounts rows = run.rows();
            text.append(", rows raw ").append(rows.raw()).append(", valid ").append(rows.valid()).append(", error ")
                    .append(rows.error()).append(", refined ").append(rows.refined());
        }
        run.errorMessage().ifPresent(message -> text.append(": ").append(message));
        return text.toString();
    }

    private static ObjectNode reference(String type, String qualifiedName) {
        ObjectNode reference = JSON.createObjectNode().put("typeName", type);
        reference.putObject("uniqueAttributes").put("qualifiedName", qualifiedName);
        return reference;
    }
}
