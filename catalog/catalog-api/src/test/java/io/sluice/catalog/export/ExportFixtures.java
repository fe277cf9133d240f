package io.sluice.catalog.export;

import io.sluice.catalog.Asset;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Column;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.RowCounts;
import io.sluice.catalog.RunFinish;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunStart;
import io.sluice.catalog.Zone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Catalog content for exporter tests, registered the way {@code sluice run} registers it (CatalogRegistrar): a
 * lake on ADLS Gen2 with one dataset (raw, valid, error) and one refined dataset, one successful run of each,
 * and a failed second run of the dataset.
 */
public final class ExportFixtures {
    public static final String LAKE = "abfss://lake@sluicelake.dfs.core.windows.net";
    public static final AssetName SALES = AssetName.parse("valid.dealer_dw.sales");
    public static final AssetName BY_DEALER = AssetName.of(Zone.REFINED, "default", "sales_by_dealer");
    public static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private ExportFixtures() {
    }

    /** The valid zone's schema of the dataset. */
    public static List<Column> validColumns(boolean withDiscount) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column("sale_id", "long", false, Optional.of("Sale number"), false),
                new Column("email", "string", true, Optional.of("Buyer e-mail"), true),
                Column.of("amount", "decimal(12,2)", true)));
        if (withDiscount) {
            columns.add(new Column("discount", "double", true, Optional.of("Share taken off"), false));
        }
        columns.add(Column.of("_run_id", "string", false));
        return columns;
    }

    /** Registers the assets of the first run; {@code withDiscount} adds a column (a schema change). */
    public static void register(Catalog catalog, boolean withDiscount) {
        catalog.register(Asset.builder(SALES.in(Zone.RAW), LAKE + "/raw/dealer_dw/sales", "csv")
                .column(Column.of("sale_id", "string", true)).build());
        catalog.register(Asset.builder(SALES, LAKE + "/valid/dealer_dw/sales", "delta")
                .columns(validColumns(withDiscount)).owner("sales-team@example.com")
                .description("Sales of the dealers, one row per sale").build());
        catalog.register(Asset.builder(SALES.in(Zone.ERROR), LAKE + "/error/dealer_dw/sales", "delta")
                .column(Column.of("sale_id", "string", true))
                .column(Column.of("_errors", "array<struct<column:string,rule:string,message:string>>", false))
                .owner("sales-team@example.com").build());
        catalog.register(Asset.builder(BY_DEALER, LAKE + "/refined/sales_by_dealer", "delta")
                .column(new Column("dealer", "string", true, Optional.of("Dealer code"), false))
                .column(Column.of("total", "decimal(22,2)", true))
                .description("Sales per dealer").build());
    }

    /**
     * Run r1 of dealer_dw.sales (succeeded: raw 10, valid 9, error 1) and of the refined dataset; then run r2 of
     * dealer_dw.sales, failed. Outbox: START, COMPLETE (sales r1), START, COMPLETE (refined r1), START, FAIL (r2).
     */
    public static void fill(Catalog catalog) {
        register(catalog, false);
        RunKey r1 = new RunKey("r1", "dealer_dw", "sales");
        catalog.startRun(new RunStart(r1, LocalDate.parse("2026-11-22"), T0));
        catalog.recordLineage(List.of(LineageEdge.of(SALES.in(Zone.SOURCE), SALES.in(Zone.RAW), "r1"),
                LineageEdge.of(SALES.in(Zone.RAW), SALES, "r1"),
                LineageEdge.of(SALES.in(Zone.RAW), SALES.in(Zone.ERROR), "r1")));
        catalog.finishRun(RunFinish.succeeded(r1, T0.plusSeconds(9), RowCounts.ingested(10, 9, 1)));
        RunKey refined = new RunKey("r1", "default", "sales_by_dealer");
        catalog.startRun(new RunStart(refined, LocalDate.parse("2026-11-22"), T0.plusSeconds(10)));
        catalog.recordLineage(List.of(new LineageEdge(SALES, BY_DEALER, "r1",
                Optional.of("SELECT dealer, sum(amount) AS total FROM valid.dealer_dw.sales GROUP BY dealer"))));
        catalog.finishRun(RunFinish.succeeded(refined, T0.plusSeconds(12), new RowCounts(0, 0, 0, 3)));
        RunKey r2 = new RunKey("r2", "dealer_dw", "sales");
        catalog.startRun(new RunStart(r2, LocalDate.parse("2026-11-23"), T0.plusSeconds(86_400)));
        catalog.finishRun(RunFinish.failed(r2, T0.plusSeconds(86_430), "source unreachable: password=hunter2"));
    }

    /** A clock the test moves forward: the exporter's retries are due only after their delay. */
    public static final class TestClock extends Clock {
        private Instant now = T0;

        public void advance(Duration duration) {
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

    /** Records the waits {@link HttpRetry} asks for instead of sleeping. */
    public static final class RecordingSleeper implements HttpRetry.Sleeper {
        public final List<Duration> waits = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    /** An exporter on {@code clock}: lease 5 min, retries after 30 s, 1 min, … up to 1 h. */
    public static Exporter exporter(Catalog catalog, ExportSink sink, Clock clock) {
        return new Exporter(catalog, sink, clock, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1));
    }
}
