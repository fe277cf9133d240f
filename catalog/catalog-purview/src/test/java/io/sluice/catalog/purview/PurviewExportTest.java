package io.sluice.catalog.purview;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.export.ExportFixtures;
import io.sluice.catalog.export.ExportFixtures.RecordingSleeper;
import io.sluice.catalog.export.ExportFixtures.TestClock;
import io.sluice.catalog.export.ExportReport;
import io.sluice.catalog.export.HttpRetry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The Purview exporter against a real catalog and a WireMock Purview that accepts only the documented request:
 * {@code POST /datamap/api/atlas/v2/entity/bulk?api-version=2023-09-01} with the service principal's bearer token
 * and exactly the expected entities (golden file {@code bulk-sales-r1.json}).
 */
class PurviewExportTest {
    static final String BULK = "/datamap/api/atlas/v2/entity/bulk";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    WireMockServer purview;
    final List<String> scopes = new ArrayList<>();
    final TokenCredential credential = context -> {
        scopes.addAll(context.getScopes());
        return Mono.just(new AccessToken("token-of-the-principal", OffsetDateTime.now().plusHours(1)));
    };
    final RecordingSleeper sleeper = new RecordingSleeper();
    final TestClock clock = new TestClock();

    @BeforeEach
    void start() {
        purview = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        purview.start();
    }

    @AfterEach
    void stop() {
        purview.stop();
    }

    static String golden(String name) throws IOException {
        try (InputStream in = PurviewExportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    PurviewSink sink(Catalog catalog, URI endpoint, Optional<String> collection) {
        return new PurviewSink("purview", endpoint, collection, new PurviewEntities("sluicelake", catalog::find),
                credential, new HttpRetry(4, Duration.ofSeconds(1), Duration.ofSeconds(60), sleeper, clock),
                Duration.ofSeconds(5));
    }

    /** Accepts only the documented request shape; anything else gets WireMock's 404 and fails the export. */
    void acceptDocumentedBulkRequests() {
        purview.stubFor(post(urlPathEqualTo(BULK))
                .withQueryParam("api-version", equalTo("2023-09-01"))
                .withHeader("Authorization", equalTo("Bearer token-of-the-principal"))
                .withHeader("Content-Type", equalTo("application/json"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"mutatedEntities\":{}}")));
    }

    List<JsonNode> received() throws IOException {
        List<JsonNode> bodies = new ArrayList<>();
        var events = new ArrayList<>(purview.getAllServeEvents());
        java.util.Collections.reverse(events);
        for (var event : events) {
            bodies.add(JSON.readTree(event.getRequest().getBodyAsString()));
        }
        return bodies;
    }

    @Test
    void aRunFollowedByAnExportSendsEntitiesAndLineageOnceInTheDocumentedShape() throws Exception {
        acceptDocumentedBulkRequests();
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);
            PurviewSink sink = sink(catalog, URI.create(purview.baseUrl()), Optional.empty());

            ExportReport first = ExportFixtures.exporter(catalog, sink, clock).drain();
            ExportReport second = ExportFixtures.exporter(catalog, sink, clock).drain();

            assertThat(first).isEqualTo(new ExportReport("purview", 6, 0, 0, Optional.empty()));
            assertThat(second.sent()).as("a second export sends nothing new").isZero();
        }
        // START events map to nothing: three requests, for the two ends of r1 and the failed r2
        List<JsonNode> bodies = received();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(0)).isEqualTo(JSON.readTree(golden("bulk-sales-r1.json")));
        purview.verify(1, postRequestedFor(urlPathEqualTo(BULK))
                .withRequestBody(equalToJson(golden("bulk-sales-r1.json"), false, false)));
        assertThat(scopes).containsOnly("https://purview.azure.net/.default");

        JsonNode refined = process(bodies.get(1));
        assertThat(refined.at("/attributes/qualifiedName").asText()).isEqualTo("sluice://sluicelake/process/default.sales_by_dealer");
        assertThat(refined.at("/attributes/inputs/0/uniqueAttributes/qualifiedName").asText())
                .isEqualTo("https://sluicelake.dfs.core.windows.net/lake/valid/dealer_dw/sales");
        assertThat(refined.at("/attributes/outputs/0/uniqueAttributes/qualifiedName").asText())
                .isEqualTo("https://sluicelake.dfs.core.windows.net/lake/refined/sales_by_dealer");

