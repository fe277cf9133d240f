package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.framework.land.RawZone;
import io.sluice.framework.land.RunRecord;
import io.sluice.framework.land.RunState;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.Registrar;
import io.sluice.framework.report.RunReport;
import io.sluice.compat.delta.DeltaTables;
import io.sluice.metadata.SluiceException;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run states and recovery (issue 16, defect 2): a refused or failed run is recorded, retried with the current
 * descriptor by later runs (counted again first), never blocks newer deliveries of an append dataset, can be retried
 * or set aside by command, and its records arrive exactly once.
 */
@ExtendWith(SparkExtension.class)
class RunRecoveryTest {
    static final String SOURCE = """
            kind: source
            name: shop
            connector: recounting
            connection: { landing: landing }
            """;
    static final String ORDERS = """
            kind: dataset
            name: orders
            source: shop
            extract: { path: "orders/*.csv", format: csv }
            schema:
              - { name: order_id, type: long, key: true }
              - { name: qty, type: int }
            %s
            rules:
              - { name: qty_rule, sql: "%s" }
            valid: { mode: %s }
            error: { max_ratio: 1.0 }
            """;
    static final String PRICE = "  - { name: price, type: \"decimal(8,2)\" }";
    /** Fails at run time (not when compiled) on a quantity above 100: a publish failure the descriptor fixes. */
    static final String FAILING_RULE = "CASE WHEN qty > 100 THEN raise_error('qty too large') ELSE qty > 0 END";
    static final String GOOD_RULE = "qty > 0";
    static final String DAY1 = "order_id,qty,price\n1,2,1.00\n2,500,2.00\n3,0,3.00\n";
    static final String DAY2 = "order_id,qty,price\n4,1,4.00\n5,3,5.00\n";

    static TestLake describe(TestLake t, String extraColumn, String rule, String mode) {
        return t.descriptor("shop.yaml", SOURCE + "---\n" + ORDERS.formatted(extraColumn, rule, mode));
    }

    static RawZone raw(TestLake t) {
        return new RawZone(t.lake, "shop", "orders", t.spark.sparkContext().hadoopConfiguration());
    }

    static List<Long> validIds(TestLake t) {
        return t.rows(t.lake.valid("shop", "orders"), "order_id").stream()
                .map(r -> r.getLong(r.fieldIndex("order_id"))).toList();
    }

    /** Every row of valid and error, as run id + order id: a record that arrived twice shows twice. */
    static List<String> allRows(TestLake t) {
        List<String> rows = new java.util.ArrayList<>();
        for (String path : List.of(t.lake.valid("shop", "orders"), t.lake.error("shop", "orders"))) {
            if (DeltaTables.exists(t.spark, path)) {
                for (Row r : t.table(path).selectExpr("_run_id", "CAST(order_id AS STRING)").collectAsList()) {
                    rows.add(r.getString(0) + "/" + r.getString(1));
                }
            }
        }
        return rows.stream().sorted().toList();
    }

    @Test
    void aDeliveryRefusedAtLandingIsPublishedOnceAfterTheDescriptorIsFixed(SparkSession spark, @TempDir Path dir) {
        TestLake t = describe(new TestLake(spark, dir), "", GOOD_RULE, "append").deliver("orders/day1.csv", DAY1);

        RunReport refused = t.run("shop");
        assertThat(refused.datasets()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(DatasetOutcome.Status.REJECTED);
            assertThat(o.message().orElseThrow()).contains("the header has 3 fields, the descriptor declares 2 columns")
                    .contains("fix the descriptor");
        });
        assertThat(refused.exitCode()).isEqualTo(3);
        String runId = refused.datasets().get(0).runId();

