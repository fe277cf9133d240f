package io.sluice.catalog.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.ColumnEdge;
import io.sluice.catalog.OutboxEvent;
import io.sluice.catalog.RunKey;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenLineageEventsTest {
    static final OpenLineageEvents EVENTS = new OpenLineageEvents("sluice://example-lake");

    @TempDir
    Path dir;

    static Schema runEventSchema() throws Exception {
        try (InputStream in = OpenLineageEventsTest.class.getResourceAsStream("run-event.schema.json")) {
            return SchemaLoader.builder().draftV7Support().schemaJson(new JSONObject(new JSONTokener(in)))
                    .build().load().build();
        }
    }

    @Test
    void startCompleteAndFailEventsFollowTheOpenLineageSchema() throws Exception {
        List<OutboxEvent> events;
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            Runs.fill(catalog);
            events = catalog.claimEvents("t", Instant.EPOCH, Duration.ofMinutes(1), 10);
        }
        Schema schema = runEventSchema();

        for (OutboxEvent event : events) {
            schema.validate(new JSONObject(EVENTS.toJson(event)));
        }
        JSONObject start = new JSONObject(EVENTS.toJson(events.get(0)));
        JSONObject complete = new JSONObject(EVENTS.toJson(events.get(1)));
        JSONObject fail = new JSONObject(EVENTS.toJson(events.get(3)));
        assertThat(List.of(start.getString("eventType"), complete.getString("eventType"), fail.getString("eventType")))
                .containsExactly("START", "COMPLETE", "FAIL");
        assertThat(start.getJSONObject("run").getString("runId"))
                .isEqualTo(complete.getJSONObject("run").getString("runId"))
                .isEqualTo(OpenLineageEvents.runId(new RunKey("r1", "dealer_dw", "sales")).toString());
        assertThat(complete.getJSONObject("job").getString("name")).isEqualTo("dealer_dw.sales");
        assertThat(complete.getJSONObject("job").getString("namespace")).isEqualTo("sluice://example-lake");
        assertThat(complete.getJSONArray("inputs").getJSONObject(0).getString("name")).isEqualTo("source.dealer_dw.sales");
        JSONObject valid = complete.getJSONArray("outputs").getJSONObject(1);
        assertThat(valid.getString("name")).isEqualTo("valid.dealer_dw.sales");
        assertThat(valid.getJSONObject("facets").getJSONObject("schema").getJSONArray("fields").getJSONObject(1)
                .toMap()).containsEntry("name", "email").containsEntry("type", "string")
                .containsEntry("description", "Buyer e-mail");
        assertThat(valid.getJSONObject("outputFacets").getJSONObject("outputStatistics").getLong("rowCount"))
                .isEqualTo(9);
        assertThat(complete.getString("eventTime")).startsWith("2026-11-22T02:00:09");
        assertThat(fail.getJSONObject("run").getJSONObject("facets").getJSONObject("errorMessage")
                .getString("message")).isEqualTo("source unreachable: password=***");
    }

    @Test
    void anOutputWithColumnLineageCarriesTheColumnLineageFacet() throws Exception {
        AssetName valid = AssetName.parse("valid.dealer_dw.sales");
        AssetName source = AssetName.parse("source.dealer_dw.sales");
        OutboxEvent complete;
        String json;
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            Runs.fill(catalog);
            catalog.recordColumnLineage(valid, List.of(new ColumnEdge(source, "EMAIL", valid, "email"),
                    new ColumnEdge(source, "FIRST", valid, "name"), new ColumnEdge(source, "LAST", valid, "name")));
            complete = catalog.claimEvents("t", Instant.EPOCH, Duration.ofMinutes(1), 10).get(1);
            json = new OpenLineageEvents("sluice://example-lake", catalog::columnLineage).toJson(complete);
        }

        runEventSchema().validate(new JSONObject(json));
        JSONObject fields = new JSONObject(json).getJSONArray("outputs").getJSONObject(1).getJSONObject("facets")
                .getJSONObject("columnLineage").getJSONObject("fields");
        assertThat(fields.keySet()).containsExactlyInAnyOrder("email", "name");
        assertThat(fields.getJSONObject("name").getJSONArray("inputFields").toList()).containsExactly(
                java.util.Map.of("namespace", "sluice://example-lake", "name", "source.dealer_dw.sales", "field", "FIRST"),
                java.util.Map.of("namespace", "sluice://example-lake", "name", "source.dealer_dw.sales", "field", "LAST"));
        assertThat(new JSONObject(json).getJSONArray("outputs").getJSONObject(1).getJSONObject("facets")
                .getJSONObject("schema").getJSONArray("fields").length()).as("the schema facet stays").isPositive();
        assertThat(new JSONObject(EVENTS.toJson(complete)).getJSONArray("outputs").getJSONObject(1)
                .getJSONObject("facets").has("columnLineage")).as("without a lookup, no facet").isFalse();
    }

    @Test
    void theSchemaRefusesAnEventWithoutProducerOrWithABadType() throws Exception {
        List<OutboxEvent> events;
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            Runs.fill(catalog);
            events = catalog.claimEvents("t", Instant.EPOCH, Duration.ofMinutes(1), 1);
        }
        JSONObject event = new JSONObject(EVENTS.toJson(events.get(0)));
        event.remove("producer");
        event.put("eventType", "STARTED");

        assertThatThrownBy(() -> runEventSchema().validate(event))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).getAllMessages()).containsExactlyInAnyOrder(
                        "#: required key [producer] not found",
                        "#/eventType: STARTED is not a valid enum value"));
    }

    @Test
    void aBlankNamespaceIsRefusedAsABadArgument() {
        assertThatThrownBy(() -> new OpenLineageEvents(" "))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("CATALOG_BAD_ARGUMENT");
                    assertThat(e.category()).isEqualTo(ErrorCategory.USER);
                })
                .hasMessage("the OpenLineage namespace must not be blank; give --namespace a name, e.g. sluice");
    }
}
