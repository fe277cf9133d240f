package io.sluice.catalog.store;

import io.sluice.catalog.Asset;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
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

/**
 * A separate process of {@link SqliteConcurrencyTest}: plays a {@code sluice run} that registers its own assets
 * and runs, and also re-registers one asset every writer shares, as fast as it can.
 * Arguments: JDBC URL, writer number, iterations.
 */
public final class CatalogWriterMain {
    private CatalogWriterMain() {
    }

    public static void main(String[] args) {
        String url = args[0];
        int writer = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        String source = "w" + writer;
        try (Catalog catalog = Catalogs.open(url)) {
            for (int i = 0; i < iterations; i++) {
                String dataset = "ds" + i;
                AssetName valid = AssetName.of(Zone.VALID, source, dataset);
                catalog.register(Asset.builder(valid, "/lake/valid/" + source + "/" + dataset, "delta")
                        .column(Column.of("id", "long", false)).description("writer " + writer + " dataset " + i)
                        .build());
                catalog.register(Asset.builder(AssetName.of(Zone.VALID, "shared", "common"), "/lake/valid/shared/common",
                        "delta").description("last written by " + writer).build());
                RunKey key = new RunKey("run-" + writer + "-" + i, source, dataset);
                RunKey shared = new RunKey("run-" + writer + "-" + i, "shared", "common");
                Instant now = Instant.now();
                catalog.startRun(new RunStart(key, LocalDate.parse("2026-11-22"), now));
                catalog.startRun(new RunStart(shared, LocalDate.parse("2026-11-22"), now));
                catalog.finishRun(RunFinish.succeeded(key, Instant.now(), RowCounts.ingested(i, i, 0)));
                catalog.finishRun(RunFinish.succeeded(shared, Instant.now(), RowCounts.ingested(1, 1, 0)));
                catalog.recordLineage(List.of(LineageEdge.of(valid.in(Zone.RAW), valid, key.runId())));
            }
        }
    }
}
