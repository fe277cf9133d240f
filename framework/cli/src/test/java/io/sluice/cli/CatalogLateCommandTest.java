package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.catalog.Asset;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.RowCounts;
import io.sluice.catalog.RunFinish;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunStart;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice catalog late}: what a monitor runs to learn that a dataset stopped receiving data. */
class CatalogLateCommandTest {

    private static int late(Path project, StringWriter out, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "catalog";
        args[1] = "late";
        args[2] = "--project=" + project;
        System.arraycopy(more, 0, args, 3, more.length);
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void listsTheAssetsOlderThanTheirFreshnessAndExits7ForAMonitor(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("descriptors"));
        AssetName stock = AssetName.parse("valid.drop.stock");
        AssetName stores = AssetName.parse("valid.drop.stores");
        Instant delivered = Instant.now().minus(Duration.ofHours(30)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(project.resolve("lake")))) {
            catalog.register(Asset.builder(stock, "/lake/valid/drop/stock", "delta")
                    .freshness(Duration.ofHours(26)).build());
            catalog.register(Asset.builder(stores, "/lake/valid/drop/stores", "delta")
                    .freshness(Duration.ofDays(7)).build());
            for (String dataset : new String[] {"stock", "stores"}) {
                RunKey key = new RunKey("r1", "drop", dataset);
                catalog.startRun(new RunStart(key, LocalDate.of(2026, 12, 6), delivered.minusSeconds(60)));
                catalog.finishRun(RunFinish.succeeded(key, delivered, RowCounts.ingested(5, 5, 0)));
            }
        }

        StringWriter out = new StringWriter();
        assertThat(late(project, out)).isEqualTo(ExitCodes.LATE).isEqualTo(7);
        assertThat(out.toString().lines()).singleElement().asString()
                .startsWith("valid.drop.stock").contains("expected every 1d 2h", "last new rows " + delivered,
                        "overdue by 4h");

        StringWriter json = new StringWriter();
        assertThat(late(project, json, "--json")).isEqualTo(7);
        assertThat(json.toString().strip()).startsWith("{\"asset\":\"valid.drop.stock\",\"freshness\":\"PT26H\","
                + "\"last_delivered\":\"" + delivered + "\",\"overdue_seconds\":");
    }

    @Test
    void exits0WhenNothingIsLate(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("descriptors"));
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(project.resolve("lake")))) {
            catalog.register(Asset.builder(AssetName.parse("valid.drop.stock"), "/lake/valid/drop/stock", "delta")
                    .freshness(Duration.ofHours(26)).build());
        }

        StringWriter out = new StringWriter();
        assertThat(late(project, out)).isZero();
        assertThat(out.toString()).isEqualTo("No asset is late." + System.lineSeparator());
    }
}
