package io.sluice.catalog.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.catalog.Asset;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.Column;
import io.sluice.catalog.ColumnEdge;
import io.sluice.catalog.ColumnProfile;
import io.sluice.catalog.ErrorReason;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.RowCounts;
import io.sluice.catalog.RunFinish;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunStart;
import io.sluice.catalog.Zone;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web pages in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; override the
 * paths with {@code SLUICE_CHROMIUM} and {@code SLUICE_CHROMEDRIVER}), against a server on a real SQLite catalog.
 * Screenshots go to {@code target/screenshots/}. Without Chromium the test fails: CI installs it.
 */
class CatalogBrowserIT {
    private static final AssetName SALES = AssetName.parse("valid.dealer_dw.sales");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;

    private Catalog catalog;
    private CatalogServer server;
    private WebDriver browser;

    @BeforeEach
    void serveAndOpenBrowser() {
        Path chromium = Path.of(System.getenv().getOrDefault("SLUICE_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getenv().getOrDefault("SLUICE_CHROMEDRIVER", "/usr/bin/chromedriver"));
        for (Path binary : List.of(chromium, chromedriver)) {
            assertThat(Files.isExecutable(binary))
                    .withFailMessage("%s is missing: the browser test needs Debian's Chromium; install it with"
                            + " 'apt-get install -y chromium chromium-driver' (bin/test does as root), or point"
                            + " SLUICE_CHROMIUM and SLUICE_CHROMEDRIVER at another build", binary)
                    .isTrue();
        }
        catalog = Catalogs.open(Catalogs.embeddedUrl(dir.resolve("lake")));
        fill(catalog);
        server = CatalogServer.start(catalog, 0);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--window-size=1280,2200");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (catalog != null) {
            catalog.close();
        }
    }

    @Test
    void searchOpenADatasetSeeItsSchemaLineageAndMaskedSampleThenTheRuns() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(server.uri().toString());
        WebElement late = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("late")));
        assertThat(late.findElements(By.tagName("a"))).as("the late list comes first, and only late assets")
                .extracting(WebElement::getText).containsExactly("valid.dealer_dw.sales");
        screenshot("0-late");
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("q")));
        box.sendKeys("vin");
        box.submit();

        WebElement results = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results")));
        assertThat(results.findElements(By.tagName("a"))).extracting(WebElement::getText)
                .containsExactly("valid.dealer_dw.sales");
        screenshot("1-search");
        results.findElement(By.linkText("valid.dealer_dw.sales")).click();

        wait.until(ExpectedConditions.textToBe(By.id("asset-name"), "valid.dealer_dw.sales"));
        List<String> emailRow = browser.findElements(By.cssSelector("#schema tr")).stream()
                .map(WebElement::getText).filter(row -> row.startsWith("email")).toList();
        assertThat(emailRow).singleElement().asString().contains("PII");
        assertThat(browser.findElements(By.cssSelector("#lineage-graph g.node")))
                .extracting(node -> node.getAttribute("data-asset"))
                .containsExactlyInAnyOrder("source.dealer_dw.sales", "raw.dealer_dw.sales", "valid.dealer_dw.sales",
                        "refined.reports.daily_sales");
        assertThat(browser.findElements(By.cssSelector("#lineage-graph path.edge"))).hasSize(3);
        WebElement sample = browser.findElement(By.id("sample"));
        assertThat(sample.findElements(By.cssSelector("td.masked"))).extracting(WebElement::getText)
                .containsExactly("***", "***", "***");
        assertThat(browser.getPageSource()).doesNotContain("ann@example.com", "<script>alert");
        assertThat(browser.findElement(By.id("description")).getText())
                .isEqualTo("Vehicle sales from the dealer warehouse <script>alert('x')</script>");
        assertThat(browser.findElements(By.cssSelector("#run-chart g.run")))
                .as("the run that found nothing new is not drawn as a 0-row run").hasSize(3);
        assertThat(browser.findElement(By.id("lateness")).getText()).startsWith("(expected every 12 h: LATE by");
        assertThat(browser.findElements(By.cssSelector("#column-feeds tr")).stream().skip(1)
                .map(WebElement::getText).toList()).as("the refined columns this dataset's columns feed")
                .containsExactly("price refined.reports.daily_sales.revenue",
                        "store_id refined.reports.daily_sales.store_id");
        WebElement profile = browser.findElement(By.id("profile"));
        assertThat(profile.findElement(By.cssSelector("tr[data-column=price]")).getText())
                .startsWith("price 1140 5.0 % 0.0 % ≈1100 0.00 99999.00").endsWith("1.0 % → 5.0 %");
        assertThat(profile.findElements(By.cssSelector("tr[data-column=price] svg.histogram rect"))).hasSize(3);
        assertThat(profile.findElement(By.cssSelector("tr[data-column=email]")).getText())
                .as("a PII column shows counts, never a value").isEqualTo("email PII 1140 0.0 % 0.0 % ≈1000 5–40 0.0 %")
                .doesNotContain("ann@example.com");
        assertThat(browser.getPageSource()).doesNotContain("zed@example.com");
        assertThat(browser.findElement(By.id("query")).getText())
                .isEqualTo("sluice sql \"SELECT * FROM valid.dealer_dw.sales LIMIT 10\"");
        screenshot("2-dataset");

        browser.findElement(By.linkText("Runs")).click();
        WebElement runs = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("runs")));
        assertThat(runs.findElements(By.cssSelector("td.failed"))).extracting(WebElement::getText)
                .containsExactly("failed");
        assertThat(runs.findElements(By.linkText("valid.dealer_dw.sales"))).hasSize(4);
        screenshot("3-runs");

        browser.get(server.uri().resolve("/assets/refined.reports.daily_sales").toString());
        wait.until(ExpectedConditions.textToBe(By.id("asset-name"), "refined.reports.daily_sales"));
        assertThat(browser.findElements(By.cssSelector("#column-lineage tr")).stream().skip(1)
                .map(WebElement::getText).toList()).as("which valid columns each refined column is computed from")
                .containsExactly("revenue valid.dealer_dw.sales.price", "store_id valid.dealer_dw.sales.store_id");
        screenshot("5-column-lineage");

        browser.get(server.uri().resolve("/assets/error.dealer_dw.sales").toString());
        wait.until(ExpectedConditions.textToBe(By.id("asset-name"), "error.dealer_dw.sales"));
        WebElement current = browser.findElement(By.cssSelector("#lineage-graph g.current"));
        assertThat(current.findElement(By.cssSelector(".label")).getCssValue("fill"))
                .as("the current asset's label is white on its dark box, in the error zone too")
                .isEqualTo("rgb(255, 255, 255)");
        assertThat(current.findElement(By.cssSelector(".box")).getCssValue("fill")).isEqualTo("rgb(11, 57, 84)");
        screenshot("4-error-lineage");
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /** A dataset with three runs (one failed), lineage from the source to a refined table, and a sample. */
    private static void fill(Catalog catalog) {
        catalog.register(Asset.builder(SALES, "/lake/valid/dealer_dw/sales", "delta")
                .column(new Column("sale_id", "long", false, Optional.of("Sale number"), false))
                .column(new Column("vin", "string", false, Optional.of("Vehicle identification number"), false))
                .column(new Column("email", "string", true, Optional.of("Buyer e-mail"), true))
                .column(new Column("price", "decimal(12,2)", false, Optional.empty(), false))
                .owner("sales-data@example.com").tags(List.of("sales", "finance"))
                .description("Vehicle sales from the dealer warehouse <script>alert('x')</script>")
                .freshness(Duration.ofHours(12)).build());
        catalog.register(Asset.builder(AssetName.parse("refined.reports.daily_sales"),
                        "/lake/refined/daily_sales", "delta")
                .column(Column.of("store_id", "long", false)).column(Column.of("revenue", "decimal(22,2)", true))
                .description("Revenue per store and day").build());
        catalog.register(Asset.builder(SALES.in(Zone.ERROR), "/lake/error/dealer_dw/sales", "delta")
                .column(Column.of("sale_id", "string", true)).build());
        catalog.register(Asset.builder(SALES.in(Zone.RAW), "/lake/raw/dealer_dw/sales", "csv")
                .column(Column.of("sale_id", "string", true)).build());
        catalog.register(Asset.builder(AssetName.parse("valid.shop.stores"), "/lake/valid/shop/stores", "delta")
                .column(Column.of("store_id", "long", false)).description("Stores").build());
        Instant t0 = Instant.now().minus(Duration.ofDays(3));
        long[][] rows = {{1000, 990, 10}, {0, 0, 0}, {1200, 1140, 60}};
        for (int i = 0; i < rows.length; i++) {
            RunKey key = new RunKey("r" + (i + 1), "dealer_dw", "sales");
            Instant start = t0.plus(Duration.ofDays(i));
            catalog.startRun(new RunStart(key, LocalDate.parse("2026-11-20").plusDays(i), start));
            catalog.recordLineage(List.of(LineageEdge.of(SALES.in(Zone.SOURCE), SALES.in(Zone.RAW), key.runId()),
                    LineageEdge.of(SALES.in(Zone.RAW), SALES, key.runId())));
            if (rows[i][0] == 0) {
                catalog.finishRun(RunFinish.failed(key, start.plusSeconds(20), "source unreachable"));
            } else {
                catalog.finishRun(RunFinish.succeeded(key, start.plusSeconds(40),
                                RowCounts.ingested(rows[i][0], rows[i][1], rows[i][2]))
                        .withTopErrors(List.of(new ErrorReason("price: min 0", rows[i][2] - 2),
                                new ErrorReason("sold_at: not a timestamp (yyyy-MM-dd HH:mm:ss)", 2))));
            }
        }
        RunKey quiet = new RunKey("r4", "dealer_dw", "sales");
        catalog.startRun(new RunStart(quiet, LocalDate.parse("2026-11-23"), t0.plus(Duration.ofHours(60))));
        catalog.finishRun(RunFinish.succeeded(quiet, t0.plus(Duration.ofHours(60)).plusSeconds(5), RowCounts.NONE)
                .withNothingNew());
        catalog.recordLineage(List.of(LineageEdge.of(SALES.in(Zone.RAW), SALES.in(Zone.ERROR), "r3")));
        catalog.recordLineage(List.of(new LineageEdge(SALES, AssetName.parse("refined.reports.daily_sales"), "r3",
                Optional.of("SELECT store_id, sum(price) FROM valid.dealer_dw.sales GROUP BY store_id"))));
        ColumnProfile.Bin[] bins = {new ColumnProfile.Bin(10, 500), new ColumnProfile.Bin(5000, 540),
                new ColumnProfile.Bin(90000, 43)};
        catalog.recordProfiles(new RunKey("r1", "dealer_dw", "sales"), List.of(
                new ColumnProfile("price", 990, 10, 0, 900, Optional.of("1.00"), Optional.of("50000.00"),
                        Optional.empty(), Optional.empty(), List.of(), List.of(bins))));
        catalog.recordProfiles(new RunKey("r3", "dealer_dw", "sales"), List.of(
                new ColumnProfile("price", 1140, 57, 0, 1100, Optional.of("0.00"), Optional.of("99999.00"),
                        Optional.empty(), Optional.empty(), List.of(), List.of(bins)),
                new ColumnProfile("email", 1140, 0, 0, 1000, Optional.of("ann@example.com"),
                        Optional.of("zed@example.com"), Optional.of(5), Optional.of(40),
                        List.of(new ColumnProfile.ValueCount("zed@example.com", 3)), List.of())));
        AssetName daily = AssetName.parse("refined.reports.daily_sales");
        catalog.recordColumnLineage(daily, List.of(new ColumnEdge(SALES, "store_id", daily, "store_id"),
                new ColumnEdge(SALES, "price", daily, "revenue")));
        catalog.recordSample(SALES, List.of("sale_id", "vin", "email", "price"), List.of(
                List.of("1", "WVWZZZ1JZXW000001", "ann@example.com", "18990.00"),
                List.of("2", "WVWZZZ1JZXW000002", "bob@example.com", "23450.50"),
                List.of("3", "WVWZZZ1JZXW000003", "eve@example.com", "9990.00")));
    }
}
