package io.sluice.catalog.unity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.RowCounts;
import io.sluice.catalog.RunFinish;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunStart;
import io.sluice.catalog.Zone;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Unity Catalog exporter against a real catalog and a WireMock Unity Catalog that accepts only the documented
 * requests (paths under {@code /api/2.1/unity-catalog}, the bearer token, and exactly the expected table bodies:
 * golden files {@code create-*.json}).
 */
class UnityExportTest {
    static final String TABLES = "/api/2.1/unity-catalog/tables";
    static final String VALID = TABLES + "/lake.sluice.valid__dealer_dw__sales";
    static final String ERROR = TABLES + "/lake.sluice.error__dealer_dw__sales";
    static final String REFINED = TABLES + "/lake.sluice.refined__default__sales_by_dealer";
    static final String AUTH = "Bearer dapi-test-token";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    WireMockServer unity;
    final RecordingSleeper sleeper = new RecordingSleeper();
    final TestClock clock = new TestClock();

    @BeforeEach
    void start() {
        unity = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        unity.start();
    }

    @AfterEach
    void stop() {
        unity.stop();
    }

    static String golden(String name) throws IOException {
        try (InputStream in = UnityExportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The table as the server answers it: the created body plus the server's own fields. */
    static String asStored(String golden, String owner) throws IOException {
        ObjectNode table = (ObjectNode) JSON.readTree(golden(golden));
        return table.put("owner", owner).put("table_id", "3f9c…").put("created_at", 1_764_000_000_000L).toString();
    }

    UnitySink sink(Catalog catalog, URI endpoint) {
        return new UnitySink("unity-catalog", endpoint, new UnityTables("lake", "sluice"), catalog::find,
                "dapi-test-token", new HttpRetry(4, Duration.ofSeconds(1), Duration.ofSeconds(60), sleeper, clock),
                Duration.ofSeconds(5));
    }

    ExportReport drain(Catalog catalog) {
        return ExportFixtures.exporter(catalog, sink(catalog, URI.create(unity.baseUrl())), clock).drain();
    }

    /** A new Unity Catalog: every table is unknown, creating one answers the stored table, owners can change. */
    void emptyServer() throws IOException {
        unity.stubFor(get(urlPathMatching(TABLES + "/.*")).withHeader("Authorization", equalTo(AUTH))
                .willReturn(aResponse().withStatus(404).withBody("{\"error_code\":\"TABLE_DOES_NOT_EXIST\"}")));
        for (String table : List.of("create-valid.json", "create-error.json", "create-refined.json")) {
            unity.stubFor(post(urlPathEqualTo(TABLES)).withHeader("Authorization", equalTo(AUTH))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalToJson(golden(table), false, false))
                    .willReturn(aResponse().withStatus(200).withBody(asStored(table, "sluice-principal"))));
        }
        for (String path : List.of(VALID, ERROR)) {
            unity.stubFor(patch(urlPathEqualTo(path)).withHeader("Authorization", equalTo(AUTH))
                    .withRequestBody(equalToJson("{\"owner\": \"sales-team@example.com\"}", false, false))
                    .willReturn(aResponse().withStatus(200).withBody("{}")));
        }
    }

    @Test
    void aRunFollowedByAnExportRegistersValidErrorAndRefinedTablesOnce() throws Exception {
        emptyServer();
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);

            ExportReport first = drain(catalog);
            ExportReport second = drain(catalog);

            assertThat(first).isEqualTo(new ExportReport("unity-catalog", 6, 0, 0, Optional.empty()));
            assertThat(second.sent()).as("a second export sends nothing new").isZero();
        }
        for (String table : List.of("create-valid.json", "create-error.json", "create-refined.json")) {
            unity.verify(1, postRequestedFor(urlPathEqualTo(TABLES)).withRequestBody(equalToJson(golden(table), false, false)));
        }
        unity.verify(3, getRequestedFor(urlPathMatching(TABLES + "/.*")));
        for (String path : List.of(VALID, ERROR)) {
            unity.verify(1, patchRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", equalTo(AUTH))
                    .withRequestBody(equalToJson("{\"owner\": \"sales-team@example.com\"}", false, false)));
        }
        unity.verify(0, patchRequestedFor(urlPathEqualTo(REFINED)));
        unity.verify(0, deleteRequestedFor(urlPathMatching(".*")));
        unity.verify(3 + 3 + 2, anyRequestedFor(urlPathMatching(".*")));
    }

    /** A later run of the dataset (r3), after its schema was registered again. */
    static void nextRun(Catalog catalog, boolean withDiscount) {
        ExportFixtures.register(catalog, withDiscount);
        RunKey r3 = new RunKey("r3", "dealer_dw", "sales");
        catalog.startRun(new RunStart(r3, LocalDate.parse("2026-11-24"), ExportFixtures.T0.plusSeconds(2 * 86_400)));
        catalog.recordLineage(List.of(LineageEdge.of(ExportFixtures.SALES.in(Zone.RAW), ExportFixtures.SALES, "r3"),
                LineageEdge.of(ExportFixtures.SALES.in(Zone.RAW), ExportFixtures.SALES.in(Zone.ERROR), "r3")));
        catalog.finishRun(RunFinish.succeeded(r3, ExportFixtures.T0.plusSeconds(2 * 86_400 + 9), RowCounts.ingested(5, 5, 0)));
    }

    /** A Unity Catalog holding the tables as the first export left them. */
    void serverWithTables() throws IOException {
        unity.stubFor(get(urlPathEqualTo(VALID)).willReturn(aResponse().withStatus(200)
                .withBody(asStored("create-valid.json", "sales-team@example.com"))));
        unity.stubFor(get(urlPathEqualTo(ERROR)).willReturn(aResponse().withStatus(200)
                .withBody(asStored("create-error.json", "sales-team@example.com"))));
        unity.stubFor(get(urlPathEqualTo(REFINED)).willReturn(aResponse().withStatus(200)
                .withBody(asStored("create-refined.json", "sluice-principal"))));
    }

    @Test
    void tablesThatDidNotChangeAreLeftAlone() throws Exception {
        serverWithTables();
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);
            nextRun(catalog, false);

            assertThat(drain(catalog).sent()).isEqualTo(8);
        }
        unity.verify(3 + 2, getRequestedFor(urlPathMatching(TABLES + "/.*")));
        unity.verify(3 + 2, anyRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aSchemaChangeReplacesTheTableDefinitionAndKeepsItsData() throws Exception {
        serverWithTables();
        unity.stubFor(delete(urlPathEqualTo(VALID)).withHeader("Authorization", equalTo(AUTH))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        unity.stubFor(post(urlPathEqualTo(TABLES)).withHeader("Authorization", equalTo(AUTH))
                .willReturn(aResponse().withStatus(200).withBody(asStored("create-valid.json", "sales-team@example.com"))));
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);
            assertThat(drain(catalog).failed()).isZero();
            unity.resetRequests();
            nextRun(catalog, true);

            assertThat(drain(catalog)).isEqualTo(new ExportReport("unity-catalog", 2, 0, 0, Optional.empty()));
        }
        // r3's COMPLETE: the valid table changed (discount), the error table did not
        unity.verify(1, deleteRequestedFor(urlPathEqualTo(VALID)));
        unity.verify(1, postRequestedFor(urlPathEqualTo(TABLES)));
        JsonNode created = JSON.readTree(unity.findAll(postRequestedFor(urlPathEqualTo(TABLES))).get(0).getBodyAsString());
        List<String> columns = new ArrayList<>();
        created.get("columns").forEach(c -> columns.add(c.get("position").asInt() + " " + c.get("name").asText()
                + " " + c.get("type_text").asText() + " " + c.path("comment").asText("-")));
        assertThat(columns).containsExactly("0 sale_id bigint Sale number", "1 email string Buyer e-mail",
                "2 amount decimal(12,2) -", "3 discount double Share taken off", "4 _run_id string -");
        assertThat(created.get("storage_location").asText()).isEqualTo(ExportFixtures.LAKE + "/valid/dealer_dw/sales");
        unity.verify(0, patchRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void throttledAnswersAreRetriedAfterTheWaitRetryAfterAsksFor() throws Exception {
        emptyServer();
        unity.stubFor(get(urlPathEqualTo(VALID)).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")).willSetStateTo("busy"));
        unity.stubFor(get(urlPathEqualTo(VALID)).inScenario("throttled").whenScenarioStateIs("busy")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        unity.stubFor(get(urlPathEqualTo(VALID)).inScenario("throttled").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(404)));
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);
            assertThat(drain(catalog)).isEqualTo(new ExportReport("unity-catalog", 6, 0, 0, Optional.empty()));
        }
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(2));
        unity.verify(3, getRequestedFor(urlPathEqualTo(VALID)));
    }

    @Test
    void aServerThatCannotChangeOwnersKeepsTheirsAndTheEventStillCounts() throws Exception {
        emptyServer();
        unity.stubFor(patch(urlPathMatching(TABLES + "/.*")).willReturn(aResponse().withStatus(405)));
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);
            assertThat(drain(catalog).failed()).isZero();
        }
        unity.verify(2, patchRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void anUnexpectedAnswerFailsTheEventWithWhatTheServerSaid() throws Exception {
        unity.stubFor(any(urlPathMatching(".*")).willReturn(aResponse().withStatus(403)
                .withBody("{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"User does not have USE CATALOG on lake\"}")));
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);
            ExportReport report = drain(catalog);
            assertThat(report.sent()).isEqualTo(1);
            assertThat(report.problem().orElseThrow()).contains("IOException: Unity Catalog localhost answered HTTP 403 to"
                    + " GET of table lake.sluice.valid__dealer_dw__sales: {\"error_code\":\"PERMISSION_DENIED\",\"message\":"
                    + "\"User does not have USE CATALOG on lake\"}; retried after 2026-11-22T02:00:30Z");
        }
    }

    @Test
    void anEndpointThatIsDownNeverFailsTheExportAndGetsTheTablesWhenItIsBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        unity.stop();
        unity = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(port));
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            ExportFixtures.fill(catalog);
            UnitySink sink = sink(catalog, URI.create("http://127.0.0.1:" + port));

            ExportReport down = ExportFixtures.exporter(catalog, sink, clock).drain();
            assertThat(down.failed()).isEqualTo(1);
            assertThat(down.problem().orElseThrow()).contains("ConnectException");

            unity.start();
            emptyServer();
            clock.advance(Duration.ofSeconds(30));
            assertThat(ExportFixtures.exporter(catalog, sink, clock).drain())
                    .isEqualTo(new ExportReport("unity-catalog", 5, 0, 0, Optional.empty()));
        }
        unity.verify(3, postRequestedFor(urlPathEqualTo(TABLES)));
    }
}
