package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.Registrar;
import io.sluice.framework.report.RunReport;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that read other datasets' valid tables (a foreign key, a sql rule with a lookup) and skipped records, end
 * to end: landed, published, reported and replayed.
 */
@ExtendWith(SparkExtension.class)
class CrossDatasetRulesTest {
    /** sales is declared first and reads stores: the run publishes stores first (the source runs 4 at a time). */
    private static final String DROP = """
            kind: source
            name: drop
            connector: files
            connection: { landing: landing }
            ---
            kind: dataset
            name: sales
            source: drop
            extract: { path: "sales/*.csv" }
            schema:
              - { name: sale_id, type: int, key: true }
              - { name: store_id, type: int }
              - { name: price, type: int }
            rules:
              - { column: store_id, references: "drop.stores(store_id)" }
              - { name: under_limit, sql: "price <= s.max_price", lookup: { dataset: drop.stores, as: s, on: [store_id] } }
            error: { max_ratio: 1.0 }
            ---
            kind: dataset
            name: stores
            source: drop
            extract: { path: "stores/*.csv" }
            schema:
              - { name: store_id, type: int }
              - { name: max_price, type: int }
            """;

    @Test
    void aDatasetReadByAnotherOfItsSourceIsPublishedFirstAndAReplayMovesRowsItsNewRowsAdmit(SparkSession spark,
                                                                                          @TempDir Path dir) {
        TestLake t = new TestLake(spark, dir).descriptor("drop.yaml", DROP)
                .deliver("stores/day1.csv", "store_id,max_price\n1,100\n2,50\n")
                .deliver("sales/day1.csv", "sale_id,store_id,price\n1,1,90\n2,42,10\n3,2,60\n4,,5\n");

        RunReport first = t.run("drop");

        DatasetOutcome sales = first.datasets().get(0);
        assertThat(sales.dataset()).isEqualTo("drop.sales");
        assertThat(List.of(sales.raw(), sales.valid(), sales.error(), sales.skipped())).containsExactly(4L, 2L, 2L, 0L);
        assertThat(messages(t, "sales")).containsExactly(
                "3 store_id/references_store_id: '42' is not a store_id of drop.stores",
                "4 null/under_limit: rule under_limit failed: price <= s.max_price");

        // store 42 arrives; the replay checks sale 2 against the valid table as it is now
        t.deliver("stores/day2.csv", "store_id,max_price\n42,20\n");
        t.run("drop");
        Sluice sluice = t.sluice(Registrar.none());
        RunReport replay = new ErrorReplay(sluice).replay(t.project(), "drop", "sales", Optional.empty());

        assertThat(replay.datasets().get(0).valid()).isEqualTo(1);
        assertThat(t.rows(t.lake.valid("drop", "sales"), "sale_id").stream().map(r -> r.getInt(0)).toList())
                .containsExactly(1, 2, 4);
        assertThat(messages(t, "sales")).containsExactly(
                "4 null/under_limit: rule under_limit failed: price <= s.max_price");
    }

    @Test
    void datasetsThatReadOthersOfTheRunComeInLaterRoundsAndACycleIsBrokenInDeclarationOrder(SparkSession spark,
                                                                                             @TempDir Path dir) {
        TestLake t = new TestLake(spark, dir).descriptor("drop.yaml", DROP);
        List<DatasetSpec> datasets = t.project().datasets().stream()
                .filter(d -> d.source().equals("drop")).toList();

        assertThat(SourceRunner.rounds(datasets)).extracting(r -> r.stream().map(DatasetSpec::name).toList())
                .containsExactly(List.of("stores"), List.of("sales"));
        assertThat(SourceRunner.rounds(List.of(datasets.get(0)))).hasSize(1);
        DatasetSpec storesReadingSales = datasets.get(1).withRules(List.of(
                new io.sluice.metadata.RuleSpec.References("fk", "store_id", "drop", "sales", "store_id", "/rules/0")));
        assertThat(SourceRunner.rounds(List.of(datasets.get(0), storesReadingSales)))
                .extracting(r -> r.stream().map(DatasetSpec::name).toList())
                .containsExactly(List.of("sales"), List.of("stores"));
    }

    private static final String SKIPPING = """
            kind: source
            name: feed
            connector: skipping
            connection: { landing: landing }
            ---
            kind: dataset
            name: items
            source: feed
            extract: { path: "items/*.csv" }
            schema:
              - { name: id, type: int, key: true }
              - { name: qty, type: int, min: 0 }
            error: { max_ratio: 0.5 }
            """;

    @Test
    void skippedRecordsGoToErrorCountedApartAndNeverTowardMaxRatio(SparkSession spark, @TempDir Path dir)
            throws Exception {
        // 2 records are data, 1 of them rejected: 50%, within max_ratio 0.5; counting the 2 skipped records as
        // rejected would make it 75% and fail the run
        TestLake t = new TestLake(spark, dir).descriptor("feed.yaml", SKIPPING)
                .deliver("items/day1.csv", "id,qty\nTRL-head,0\n1,5\n2,-3\nTRL-foot,2\n");

        RunReport report = t.run("feed");

        DatasetOutcome items = report.datasets().get(0);
        assertThat(items.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
        assertThat(List.of(items.raw(), items.valid(), items.error(), items.skipped())).containsExactly(4L, 1L, 1L, 2L);
        assertThat(items.balanced()).isTrue();
        assertThat(items.errorRatio()).isEqualTo(0.5);
        assertThat(items.topErrors()).extracting(e -> e.rule() + " x" + e.count()).containsExactly("min x1");
        assertThat(SourceRunner.toJson(report)).contains("\"skipped\" : 2");
        assertThat(t.spark.read().format("delta").load(t.lake.error("feed", "items")).orderBy("_line")
                .collectAsList().stream().map(r -> r.getString(r.fieldIndex("_raw_record")) + " | "
                        + r.<Row>getList(r.fieldIndex("_errors")).stream().map(e -> e.getString(1) + ": "
                        + e.getString(2)).collect(Collectors.joining("; "))).toList())
                .containsExactly("TRL-head,0 | skipped: " + SkippingConnectorFactory.REASON,
                        "null | min: -3 is below the minimum 0",
                        "TRL-foot,2 | skipped: " + SkippingConnectorFactory.REASON);

        // a replay under a descriptor without the minimum moves the rejected row, never a skipped one
        t.descriptor("feed.yaml", SKIPPING.replace(", min: 0", ""));
        RunReport replay = new ErrorReplay(t.sluice(Registrar.none())).replay(t.project(), "feed", "items",
                Optional.empty());

        DatasetOutcome replayed = replay.datasets().get(0);
        assertThat(List.of(replayed.raw(), replayed.valid(), replayed.error(), replayed.skipped()))
                .containsExactly(3L, 1L, 0L, 2L);
        assertThat(t.table(t.lake.error("feed", "items")).count()).isEqualTo(2);
    }

    /** The error table's messages as {@code line column/rule: message}, in line order. */
    private static List<String> messages(TestLake t, String dataset) {
        return t.rows(t.lake.error("drop", dataset), "_line").stream().flatMap(r -> r.<Row>getList(
                r.fieldIndex("_errors")).stream().map(e -> r.getLong(r.fieldIndex("_line")) + " " + e.getString(0)
                + "/" + e.getString(1) + ": " + e.getString(2))).toList();
    }
}
