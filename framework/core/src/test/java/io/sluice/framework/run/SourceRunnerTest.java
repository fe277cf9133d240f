package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.Connectors;
import io.sluice.framework.land.Lander;
import io.sluice.framework.land.RawZone;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.RefinedOutcome;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.report.RunStatus;
import io.sluice.compat.delta.DeltaTables;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class SourceRunnerTest {
    private static final String SOURCE = """
            kind: source
            name: shop
            connector: files
            connection: { landing: landing }
            owner: data@example.com
            """;

    private static final String ORDERS = """
            kind: dataset
            name: orders
            source: shop
            extract: { path: "orders/*.csv", format: csv }
            schema:
              - { name: order_id, type: long, key: true }
              - { name: qty, type: int, min: 1 }
              - { name: price, type: "decimal(8,2)", max: 1000 }
              - { name: ordered_on, type: date }
              - { name: code, type: string, pattern: "^[A-Z]{3}$" }
              - { name: channel, type: string, allowed: [web, store] }
            rules:
              - { name: qty_times_price, sql: "qty * price < 5000" }
            valid: { mode: %s }
            error: { max_ratio: %s }
            """;

    /** Every kind of bad row, one per line; line numbers are those of the file (header = line 1). */
    private static final String BAD_ROWS = """
            order_id,qty,price,ordered_on,code,channel
            1,2,10.50,2026-11-01,ABC,web
            2,1.23,10.00,2026-11-01,ABC,web
            3,1,abc,2026-11-01,ABC,store
            4,1,10.00,2026-02-30,ABC,store
            5,0,10.00,2026-11-01,ABC,web
            6,1,2000.00,2026-11-01,ABC,web
            7,1,10.00,2026-11-01,abcd,web
            8,1,10.00,2026-11-01,ABC,phone
            ,1,10.00,2026-11-01,ABC,web
            10,9,900.00,2026-11-01,ABC,web
            11,1,10.00
            12,1,10.00,2026-11-01,ABC,web,extra
            13,1.5,x,2026-13-01,toolong,fax
            14,3,1.00,2026-11-02,XYZ,store
            14,4,2.00,2026-11-02,XYZ,store
            15,1,10.00,2026-11-03,DEF,store
            """;

    private TestLake lake(SparkSession spark, Path dir, String mode, String maxRatio) {
        return new TestLake(spark, dir)
                .descriptor("shop.yaml", SOURCE + "---\n" + ORDERS.formatted(mode, maxRatio));
    }

    @Test
    void everyRawRecordEndsInValidOrErrorAndRejectedRowsListEveryFailure(SparkSession spark, @TempDir Path dir) {
        TestLake t = lake(spark, dir, "append", "1.0").deliver("orders/day1.csv", BAD_ROWS);

        RunReport report = t.run("shop");

        DatasetOutcome orders = report.datasets().get(0);
        assertThat(orders.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
        assertThat(orders.raw()).isEqualTo(16);
        assertThat(orders.valid()).isEqualTo(2);
        assertThat(orders.error()).isEqualTo(14);
        assertThat(orders.balanced()).isTrue();
        assertThat(report.exitCode()).isZero();

        String valid = t.lake.valid("shop", "orders");
        String error = t.lake.error("shop", "orders");
        assertThat(t.table(valid).count()).isEqualTo(2);
        assertThat(t.table(error).count()).isEqualTo(14);
        assertThat(t.rows(valid, "order_id").stream().map(r -> r.getLong(r.fieldIndex("order_id"))).toList())
                .containsExactly(1L, 15L);

        Map<String, List<String>> rulesByOrder = t.table(error)
                .selectExpr("coalesce(order_id, _raw_record, '<none>') AS id",
                        "transform(_errors, e -> concat(coalesce(e.column, '*'), ':', e.rule)) AS failures")
                .collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.<String>getList(1), (a, b) -> a));
        assertThat(rulesByOrder.get("2")).containsExactly("qty:type");
        assertThat(rulesByOrder.get("3")).containsExactly("price:type");
        assertThat(rulesByOrder.get("4")).containsExactly("ordered_on:type");
        assertThat(rulesByOrder.get("5")).containsExactly("qty:min");
        assertThat(rulesByOrder.get("6")).containsExactly("price:max");
        assertThat(rulesByOrder.get("7")).containsExactly("code:pattern");
        assertThat(rulesByOrder.get("8")).containsExactly("channel:allowed");
        assertThat(rulesByOrder.get("10")).containsExactly("*:qty_times_price");
        assertThat(rulesByOrder.get("13"))
                .containsExactlyInAnyOrder("qty:type", "price:type", "ordered_on:type", "code:pattern", "channel:allowed");
        assertThat(rulesByOrder.get("14")).containsExactly("order_id:unique_key");
        assertThat(rulesByOrder.values()).anySatisfy(f -> assertThat(f).contains("order_id:not_null"));
        assertThat(rulesByOrder.values().stream().filter(f -> f.contains("*:parse")).count()).isEqualTo(2);

        List<Row> lines = t.table(error).selectExpr("_line").orderBy("_line").collectAsList();
        assertThat(lines.stream().map(r -> r.getLong(0)).toList()).contains(3L, 4L, 12L, 13L);
        assertThat(t.table(error).where("_raw_record = '11,1,10.00'").count()).isEqualTo(1);
    }

    @Test
    void aSecondIdenticalRunChangesNothing(SparkSession spark, @TempDir Path dir) {
        TestLake t = lake(spark, dir, "append", "1.0").deliver("orders/day1.csv", BAD_ROWS);
        t.run("shop");
        String valid = t.lake.valid("shop", "orders");
        String error = t.lake.error("shop", "orders");
        long validVersion = t.version(valid);
        long errorVersion = t.version(error);
        List<Row> validRows = t.rows(valid, "order_id");

        RunReport again = t.run("shop");

        assertThat(again.datasets()).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DatasetOutcome.Status.NOTHING_NEW));
        assertThat(t.version(valid)).isEqualTo(validVersion);
        assertThat(t.version(error)).isEqualTo(errorVersion);
        assertThat(t.rows(valid, "order_id")).isEqualTo(validRows);

        // the same bytes delivered again under another name are not ingested twice
        t.deliver("orders/day1-resent.csv", BAD_ROWS);
        assertThat(t.run("shop").datasets().get(0).status()).isEqualTo(DatasetOutcome.Status.NOTHING_NEW);
        assertThat(t.table(valid).count()).isEqualTo(2);
    }

    @Test
    void aRunInterruptedAfterLandingIsPublishedOnceByTheNextRun(SparkSession spark, @TempDir Path dir) {
        TestLake t = lake(spark, dir, "append", "1.0").deliver("orders/day1.csv", BAD_ROWS);
        var project = t.project();
        var source = project.source("shop").orElseThrow();
        var dataset = project.datasetsOf("shop").get(0);
        var connector = Connectors.discover(getClass().getClassLoader()).factory("files")
                .create(source, new io.sluice.connector.ConnectorContext(dir, name -> null));
        var conf = spark.sparkContext().hadoopConfiguration();
        RawZone raw = new RawZone(t.lake, "shop", "orders", conf);
        // a killed run: landed and sealed, never published
        var manifest = new Lander(spark, Clock.systemUTC()).land(connector.bind(dataset), dataset, raw, conf, LocalDate.of(2026, 11, 22), "run-killed")
                .orElseThrow();
        assertThat(raw.pendingRuns()).extracting(m -> m.runId()).containsExactly("run-killed");

        RunReport next = t.run("shop");

        assertThat(next.datasets()).singleElement().satisfies(d -> {
            assertThat(d.runId()).isEqualTo("run-killed");
            assertThat(d.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
        });
        assertThat(raw.pendingRuns()).isEmpty();
        assertThat(t.table(t.lake.valid("shop", "orders")).count()).isEqualTo(2);
        assertThat(t.table(t.lake.valid("shop", "orders")).select("_run_id").distinct().collectAsList())
                .extracting(r -> r.getString(0)).containsExactly(manifest.runId());
    }

    @Test
    void aRunAboveTheErrorRatioPublishesNothingToValid(SparkSession spark, @TempDir Path dir) {
        TestLake t = lake(spark, dir, "append", "0.5").deliver("orders/day1.csv", BAD_ROWS);

        RunReport report = t.run("shop");

        assertThat(report.status()).isEqualTo(RunStatus.THRESHOLD_EXCEEDED);
        assertThat(report.exitCode()).isEqualTo(4);
        DatasetOutcome orders = report.datasets().get(0);
        assertThat(orders.status()).isEqualTo(DatasetOutcome.Status.THRESHOLD_EXCEEDED);
        assertThat(orders.message()).hasValueSatisfying(m -> assertThat(m)
                .startsWith("shop.orders: 14 of 16 rows rejected (87.50%), above error.max_ratio 0.5; nothing was published to valid."));
        assertThat(DeltaTables.exists(spark, t.lake.valid("shop", "orders"))).isFalse();
        assertThat(t.table(t.lake.error("shop", "orders")).count()).isEqualTo(14);
    }

    @Test
    void mergeModeUpsertsOnTheKeyAndRefinedFollowsItsInputs(SparkSession spark, @TempDir Path dir) {
        TestLake t = lake(spark, dir, "merge", "1.0")
                .descriptor("refined.yaml", """
                        kind: refined
                        name: revenue_by_channel
                        inputs: [shop.orders]
                        sql: SELECT channel, count(*) AS orders, sum(qty * price) AS revenue FROM orders GROUP BY channel
                        """)
                .deliver("orders/day1.csv", """
                        order_id,qty,price,ordered_on,code,channel
                        1,1,10.00,2026-11-01,ABC,web
                        2,2,20.00,2026-11-01,ABC,store
                        """);
        RunReport first = t.run("shop");
        assertThat(first.refined()).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(RefinedOutcome.Status.WRITTEN));

        t.deliver("orders/day2.csv", """
                order_id,qty,price,ordered_on,code,channel
                2,3,20.00,2026-11-02,ABC,store
                3,1,5.00,2026-11-02,ABC,web
                """);
        RunReport second = t.run("shop");

        String valid = t.lake.valid("shop", "orders");
        assertThat(t.rows(valid, "order_id")).extracting(r -> r.getLong(0) + ":" + r.getInt(1))
                .containsExactly("1:1", "2:3", "3:1");
        assertThat(second.refined().get(0).status()).isEqualTo(RefinedOutcome.Status.WRITTEN);
        assertThat(t.rows(t.lake.refined("revenue_by_channel"), "channel"))
                .extracting(r -> r.getString(0) + ":" + r.getLong(1) + ":" + r.getDecimal(2).toPlainString())
                .containsExactly("store:1:60.00", "web:2:15.00");

        long refinedVersion = t.version(t.lake.refined("revenue_by_channel"));
        RunReport third = t.run("shop");
        assertThat(third.refined().get(0).status()).isEqualTo(RefinedOutcome.Status.UNCHANGED);
        assertThat(t.version(t.lake.refined("revenue_by_channel"))).isEqualTo(refinedVersion);

        // a new description with the same inputs (or a run killed between the build and its description) is
        // described by the next run without a rebuild
        t.descriptor("refined.yaml", """
                kind: refined
                name: revenue_by_channel
                description: Orders and revenue per sales channel
                inputs: [shop.orders]
                sql: SELECT channel, count(*) AS orders, sum(qty * price) AS revenue FROM orders GROUP BY channel
                """);
        RunReport fourth = t.run("shop");
        assertThat(fourth.refined().get(0).status()).isEqualTo(RefinedOutcome.Status.UNCHANGED);
        String refined = t.lake.refined("revenue_by_channel");
        assertThat(io.delta.tables.DeltaTable.forPath(spark, refined).detail().select("description").first()
                .getString(0)).isEqualTo("Orders and revenue per sales channel");
        assertThat(t.version(refined)).isEqualTo(refinedVersion + 1);
    }

    @Test
    void aTruncatedGzipDeliveryIsASourceErrorAndPublishesNothing(SparkSession spark, @TempDir Path dir) throws Exception {
        TestLake t = new TestLake(spark, dir).descriptor("shop.yaml", SOURCE + "---\n" + ORDERS.formatted("append", "1.0")
                .replace("orders/*.csv", "orders/*.csv.gz"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(BAD_ROWS.repeat(200).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] whole = bytes.toByteArray();
        java.nio.file.Files.createDirectories(dir.resolve("landing/orders"));
        java.nio.file.Files.write(dir.resolve("landing/orders/day1.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));

        RunReport report = t.run("shop");

        assertThat(report.status()).isEqualTo(RunStatus.FAILED_SOURCE);
        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.datasets().get(0).message()).hasValueSatisfying(m -> assertThat(m).contains("day1.csv.gz"));
        assertThat(DeltaTables.exists(spark, t.lake.valid("shop", "orders"))).isFalse();
    }
}
