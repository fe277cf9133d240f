package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.framework.register.CatalogRegistrar;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.ErrorReason;
import io.sluice.framework.report.RunReport;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schema drift through whole runs, for each policy: a column the source adds, a declared column the source drops,
 * and a typed source that changes a column's type.
 */
@ExtendWith(SparkExtension.class)
class DriftTest {
    private static final String DESCRIPTORS = """
            kind: source
            name: shop
            connector: files
            connection: { landing: landing }
            ---
            kind: dataset
            name: orders
            source: shop
            extract: { path: "orders/*.csv", format: csv }
            schema:
              - { name: order_id, type: long, key: true }
              - { name: qty, type: int }
            drift: %1$s
            error: { max_ratio: 1.0 }
            ---
            kind: dataset
            name: events
            source: shop
            extract: { path: "events/*/*.parquet", format: parquet }
            schema:
              - { name: id, type: long }
              - { name: n, type: int }
            drift: %1$s
            error: { max_ratio: 1.0 }
            """;

    private static void events(SparkSession spark, Path dir, String day, StructType schema, List<Row> rows) {
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(dir.resolve("landing/events/" + day).toString());
    }

    private static DatasetOutcome outcome(RunReport report, String dataset) {
        return report.datasets().stream().filter(d -> d.dataset().equals("shop." + dataset)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fail", "rescue", "evolve", "ignore"})
    void eachPolicyHandlesAnAddedColumnADroppedColumnAndATypeChange(String policy, SparkSession spark,
                                                                   @TempDir Path dir) {
        TestLake t = new TestLake(spark, dir).descriptor("shop.yaml", DESCRIPTORS.formatted(policy))
                .deliver("orders/day1.csv", "order_id,qty\n1,5\n");
        StructType typed = new StructType().add("id", DataTypes.LongType).add("n", DataTypes.IntegerType);
        events(spark, dir, "day1", typed, List.of(RowFactory.create(1L, 10)));
        String orders = t.lake.valid("shop", "orders");
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir.resolve("lake")))) {
            CatalogRegistrar registrar = new CatalogRegistrar(catalog, spark, dir);
            assertThat(t.run("shop", registrar).exitCode()).isZero();
            long before = t.version(orders);

            // day 2: orders gains a column; events' n arrives as text
            t.deliver("orders/day2.csv", "order_id,qty,coupon\n2,3,XMAS\n");
            StructType text = new StructType().add("id", DataTypes.LongType).add("n", DataTypes.StringType);
            events(spark, dir, "day2", text, List.of(RowFactory.create(2L, "7"), RowFactory.create(3L, "seven")));
            RunReport day2 = t.run("shop", registrar);

            DatasetOutcome changedType = outcome(day2, "events");
            assertThat(changedType.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
            assertThat(changedType.valid()).isEqualTo(1);
            assertThat(changedType.topErrors()).extracting(ErrorReason::column, ErrorReason::rule)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("n", "type"));
            assertThat(t.table(t.lake.valid("shop", "events")).where("id = 2").first().<Integer>getAs("n")).isEqualTo(7);

            DatasetOutcome added = outcome(day2, "orders");
            switch (policy) {
                case "fail" -> {
                    assertThat(added.status()).isEqualTo(DatasetOutcome.Status.FAILED);
                    assertThat(added.message().orElseThrow()).isEqualTo("descriptors/shop.yaml:13: dataset shop.orders:"
                            + " the source has columns the schema does not declare: coupon (drift: fail); declare them"
                            + " in the schema, or set drift to rescue, evolve or ignore");
                    assertThat(day2.exitCode()).isEqualTo(4);
                    assertThat(t.version(orders)).isEqualTo(before);
                    return;
                }
                case "rescue" -> {
                    Row row = t.table(orders).where("order_id = 2").first();
                    assertThat(row.<scala.collection.Map<String, String>>getAs("_rescued").get("coupon").get())
                            .isEqualTo("XMAS");
                    assertThat(t.table(orders).columns()).doesNotContain("coupon");
                }
                case "evolve" -> {
                    assertThat(t.rows(orders, "order_id")).extracting(r -> r.<String>getAs("coupon"))
                            .containsExactly(null, "XMAS");
                    assertThat(catalog.find(AssetName.parse("valid.shop.orders")).orElseThrow().asset().columns())
                            .anySatisfy(c -> assertThat(c.name()).isEqualTo("coupon"));
                    assertThat(catalog.runs("shop", "orders", 10)).hasSize(2);
                }
                case "ignore" -> assertThat(t.table(orders).columns()).doesNotContain("coupon", "_rescued");
                default -> throw new IllegalArgumentException(policy);
            }
            assertThat(added.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
            assertThat(added.valid()).isEqualTo(1);

            // day 3: orders loses a declared column: every row is rejected for it, nothing is guessed
            t.deliver("orders/day3.csv", "order_id\n4\n");
            DatasetOutcome dropped = outcome(t.run("shop", registrar), "orders");
            assertThat(dropped.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
            assertThat(dropped.valid()).isZero();
            assertThat(dropped.error()).isEqualTo(1);
            assertThat(dropped.topErrors()).extracting(ErrorReason::column, ErrorReason::rule)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("qty", "missing_column"));
        }
    }
}
