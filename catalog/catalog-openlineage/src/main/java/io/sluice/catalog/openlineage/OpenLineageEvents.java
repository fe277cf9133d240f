package io.sluice.catalog.openlineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.CatalogErrors;
import io.sluice.catalog.ColumnEdge;
import io.sluice.catalog.Column;
import io.sluice.catalog.OutboxEvent;
import io.sluice.catalog.OutboxEvent.EventDataset;
import io.sluice.catalog.RowCounts;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns the catalog's outbox events into OpenLineage run events ({@code io.openlineage:openlineage-java}): one job
 * per dataset ({@code <source>.<dataset>} in the configured namespace), one OpenLineage run per Sluice run of it,
 * datasets named by their catalog names with their schema facet, row counts as output statistics of a complete
 * run, and the error message of a failed one.
 */
public final class OpenLineageEvents {
    /** Identifies Sluice as the producer of the events. */
    public static final URI PRODUCER = URI.create("urn:sluice:catalog-openlineage");

    private final OpenLineage openLineage;
    private final String namespace;
    private final Function<AssetName, List<ColumnEdge>> columnLineage;

    /**
     * @param namespace the OpenLineage namespace of Sluice's jobs and datasets, e.g. the lake's name or URI
     */
    public OpenLineageEvents(String namespace) {
        this(PRODUCER, namespace);
    }

    public OpenLineageEvents(URI producer, String namespace) {
        this(producer, namespace, name -> List.of());
    }

    /**
     * @param columnLineage the column edges of an asset ({@link io.sluice.catalog.Catalog#columnLineage}): an
     *                      output's edges into it become its {@code columnLineage} facet. They are read when the
     *                      event is sent, not snapshot when it was enqueued: a refined table's column lineage
     *                      changes only with its SQL
     */
    public OpenLineageEvents(String namespace, Function<AssetName, List<ColumnEdge>> columnLineage) {
        this(PRODUCER, namespace, columnLineage);
    }

    private OpenLineageEvents(URI producer, String namespace, Function<AssetName, List<ColumnEdge>> columnLineage) {
        this.columnLineage = Objects.requireNonNull(columnLineage, "columnLineage");
        this.openLineage = new OpenLineage(Objects.requireNonNull(producer, "producer"));
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        if (namespace.isBlank()) {
            throw CatalogErrors.blankNamespace();
        }
    }

    /**
     * The OpenLineage run id of a Sluice run of one dataset: the same for its START and its end, whichever
     * process sends them, because it is derived from the run key.
     */
    public static UUID runId(RunKey key) {
        return UUID.nameUUIDFromBytes(("sluice-run:" + key.runId() + ":" + key.source() + "." + key.dataset())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The OpenLineage event of {@code event}. */
    public OpenLineage.RunEvent toRunEvent(OutboxEvent event) {
        RunKey key = event.run().key();
        OpenLineage.RunFacetsBuilder runFacets = openLineage.newRunFacetsBuilder()
                .nominalTime(openLineage.newNominalTimeRunFacetBuilder()
                        .nominalStartTime(event.run().runDate().atStartOfDay(ZoneOffset.UTC)).build());
        if (event.type() == OutboxEvent.Type.FAIL && event.run().status() == RunStatus.FAILED) {
            runFacets.errorMessage(openLineage.newErrorMessageRunFacetBuilder()
                    .message(event.run().errorMessage().orElse("failed")).programmingLanguage("Java").build());
        }
        return openLineage.newRunEventBuilder()
                .eventType(switch (event.type()) {
                    case START -> OpenLineage.RunEvent.EventType.START;
                    case COMPLETE -> OpenLineage.RunEvent.EventType.COMPLETE;
                    case FAIL -> OpenLineage.RunEvent.EventType.FAIL;
                })
                .eventTime(ZonedDateTime.ofInstant(event.eventTime(), ZoneOffset.UTC))
                .run(openLineage.newRunBuilder().runId(runId(key)).facets(runFacets.build()).build())
                .job(openLineage.newJobBuilder().namespace(namespace).name(key.source() + "." + key.dataset()).build())
                .inputs(event.inputs().stream().map(d -> openLineage.newInputDatasetBuilder().namespace(namespace)
                        .name(d.name().qualified()).facets(facets(d)).build()).toList())
                .outputs(event.outputs().stream().map(d -> output(event, d)).toList())
                .build();
    }

    /** {@link #toRunEvent} as one line of JSON. */
    public String toJson(OutboxEvent event) {
        return OpenLineageClientUtils.toJson(toRunEvent(event));
    }

    private OpenLineage.OutputDataset output(OutboxEvent event, EventDataset dataset) {
        OpenLineage.OutputDatasetBuilder output = openLineage.newOutputDatasetBuilder().namespace(namespace)
                .name(dataset.name().qualified()).facets(outputFacets(dataset));
        if (event.type() == OutboxEvent.Type.COMPLETE) {
            RowCounts rows = event.run().rows();
            long count = switch (dataset.name().zone()) {
                case RAW -> rows.raw();
                case VALID -> rows.valid();
                case ERROR -> rows.error();
                case REFINED -> rows.refined();
                case SOURCE -> -1;
            };
            if (count >= 0) {
                output.outputFacets(openLineage.newOutputDatasetOutputFacetsBuilder().outputStatistics(
                        openLineage.newOutputStatisticsOutputDatasetFacetBuilder().rowCount(count).build()).build());
            }
        }
        return output.build();
    }

    /** The schema facet and, for an asset with column lineage, the {@code columnLineage} facet. */
    private OpenLineage.DatasetFacets outputFacets(EventDataset dataset) {
        List<ColumnEdge> into = columnLineage.apply(dataset.name()).stream()
                .filter(e -> e.to().equals(dataset.name())).toList();
        if (into.isEmpty()) {
            return facets(dataset);
        }
        Map<String, List<OpenLineage.InputField>> byColumn = new LinkedHashMap<>();
        for (ColumnEdge edge : into) {
            byColumn.computeIfAbsent(edge.toColumn(), c -> new ArrayList<>()).add(openLineage.newInputFieldBuilder()
                    .namespace(namespace).name(edge.from().qualified()).field(edge.fromColumn()).build());
        }
        OpenLineage.ColumnLineageDatasetFacetFieldsBuilder fields = openLineage.newColumnLineageDatasetFacetFieldsBuilder();
        byColumn.forEach((column, inputs) -> fields.put(column,
                openLineage.newColumnLineageDatasetFacetFieldsAdditionalBuilder().inputFields(inputs).build()));
        OpenLineage.DatasetFacetsBuilder facets = openLineage.newDatasetFacetsBuilder()
                .columnLineage(openLineage.newColumnLineageDatasetFacetBuilder().fields(fields.build()).build());
        if (!dataset.columns().isEmpty()) {
            facets.schema(openLineage.newSchemaDatasetFacetBuilder()
                    .fields(dataset.columns().stream().map(this::field).toList()).build());
        }
        return facets.build();
    }

    private OpenLineage.DatasetFacets facets(EventDataset dataset) {
        if (dataset.columns().isEmpty()) {
            return null;
        }
        List<OpenLineage.SchemaDatasetFacetFields> fields = dataset.columns().stream()
                .map(this::field).toList();
        return openLineage.newDatasetFacetsBuilder()
                .schema(openLineage.newSchemaDatasetFacetBuilder().fields(fields).build())
                .build();
    }

    private OpenLineage.SchemaDatasetFacetFields field(Column column) {
        return openLineage.newSchemaDatasetFacetFieldsBuilder().name(column.name()).type(column.type())
                .description(column.description().orElse(null)).build();
    }
}
