package io.sluice.catalog.openlineage;

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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Test data: two runs of one dataset, one succeeded and one failed, giving four outbox events. */
final class Runs {
    static final AssetName SALES = AssetName.parse("valid.dealer_dw.sales");
    static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private Runs() {
    }

    static void fill(Catalog catalog) {
        catalog.register(Asset.builder(SALES, "/lake/valid/dealer_dw/sales", "delta")
                .column(Column.of("sale_id", "long", false))
                .column(new Column("email", "string", true, Optional.of("Buyer e-mail"), true)).build());
        catalog.register(Asset.builder(SALES.in(Zone.RAW), "/lake/raw/dealer_dw/sales", "csv").build());
        RunKey r1 = new RunKey("r1", "dealer_dw", "sales");
        catalog.startRun(new RunStart(r1, LocalDate.parse("2026-11-22"), T0));
        catalog.recordLineage(List.of(LineageEdge.of(SALES.in(Zone.SOURCE), SALES.in(Zone.RAW), "r1"),
                LineageEdge.of(SALES.in(Zone.RAW), SALES, "r1")));
        catalog.finishRun(RunFinish.succeeded(r1, T0.plusSeconds(9), RowCounts.ingested(10, 9, 1)));
        RunKey r2 = new RunKey("r2", "dealer_dw", "sales");
        catalog.startRun(new RunStart(r2, LocalDate.parse("2026-11-23"), T0.plusSeconds(86_400)));
        catalog.finishRun(RunFinish.failed(r2, T0.plusSeconds(86_430), "source unreachable: password=hunter2"));
    }
}