        JsonNode failed = process(bodies.get(2));
        assertThat(failed.at("/attributes/qualifiedName").asText()).as("every run updates the same process")
                .isEqualTo("sluice://sluicelake/process/dealer_dw.sales");
        assertThat(failed.at("/attributes/description").asText()).isEqualTo("Sluice ingestion of dealer_dw.sales;"
                + " last run r2 (run date 2026-11-23): FAILED at 2026-11-23T02:00:30Z: source unreachable: password=***");
        assertThat(bodies.toString()).doesNotContain("hunter2");
    }

    static JsonNode process(JsonNode body) {
        JsonNode entities = body.get("entities");
        JsonNode last = entities.get(entities.size() - 1);
        assertThat(last.get("typeName").asText()).isEqualTo("Process");
        return last;
    }

    @Test
    void aCollectionIsPassedAsTheDocumentedQueryParameter() throws Exception {
        purview.stubFor(post(urlPathEqualTo(BULK)).withQueryParam("api-version", equalTo("2023-09-01"))
                .withQueryParam("collectionId", equalTo("sales lake")).willReturn(aResponse().withStatus(200)));
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);
            PurviewSink sink = sink(catalog, URI.create(purview.baseUrl() + "/"), Optional.of("sales lake"));
            assertThat(ExportFixtures.exporter(catalog, sink, clock).drain().failed()).isZero();
        }
        assertThat(purview.getAllServeEvents()).hasSize(3);
    }

    @Test
    void throttledAnswersAreRetriedAfterTheWaitRetryAfterAsksFor() throws Exception {
        purview.stubFor(post(urlPathEqualTo(BULK)).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("busy"));
        purview.stubFor(post(urlPathEqualTo(BULK)).inScenario("throttled").whenScenarioStateIs("busy")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ms"));
        purview.stubFor(post(urlPathEqualTo(BULK)).inScenario("throttled").whenScenarioStateIs("ms")
                .willReturn(aResponse().withStatus(429).withHeader("retry-after-ms", "250")).willSetStateTo("ok"));
        purview.stubFor(post(urlPathEqualTo(BULK)).inScenario("throttled").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);
            ExportReport report = ExportFixtures.exporter(catalog, sink(catalog, URI.create(purview.baseUrl()),
                    Optional.empty()), clock).drain();

            assertThat(report.failed()).isZero();
            assertThat(report.sent()).isEqualTo(6);
        }
        // 7 s asked by Retry-After, then the back-off (doubled once), then 250 ms asked by retry-after-ms
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2), Duration.ofMillis(250));
        assertThat(purview.getAllServeEvents()).hasSize(4 + 2);
    }

    @Test
    void aWaitLongerThanTheLimitIsLeftToALaterExportInsteadOfHoldingItUp() throws Exception {
        purview.stubFor(post(urlPathEqualTo(BULK)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")
                .withBody("{\"error\":{\"code\":\"TooManyRequests\"}}")));
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);
            ExportReport report = ExportFixtures.exporter(catalog, sink(catalog, URI.create(purview.baseUrl()),
                    Optional.empty()), clock).drain();

            assertThat(report.sent()).as("the START before it").isEqualTo(1);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.problem().orElseThrow()).contains("IOException: Purview localhost answered HTTP 429 to the"
                    + " entity bulk request: {\"error\":{\"code\":\"TooManyRequests\"}}; retried after 2026-11-22T02:00:30Z");
        }
        assertThat(sleeper.waits).isEmpty();
        assertThat(purview.getAllServeEvents()).hasSize(1);
    }

    @Test
    void anEndpointThatIsDownNeverFailsTheExportAndGetsEveryEventOnceWhenItIsBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        purview.stop();
        purview = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(port));
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);
            PurviewSink sink = sink(catalog, URI.create("http://127.0.0.1:" + port), Optional.empty());

            ExportReport down = ExportFixtures.exporter(catalog, sink, clock).drain();

            assertThat(down.failed()).isEqualTo(1);
            assertThat(down.problem().orElseThrow()).contains("ConnectException");
            assertThat(down.pending()).isEqualTo(5);

            purview.start();
            acceptDocumentedBulkRequests();
            clock.advance(Duration.ofSeconds(30));
            ExportReport back = ExportFixtures.exporter(catalog, sink, clock).drain();
            assertThat(back).isEqualTo(new ExportReport("purview", 5, 0, 0, Optional.empty()));
        }
        assertThat(received()).hasSize(3);
        assertThat(received().get(0)).isEqualTo(JSON.readTree(golden("bulk-sales-r1.json")));
    }
}
