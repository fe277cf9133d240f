package io.sluice.catalog.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.export.ExportReport;
import io.sluice.catalog.export.ExportSink;
import io.sluice.catalog.export.Exporter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter against a real catalog, a real file and a real HTTP stub (WireMock). */
class ExporterTest {
    @TempDir
    Path dir;

    /** A clock the test moves forward: retries are due only after their delay. */
    static final class TestClock extends Clock {
        private Instant now = Runs.T0;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static Exporter exporter(Catalog catalog, ExportSink sink, Clock clock) {
        return new Exporter(catalog, sink, clock, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1));
    }

    @Test
    void anEndpointThatIsDownGetsEveryEventExactlyOnceWhenItIsBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        WireMockServer endpoint = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(port));
        TestClock clock = new TestClock();
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            Runs.fill(catalog);
            OpenLineageHttpSink sink = new OpenLineageHttpSink(URI.create("http://127.0.0.1:" + port + "/api/v1/lineage"),
                    OpenLineageEventsTest.EVENTS);

            ExportReport down = exporter(catalog, sink, clock).drain();
            assertThat(down.sent()).isZero();
            assertThat(down.failed()).isEqualTo(1);
            assertThat(down.pending()).isEqualTo(4);
            assertThat(down.problem().orElseThrow()).startsWith("export to openlineage-http failed for outbox event 1"
                    + " (START of dealer_dw.sales run r1): ConnectException").endsWith("retried after 2026-11-22T02:00:30Z");

            endpoint.start();
            endpoint.stubFor(WireMock.post("/api/v1/lineage").willReturn(WireMock.aResponse().withStatus(201)));
            assertThat(exporter(catalog, sink, clock).drain().sent()).as("not due yet").isZero();
            assertThat(endpoint.getAllServeEvents()).isEmpty();
            clock.advance(Duration.ofSeconds(30));
            ExportReport back = exporter(catalog, sink, clock).drain();
            ExportReport again = exporter(catalog, sink, clock).drain();

            assertThat(back).isEqualTo(new ExportReport("openlineage-http", 4, 0, 0, Optional.empty()));
            assertThat(again.sent()).isZero();
            List<String> received = new ArrayList<>();
            List<ServeEvent> served = new ArrayList<>(endpoint.getAllServeEvents());
            java.util.Collections.reverse(served);
            for (ServeEvent event : served) {
                JSONObject json = new JSONObject(event.getRequest().getBodyAsString());
                OpenLineageEventsTest.runEventSchema().validate(json);
                received.add(json.getString("eventType") + " " + json.getJSONObject("run").getString("runId"));
            }
            String r1 = OpenLineageEvents.runId(new io.sluice.catalog.RunKey("r1", "dealer_dw", "sales")).toString();
            String r2 = OpenLineageEvents.runId(new io.sluice.catalog.RunKey("r2", "dealer_dw", "sales")).toString();
            assertThat(received).containsExactly("START " + r1, "COMPLETE " + r1, "START " + r2, "FAIL " + r2);
        } finally {
            endpoint.stop();
        }
    }

    @Test
    void anEndpointAnsweringErrorsIsRetriedWithGrowingDelays() throws Exception {
        WireMockServer endpoint = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        endpoint.start();
        TestClock clock = new TestClock();
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            Runs.fill(catalog);
            endpoint.stubFor(WireMock.post("/lineage").willReturn(WireMock.aResponse().withStatus(503).withBody("busy")));
            OpenLineageHttpSink sink = new OpenLineageHttpSink(URI.create(endpoint.baseUrl() + "/lineage"),
                    OpenLineageEventsTest.EVENTS);

            ExportReport first = exporter(catalog, sink, clock).drain();
            clock.advance(Duration.ofSeconds(30));
            ExportReport second = exporter(catalog, sink, clock).drain();

            assertThat(first.problem().orElseThrow()).contains("IOException: OpenLineage endpoint " + endpoint.baseUrl()
                    + "/lineage answered HTTP 503: busy; retried after 2026-11-22T02:00:30Z");
            assertThat(second.problem().orElseThrow()).endsWith("retried after 2026-11-22T02:01:30Z");
            assertThat(endpoint.getAllServeEvents()).hasSize(2);
        } finally {
            endpoint.stop();
        }
    }

    @Test
    void aFileGetsOneJsonLinePerEventAndNothingTwice() throws Exception {
        Path file = dir.resolve("out/openlineage.jsonl");
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir))) {
            Runs.fill(catalog);
            OpenLineageFileSink sink = new OpenLineageFileSink(file, OpenLineageEventsTest.EVENTS);
            assertThat(Exporter.of(catalog, sink).drain().sent()).isEqualTo(4);
            assertThat(Exporter.of(catalog, sink).drain().sent()).isZero();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            OpenLineageEventsTest.runEventSchema().validate(new JSONObject(line));
        }
    }

    @Test
    void aBrokenSinkOrCatalogNeverThrows() {
        Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir));
        Runs.fill(catalog);
        ExportSink broken = new ExportSink() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public void send(io.sluice.catalog.OutboxEvent event) {
                throw new IllegalStateException("bug in sink");
            }
        };
        assertThat(Exporter.of(catalog, broken).drain().failed()).isEqualTo(1);
        catalog.close();

        ExportReport closed = Exporter.of(catalog, broken).drain();

        assertThat(closed.sent()).isZero();
        assertThat(closed.pending()).isEqualTo(-1);
        assertThat(closed.problem()).isPresent();
    }
}
