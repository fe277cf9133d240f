package io.sluice.catalog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.catalog.Asset;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.Column;
import io.sluice.catalog.ErrorReason;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.RowCounts;
import io.sluice.catalog.RunFinish;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunStart;
import io.sluice.catalog.Zone;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server against a real SQLite catalog, over real HTTP. */
class CatalogServerTest {
    private static final AssetName SALES = AssetName.parse("valid.dealer_dw.sales");

    @TempDir
    Path dir;

    private Catalog catalog;
    private CatalogServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void serve() {
        catalog = Catalogs.open(Catalogs.embeddedUrl(dir));
        catalog.register(Asset.builder(SALES, "/lake/valid/dealer_dw/sales", "delta")
                .column(Column.of("sale_id", "long", false))
                .column(new Column("email", "string", true, Optional.of("Buyer <contact>"), true))
                .owner("sales-data@example.com").tags(List.of("sales", "<b>bold</b>"))
                .description("Vehicle sales <script>alert('x')</script>").build());
        catalog.recordSample(SALES, List.of("sale_id", "email"), List.of(List.of("1", "ann@example.com"),
                List.of("<img src=x>", "bob@example.com")));
        RunKey key = new RunKey("r1", "dealer_dw", "sales");
        Instant t0 = Instant.parse("2026-11-22T02:00:00Z");
        catalog.startRun(new RunStart(key, LocalDate.parse("2026-11-22"), t0));
        catalog.finishRun(RunFinish.succeeded(key, t0.plusSeconds(5), RowCounts.ingested(10, 9, 1))
                .withTopErrors(List.of(new ErrorReason("price: min 0", 1))));
        catalog.recordLineage(List.of(LineageEdge.of(SALES.in(Zone.RAW), SALES, "r1")));
        server = CatalogServer.start(catalog, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Clock.fixed(t0.plus(Duration.ofMinutes(125)), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.close();
        catalog.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(server, path);
    }

    private HttpResponse<String> get(CatalogServer target, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(target.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bindsLoopbackByDefault() throws Exception {
        // the address `sluice catalog serve` binds without --bind, and the server's own port-only entry point
        try (CatalogServer serve = CatalogServer.start(catalog, new InetSocketAddress(CatalogServer.DEFAULT_BIND, 0));
             CatalogServer portOnly = CatalogServer.start(catalog, 0)) {
            for (CatalogServer byDefault : List.of(serve, portOnly)) {
                assertThat(byDefault.uri().getHost()).as("%s listens on the loopback address only", byDefault.uri())
                        .isEqualTo("127.0.0.1");
                assertThat(get(byDefault, "/api/runs?limit=1").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void apiSearchesAndShowsAssetsRunsAndLineage() throws Exception {
        HttpResponse<String> search = get("/api/search?q=vehicle");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(search.body()).startsWith("[{\"score\":").contains("\"name\":\"valid.dealer_dw.sales\"");

        assertThat(get("/api/assets/valid.dealer_dw.sales").body())
                .contains("{\"name\":\"email\",\"type\":\"string\",\"nullable\":true,"
                        + "\"description\":\"Buyer \\u003ccontact\\u003e\",\"pii\":true}");
        assertThat(get("/api/assets/valid.dealer_dw.sales/runs").body())
                .contains("\"rows\":{\"raw\":10,\"valid\":9,\"error\":1,\"refined\":0},\"errorRatio\":0.1,"
                        + "\"topErrors\":[{\"reason\":\"price: min 0\",\"count\":1}]");
        assertThat(get("/api/assets/valid.dealer_dw.sales/lineage").body()).isEqualTo("{\"upstream\":[{\"from\":"
                + "\"raw.dealer_dw.sales\",\"to\":\"valid.dealer_dw.sales\",\"runId\":\"r1\",\"sql\":null}],\"downstream\":[],\"columns\":[]}");
        assertThat(get("/api/runs?limit=1").body()).startsWith("[{\"runId\":\"r1\"");
        assertThat(get("/api/assets/valid.dealer_dw.sales/sample").body()).isEqualTo("{\"name\":\"valid.dealer_dw.sales\","
                + "\"recorded\":" + "\"" + catalog.sample(SALES).orElseThrow().recorded() + "\",\"columns\":[\"sale_id\","
                + "\"email\"],\"rows\":[[\"1\",\"***\"],[\"\\u003cimg src=x\\u003e\",\"***\"]]}");
        assertThat(get("/api/assets/raw.dealer_dw.sales/sample").statusCode()).isEqualTo(404);
    }

    @Test
    void apiErrorsAreJsonWithTheCatalogMessage() throws Exception {
        HttpResponse<String> missing = get("/api/assets/valid.dealer_dw.nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"CATALOG_NO_SUCH_ASSET\",\"message\":\"no asset"
                + " valid.dealer_dw.nothing in the catalog; search for it with 'sluice catalog search nothing'\"}");
        HttpResponse<String> bad = get("/api/assets/sales");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"error\":\"CATALOG_BAD_NAME\"");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/runs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void everyTextIsEscapedAndPiiIsMasked() throws Exception {
        String page = get("/assets/valid.dealer_dw.sales").body();

        assertThat(page).doesNotContain("<script", "<img", "<b>")
                .contains("<p id=\"description\">Vehicle sales &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>")
                .contains("<span class=\"tag\">&lt;b&gt;bold&lt;/b&gt;</span>")
                .contains("<th>email <span class=\"pii\">PII</span></th>")
                .contains("<tr><td>&lt;img src=x&gt;</td><td class=\"masked\">***</td></tr>")
                .doesNotContain("bob@example.com");
        assertThat(get("/?q=%3Cscript%3E").body()).contains("value=\"&lt;script&gt;\"").doesNotContain("<script");
    }

    @Test
    void pagesShowSearchSchemaWithPiiRunsAndLineage() throws Exception {
        assertThat(get("/?q=sales").body()).contains("<p id=\"hit-count\">1 result(s)</p>")
                .contains("<a href=\"/assets/valid.dealer_dw.sales\">valid.dealer_dw.sales</a>");
        String page = get("/assets/valid.dealer_dw.sales").body();
        assertThat(page).contains("<td>email</td><td>string</td><td>yes</td><td><span class=\"pii\">PII</span></td>"
                        + "<td>Buyer &lt;contact&gt;</td>")
                .contains("price: min 0 (1)")
                .contains("<a href=\"/assets/raw.dealer_dw.sales\">raw.dealer_dw.sales</a> → ")
                .contains("<pre id=\"query\">sluice sql &quot;SELECT * FROM valid.dealer_dw.sales LIMIT 10&quot;</pre>")
                .contains("<pre id=\"spark-query\">SELECT * FROM lake.valid.dealer_dw.sales</pre>")
                .contains("<dd id=\"freshness\">updated 2 h 4 min ago (run r1 of 2026-11-22, ended 2026-11-22T02:00:05Z)")
                .contains("<svg id=\"run-chart\"", "<svg id=\"lineage-graph\"", "data-asset=\"raw.dealer_dw.sales\"")
                .contains("<table id=\"error-reasons\"><tr><th>Reason</th><th>Rows</th></tr><tr><td>price: min 0</td>"
                        + "<td>1</td></tr></table>")
                .doesNotContain("http://", "https://", "ann@example.com");
        String runs = get("/runs").body();
        assertThat(runs).contains("<td class=\"succeeded\">succeeded</td>")
                .contains("<td><a href=\"/assets/valid.dealer_dw.sales\">valid.dealer_dw.sales</a></td>");
        assertThat(get("/static/sluice.css").statusCode()).isEqualTo(200);
        assertThat(get("/assets/valid.x.y").statusCode()).isEqualTo(404);
    }

    @Test
    void aPortAlreadyTakenIsRefusedWithTheFixNotAsAnInternalError() {
        InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.uri().getPort());

        assertThatThrownBy(() -> CatalogServer.start(catalog, taken, Clock.systemUTC()))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("CATALOG_SERVE_FAILED");
                    assertThat(e.category()).isEqualTo(ErrorCategory.USER);
                })
                .hasMessageStartingWith("cannot serve the catalog on " + taken + ": ")
                .hasMessageEndingWith("; choose a free port (--port) or stop the process that holds it");
    }
}