        // the old defect: the next run reported the refused file as published with nothing in it, then NOTHING_NEW
        // now it is listed as still refused, without failing again: the run that refused it failed and said why
        RunReport unchanged = t.run("shop");
        assertThat(unchanged.datasets()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(DatasetOutcome.Status.REJECTED);
            assertThat(o.runId()).isEqualTo(runId);
            assertThat(o.message().orElseThrow()).startsWith("still refused, as when it was landed");
            assertThat(o.failure()).isEmpty();
        });
        assertThat(unchanged.exitCode()).isZero();
        assertThat(DeltaTables.exists(spark, t.lake.valid("shop", "orders"))).isFalse();
        RunRecord stillRefused = raw(t).run(runId).orElseThrow();
        assertThat(stillRefused.state()).isEqualTo(RunState.REJECTED);
        assertThat(stillRefused.attempts()).isEqualTo(1);

        describe(t, PRICE, GOOD_RULE, "append");
        RunReport fixed = t.run("shop");
        assertThat(fixed.datasets()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
            assertThat(o.runId()).isEqualTo(runId);
            assertThat(o.raw()).isEqualTo(3);
            assertThat(o.valid()).isEqualTo(2);
            assertThat(o.error()).isEqualTo(1);
        });
        assertThat(fixed.exitCode()).isZero();
        // the counts under the fixed descriptor were written into the run's manifest before publishing
        assertThat(raw(t).run(runId).orElseThrow().manifest().records()).isEqualTo(3);
        assertThat(raw(t).run(runId).orElseThrow().state()).isEqualTo(RunState.PUBLISHED);
        assertThat(allRows(t)).containsExactly(runId + "/1", runId + "/2", runId + "/3");

        long validVersion = t.version(t.lake.valid("shop", "orders"));
        RunReport again = t.run("shop");
        assertThat(again.datasets()).singleElement().extracting(DatasetOutcome::status)
                .isEqualTo(DatasetOutcome.Status.NOTHING_NEW);
        assertThat(t.version(t.lake.valid("shop", "orders"))).isEqualTo(validVersion);
        assertThat(allRows(t)).hasSize(3);
    }

    @Test
    void aRunThatFailedWhilePublishingIsRetriedAfterTheFixWithoutBlockingANewerDelivery(SparkSession spark,
                                                                                         @TempDir Path dir) {
        TestLake t = describe(new TestLake(spark, dir), PRICE, FAILING_RULE, "append").deliver("orders/day1.csv", DAY1);

        RunReport failed = t.run("shop");
        DatasetOutcome first = failed.datasets().get(0);
        assertThat(first.status()).isEqualTo(DatasetOutcome.Status.FAILED);
        // a rule that fails at run time is the descriptor's problem (exit 2), not an internal error (exit 1)
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(first.message().orElseThrow())
                .contains("shop.orders: an expression of the descriptor failed at run time:")
                .contains("qty too large").contains("the next run retries it");
        String day1 = first.runId();
        RunRecord recorded = raw(t).run(day1).orElseThrow();
        assertThat(recorded.state()).isEqualTo(RunState.FAILED);
        assertThat(recorded.attempts()).isEqualTo(1);
        assertThat(recorded.reason().orElseThrow()).contains("qty too large");
        assertThat(recorded.category()).contains(io.sluice.metadata.ErrorCategory.DESCRIPTOR);

        // a newer delivery lands and is published although the old run fails again; both outcomes are reported
        t.deliver("orders/day2.csv", DAY2);
        RunReport second = t.run("shop");
        assertThat(second.datasets()).extracting(DatasetOutcome::status)
                .containsExactly(DatasetOutcome.Status.FAILED, DatasetOutcome.Status.PUBLISHED);
        assertThat(second.datasets().get(0).runId()).isEqualTo(day1);
        assertThat(second.exitCode()).isEqualTo(failed.exitCode());
        String day2 = second.datasets().get(1).runId();
        assertThat(validIds(t)).containsExactly(4L, 5L);
        assertThat(raw(t).run(day1).orElseThrow().attempts()).isEqualTo(2);

        describe(t, PRICE, GOOD_RULE, "append");
        RunReport fixed = t.run("shop");
        assertThat(fixed.datasets()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
            assertThat(o.runId()).isEqualTo(day1);
            assertThat(o.raw()).isEqualTo(3);
        });
        assertThat(fixed.exitCode()).isZero();
        assertThat(allRows(t)).containsExactlyInAnyOrder(day1 + "/1", day1 + "/2", day1 + "/3", day2 + "/4", day2 + "/5");

        RunReport again = t.run("shop");
        assertThat(again.datasets()).singleElement().extracting(DatasetOutcome::status)
                .isEqualTo(DatasetOutcome.Status.NOTHING_NEW);
        assertThat(allRows(t)).hasSize(5);
    }

    /**
     * Regression (issue 16, defect 2): a failed run whose manifest holds a record count made under the old
     * descriptor failed every retry with RAW_COUNT_MISMATCH. It is counted again before the retry, and the new
     * count is written into its manifest first.
     */
    @Test
    void aFailedRunWithACountFromTheOldDescriptorIsCountedAgainBeforeItIsRetried(SparkSession spark, @TempDir Path dir) {
        TestLake t = describe(new TestLake(spark, dir), PRICE, FAILING_RULE, "append").deliver("orders/day1.csv", DAY1);
        String day1 = t.run("shop").datasets().get(0).runId();
        RunRecord failed = raw(t).run(day1).orElseThrow();
        // what the landing counted under the descriptor of the time (one record fewer than the current one reads)
        var stale = failed.manifest().files().stream().map(f -> new io.sluice.connector.LandedFile(f.origin(), f.path(),
                f.size(), f.sha256(), f.records() - 1, f.fields(), f.detail())).toList();
        raw(t).rewriteManifest(failed.manifest().recounted(new io.sluice.connector.LandedBatch(stale)));
        assertThat(raw(t).run(day1).orElseThrow().manifest().records()).isEqualTo(2);

        describe(t, PRICE, GOOD_RULE, "append");
        RunReport fixed = t.run("shop");

        assertThat(fixed.datasets()).singleElement().satisfies(o -> {
            assertThat(o.status()).as("%s", o.message()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
            assertThat(o.raw()).isEqualTo(3);
            assertThat(o.balanced()).isTrue();
        });
        assertThat(raw(t).run(day1).orElseThrow().manifest().records()).isEqualTo(3);
        assertThat(allRows(t)).containsExactly(day1 + "/1", day1 + "/2", day1 + "/3");
    }

    @Test
    void retryByCommandPublishesAFailedRunWithTheCurrentDescriptor(SparkSession spark, @TempDir Path dir) {
        TestLake t = describe(new TestLake(spark, dir), PRICE, FAILING_RULE, "append").deliver("orders/day1.csv", DAY1);
        String day1 = t.run("shop").datasets().get(0).runId();

        RunReport stillFailing = t.recovery().retry(t.project(), "shop", "orders", day1);
        assertThat(stillFailing.datasets()).singleElement().extracting(DatasetOutcome::status)
                .isEqualTo(DatasetOutcome.Status.FAILED);
        assertThat(stillFailing.exitCode()).isNotZero();

        describe(t, PRICE, GOOD_RULE, "append");
        RunReport retried = t.recovery().retry(t.project(), "shop", "orders", day1);
        assertThat(retried.datasets()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
            assertThat(o.runId()).isEqualTo(day1);
        });
        assertThat(retried.exitCode()).isZero();
        assertThat(retried.runId()).startsWith("retry-");
        assertThat(allRows(t)).containsExactly(day1 + "/1", day1 + "/2", day1 + "/3");

        assertThatThrownBy(() -> t.recovery().retry(t.project(), "shop", "orders", day1))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo("RUN_NOT_RETRYABLE"))
                .hasMessageContaining("is already published");
        assertThatThrownBy(() -> t.recovery().discard(t.project(), "shop", "orders", day1, "why", "me"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo("RUN_NOT_DISCARDABLE"))
                .hasMessageContaining("is published");
        assertThatThrownBy(() -> t.recovery().retry(t.project(), "shop", "orders", "20990101T000000Z-000000"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo("RUN_UNKNOWN"))
                .hasMessageContaining("sluice runs list --source shop --dataset orders");
    }

    @Test
    void aDiscardedRunIsKeptInRawAndNoLongerRetried(SparkSession spark, @TempDir Path dir) {
        TestLake t = describe(new TestLake(spark, dir), PRICE, FAILING_RULE, "append").deliver("orders/day1.csv", DAY1);
        String day1 = t.run("shop").datasets().get(0).runId();

        RunRecord discarded = t.recovery().discard(t.project(), "shop", "orders", day1, "sender resends it", "ops");
        assertThat(discarded.state()).isEqualTo(RunState.DISCARDED);

        RunReport next = t.run("shop");
        assertThat(next.datasets()).singleElement().extracting(DatasetOutcome::status)
                .isEqualTo(DatasetOutcome.Status.NOTHING_NEW);
        assertThat(next.exitCode()).isZero();
        List<RunRecord> runs = t.recovery().list(t.project(), "shop", "orders");
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(RunState.DISCARDED);
            assertThat(r.reason()).contains("sender resends it");
            assertThat(r.by()).contains("ops");
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(java.nio.file.Files.exists(Path.of(java.net.URI.create(r.folder()).getPath(), "day1.csv")))
                    .isTrue();
        });
        assertThatThrownBy(() -> t.recovery().retry(t.project(), "shop", "orders", day1))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo("RUN_NOT_RETRYABLE"))
                .hasMessageContaining("was discarded by ops: sender resends it");
    }

    @Test
    void aDiscardIsRecordedInTheCatalogBesideTheFailedRun(SparkSession spark, @TempDir Path dir) {
        TestLake t = describe(new TestLake(spark, dir), PRICE, FAILING_RULE, "append").deliver("orders/day1.csv", DAY1);
        try (io.sluice.catalog.Catalog catalog = io.sluice.catalog.Catalogs.open(
                io.sluice.catalog.Catalogs.embeddedUrl(dir.resolve("lake")))) {
            Registrar registrar = new io.sluice.framework.register.CatalogRegistrar(catalog, spark, dir);
            String day1 = t.run("shop", registrar).datasets().get(0).runId();

            new RunRecovery(t.sluice(registrar)).discard(t.project(), "shop", "orders", day1, "sender resends it", "ops");

            List<io.sluice.catalog.RunRecord> runs = catalog.runs("shop", "orders", 10);
            assertThat(runs).hasSize(2);
            assertThat(runs).anySatisfy(r -> {
                assertThat(r.key().runId()).isEqualTo(day1);
                assertThat(r.status()).isEqualTo(io.sluice.catalog.RunStatus.FAILED);
            });
            assertThat(runs).anySatisfy(r -> {
                assertThat(r.key().runId()).startsWith("discard-");
                assertThat(r.errorMessage().orElseThrow())
                        .contains("run " + day1 + " discarded by ops: sender resends it");
            });
        }
    }

    @Test
    void anOlderFailedSnapshotOfAnOverwriteDatasetIsSupersededNotPublishedOverTheNewerOne(SparkSession spark,
                                                                                         @TempDir Path dir) {
        TestLake t = describe(new TestLake(spark, dir), PRICE, FAILING_RULE, "overwrite").deliver("orders/day1.csv", DAY1);
        String day1 = t.run("shop").datasets().get(0).runId();
        t.deliver("orders/day2.csv", DAY2);
        assertThat(t.run("shop").datasets()).extracting(DatasetOutcome::status)
                .containsExactly(DatasetOutcome.Status.FAILED, DatasetOutcome.Status.PUBLISHED);

        assertThatThrownBy(() -> t.recovery().retry(t.project(), "shop", "orders", day1))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo("RUN_NOT_RETRYABLE"))
                .hasMessageContaining("which is published and replaced the valid table (valid mode overwrite");
        describe(t, PRICE, GOOD_RULE, "overwrite");
        RunReport next = t.run("shop");
        assertThat(next.datasets()).singleElement().satisfies(o -> {
            assertThat(o.runId()).isEqualTo(day1);
            assertThat(o.message().orElseThrow()).contains("discarded by sluice: superseded by run");
        });
        assertThat(next.exitCode()).isZero();
        assertThat(raw(t).run(day1).orElseThrow().state()).isEqualTo(RunState.DISCARDED);
        assertThat(validIds(t)).containsExactly(4L, 5L);
    }

    @Test
    void aNewerRunOfAMergeDatasetWaitsForTheOlderFailedOneAndIsPublishedAfterIt(SparkSession spark, @TempDir Path dir) {
        TestLake t = describe(new TestLake(spark, dir), PRICE, FAILING_RULE, "merge").deliver("orders/day1.csv", DAY1);
        String day1 = t.run("shop").datasets().get(0).runId();
        // day 2 changes order 1: published before day 1, the retry of day 1 would put the old quantity back
        t.deliver("orders/day2.csv", "order_id,qty,price\n1,7,1.00\n4,1,4.00\n");
        RunReport second = t.run("shop");
        assertThat(second.datasets()).extracting(DatasetOutcome::status)
                .containsExactly(DatasetOutcome.Status.FAILED, DatasetOutcome.Status.WAITING);
        String day2 = second.datasets().get(1).runId();
        assertThat(second.datasets().get(1).message().orElseThrow()).contains("waits for the older run " + day1);
        assertThat(raw(t).run(day2).orElseThrow().state()).isEqualTo(RunState.LANDED);
        assertThatThrownBy(() -> t.recovery().retry(t.project(), "shop", "orders", day2))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo("RUN_NOT_RETRYABLE"))
                .hasMessageContaining("retry or discard that run first");

        describe(t, PRICE, GOOD_RULE, "merge");
        RunReport fixed = t.run("shop");
        assertThat(fixed.datasets()).extracting(DatasetOutcome::runId).containsExactly(day1, day2);
        assertThat(fixed.datasets()).extracting(DatasetOutcome::status)
                .containsOnly(DatasetOutcome.Status.PUBLISHED);
        assertThat(t.rows(t.lake.valid("shop", "orders"), "order_id").stream()
                .map(r -> r.getLong(r.fieldIndex("order_id")) + ":" + r.getInt(r.fieldIndex("qty"))).toList())
                .containsExactly("1:7", "2:500", "4:1");
    }
}
