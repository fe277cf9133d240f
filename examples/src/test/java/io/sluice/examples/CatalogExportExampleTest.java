package io.sluice.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.export.ExportReport;
import io.sluice.catalog.export.Exporter;
import io.sluice.catalog.purview.PurviewEntities;
import io.sluice.catalog.purview.PurviewSink;
import io.sluice.cli.Main;
import io.sluice.testing.ProjectCopies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * A real run of the example lake followed by exports to Unity Catalog (through the command line) and to Purview
 * (through the API: its token comes from Entra ID, which a test cannot reach), each against a WireMock server:
 * the run's tables, entities and lineage arrive once, and a second export sends nothing.
 */
class CatalogExportExampleTest {
    private static final Path EXAMPLE = Path.of("retail").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String[] sluice(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void aRunFollowedByExportsRegistersItsTablesAndLineageOnce(@TempDir Path dir) throws Exception {
        Path project = ProjectCopies.withoutLake(EXAMPLE, dir.resolve("retail"));
        String[] run = sluice(List.of("run", "--project", project.toString(), "--source", "dealer_files",
                "--run-date", "2026-11-22"));
        assertThat(run[0]).as(run[1] + run[2]).isEqualTo("0");

        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        try {
            server.stubFor(get(urlPathMatching("/api/2.1/unity-catalog/tables/.*")).willReturn(aResponse().withStatus(404)));
            server.stubFor(post(urlPathEqualTo("/api/2.1/unity-catalog/tables"))
                    .withHeader("Authorization", matching("Bearer .+"))
                    .willReturn(aResponse().withStatus(200).withBody("{\"owner\":\"sluice-principal\"}")));
            server.stubFor(patch(urlPathMatching("/api/2.1/unity-catalog/tables/.*")).willReturn(aResponse().withStatus(200)));
            // any variable that is set stands in for the token: the server checks that one is sent
            List<String> export = List.of("catalog", "export", "--unity", server.baseUrl(), "--unity-catalog", "lake",
                    "--unity-schema", "retail", "--unity-token", "${env:PATH}", "--project", project.toString());

            String[] first = sluice(export);
            String[] second = sluice(export);

            assertThat(first[0]).as(first[1] + first[2]).isEqualTo("0");
            assertThat(first[1]).startsWith("sent ").endsWith("0 failed, 0 pending\n");
            assertThat(second[1]).startsWith("sent 0 event(s), 0 failed, 0 pending");
            TreeMap<String, JsonNode> created = new TreeMap<>();
            for (LoggedRequest request : server.findAll(postRequestedFor(urlPathEqualTo("/api/2.1/unity-catalog/tables")))) {
                JsonNode table = JSON.readTree(request.getBodyAsString());
                created.put(table.get("name").asText(), table);
            }
            assertThat(created.keySet()).containsExactly("error__dealer_files__inventory", "error__dealer_files__stores",
                    "error__dealer_files__web_events", "refined__default__stock_by_region", "valid__dealer_files__inventory",
                    "valid__dealer_files__stores", "valid__dealer_files__web_events");
            assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/api/2.1/unity-catalog/tables")))).hasSize(7);
            JsonNode inventory = created.get("valid__dealer_files__inventory");
            assertThat(inventory.get("table_type").asText()).isEqualTo("EXTERNAL");
            assertThat(inventory.get("data_source_format").asText()).isEqualTo("DELTA");
            assertThat(Path.of(inventory.get("storage_location").asText().replaceFirst("^file:", "")))
                    .isEqualTo(project.resolve("lake/valid/dealer_files/inventory"));
            List<String> vin = new ArrayList<>();
            inventory.get("columns").forEach(c -> {
                if (c.get("name").asText().equals("vin")) {
                    vin.add(c.get("type_name").asText() + " " + c.get("comment").asText());
                }
            });
            assertThat(vin).containsExactly("STRING Vehicle identification number");
            server.resetRequests();

            server.stubFor(post(urlPathEqualTo("/datamap/api/atlas/v2/entity/bulk")).withQueryParam("api-version", equalTo("2023-09-01"))
                    .withHeader("Authorization", equalTo("Bearer purview-token")).willReturn(aResponse().withStatus(200)));
            try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(project.resolve("lake")))) {
                PurviewSink purview = PurviewSink.of(URI.create(server.baseUrl()), Optional.empty(),
                        new PurviewEntities("retail", catalog::find),
                        context -> Mono.just(new AccessToken("purview-token", OffsetDateTime.now().plusHours(1))));
                ExportReport sent = Exporter.of(catalog, purview).drain();
                assertThat(sent.failed()).isZero();
                assertThat(sent.pending()).isZero();
                assertThat(Exporter.of(catalog, purview).drain().sent()).isZero();
            }
            TreeMap<String, String> processes = new TreeMap<>();
            for (LoggedRequest request : server.findAll(postRequestedFor(urlPathEqualTo("/datamap/api/atlas/v2/entity/bulk")))) {
                for (JsonNode entity : JSON.readTree(request.getBodyAsString()).get("entities")) {
                    if (entity.get("typeName").asText().equals("Process")) {
                        List<String> ends = new ArrayList<>();
                        entity.at("/attributes/inputs").forEach(i -> ends.add(i.at("/uniqueAttributes/qualifiedName").asText()));
                        ends.add("->");
                        entity.at("/attributes/outputs").forEach(o -> ends.add(o.at("/uniqueAttributes/qualifiedName").asText()));
                        processes.put(entity.at("/attributes/name").asText(), String.join(" ", ends));
                    }
                }
            }
            assertThat(processes).containsEntry("dealer_files.inventory", "sluice://retail/source.dealer_files.inventory ->"
                    + " sluice://retail/raw.dealer_files.inventory sluice://retail/valid.dealer_files.inventory"
                    + " sluice://retail/error.dealer_files.inventory");
            assertThat(processes.get("default.stock_by_region")).contains("sluice://retail/valid.dealer_files.inventory",
                    "-> sluice://retail/refined.default.stock_by_region");
            assertThat(processes).hasSize(4);
            server.verify(4, anyRequestedFor(urlPathEqualTo("/datamap/api/atlas/v2/entity/bulk")));
        } finally {
            server.stop();
        }
    }
}
