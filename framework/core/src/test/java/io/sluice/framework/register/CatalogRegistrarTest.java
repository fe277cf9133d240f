package io.sluice.framework.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.LineageDirection;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.RunStatus;
import io.sluice.catalog.Zone;
import io.sluice.connector.Connectors;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.plan.RunRequest;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.run.Sluice;
import io.sluice.framework.run.SourceRunner;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class CatalogRegistrarTest {

    @Test
    void aRunRegistersEveryZoneItsRunsAndLineageFromSourceToRefined(SparkSession spark, @TempDir Path dir) throws IOException {
        write(dir.resolve("descriptors/shop.yaml"), """
                kind: source
                name: shop
                connector: files
                connection: { landing: landing }
                owner: data@example.com
                ---
                kind: dataset
                name: customers
                source: shop
                description: People who bought something
                tags: [crm]
                extract: { path: "customers/*.csv" }
                schema:
                  - { name: customer_id, type: long, key: true }
                  - { name: email, type: string, pii: true }
                  - { name: loyalty_tier, type: string, allowed: [gold, silver] }
                error: { max_ratio: 1.0 }
                ---
                kind: refined
                name: tiers
                inputs: [shop.customers]
                sql: SELECT loyalty_tier, count(*) AS customers FROM customers GROUP BY loyalty_tier
                """);
        write(dir.resolve("landing/customers/c.csv"), """
                customer_id,email,loyalty_tier
                1,a@example.com,gold
                2,b@example.com,bronze
                """);
        LakeLayout lake = new LakeLayout(dir.resolve("lake").toString());
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir.resolve("lake")))) {
            Sluice sluice = new Sluice(spark, dir, lake, Connectors.discover(getClass().getClassLoader()), name -> null,
                    Clock.systemUTC(), new CatalogRegistrar(catalog, spark, dir));
            RunReport report = new SourceRunner(sluice).run(DescriptorLoader.load(dir, dir.resolve("descriptors")),
                    new RunRequest("shop", Optional.empty(), LocalDate.of(2026, 11, 22)));

            assertThat(catalog.assetsOf("shop", "customers")).extracting(a -> a.name().zone())
                    .containsExactlyInAnyOrder(Zone.SOURCE, Zone.RAW, Zone.VALID, Zone.ERROR);
            var source = catalog.find(AssetName.parse("source.shop.customers")).orElseThrow().asset();
            assertThat(source.location()).as("as the files connector describes it").isEqualTo("files:customers/*.csv");
            assertThat(source.format()).as("no format declared: the connector's name").isEqualTo("files");
            var valid = catalog.find(AssetName.parse("valid.shop.customers")).orElseThrow().asset();
            assertThat(valid.owner()).contains("data@example.com");
            assertThat(valid.tags()).containsExactly("crm");
            assertThat(valid.description()).contains("People who bought something");
            assertThat(valid.columns()).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo("email");
                assertThat(c.pii()).isTrue();
            });
            assertThat(valid.descriptor()).hasValueSatisfying(d -> assertThat(d.file()).isEqualTo("descriptors/shop.yaml"));
            assertThat(catalog.find(AssetName.parse("refined.default.tiers"))).isPresent();

            List<RunRecord> runs = catalog.runs("shop", "customers", 10);
            assertThat(runs).singleElement().satisfies(r -> {
                assertThat(r.key().runId()).isEqualTo(report.runId());
                assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
                assertThat(r.rows().raw()).isEqualTo(2);
                assertThat(r.rows().valid()).isEqualTo(1);
                assertThat(r.rows().error()).isEqualTo(1);
                assertThat(r.topErrors()).extracting(e -> e.reason()).containsExactly("loyalty_tier: allowed");
            });
            assertThat(catalog.lineage(AssetName.parse("refined.default.tiers"), LineageDirection.UPSTREAM))
                    .extracting(e -> e.from().qualified())
                    .contains("valid.shop.customers", "raw.shop.customers", "source.shop.customers");
            var sample = catalog.sample(AssetName.parse("valid.shop.customers")).orElseThrow();
            int email = sample.columns().indexOf("email");
            assertThat(sample.rows()).singleElement().satisfies(row -> {
                assertThat(row.get(sample.columns().indexOf("customer_id"))).isEqualTo("1");
                assertThat(row.get(email)).isEqualTo("***");
            });
            assertThat(catalog.search("loyalty_tier", 10)).extracting(h -> h.asset().name().qualified())
                    .contains("valid.shop.customers");

            // the Delta table itself carries the description, owner and tags for any Spark reader
            var detail = spark.sql("DESCRIBE DETAIL delta.`" + lake.valid("shop", "customers") + "`")
                    .select("description", "properties").first();
            assertThat(detail.getString(0)).isEqualTo("People who bought something");
            assertThat(scala.jdk.javaapi.CollectionConverters.asJava(detail.<String, String>getMap(1)))
                    .containsEntry("sluice.owner", "data@example.com").containsEntry("sluice.tags", "crm");

            // a second run with nothing new is history too, never an overwrite
            new SourceRunner(sluice).run(DescriptorLoader.load(dir, dir.resolve("descriptors")),
                    new RunRequest("shop", Optional.empty(), LocalDate.of(2026, 11, 23)));
            assertThat(catalog.runs("shop", "customers", 10)).hasSize(2);

            // a delivery whose every row is rejected leaves the table's sample as it was
            write(dir.resolve("landing/customers/d.csv"), "customer_id,email,loyalty_tier\n3,c@example.com,bronze\n");
            RunReport allRejected = new SourceRunner(sluice).run(DescriptorLoader.load(dir, dir.resolve("descriptors")),
                    new RunRequest("shop", Optional.empty(), LocalDate.of(2026, 11, 24)));
            assertThat(allRejected.datasets()).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(io.sluice.framework.report.DatasetOutcome.Status.PUBLISHED);
                assertThat(d.valid()).isZero();
            });
            assertThat(catalog.sample(AssetName.parse("valid.shop.customers")).orElseThrow().rows()).singleElement()
                    .satisfies(row -> assertThat(row.get(sample.columns().indexOf("customer_id"))).isEqualTo("1"));
        }
    }

    /**
     * A run killed after it built a refined table but before its report held that (CrashSafetyIT: killed at
     * {@code report.before-write}): the next run finds the refined table unchanged, and must still record its
     * lineage, which no report would otherwise ever carry.
     */
    @Test
    void anUnchangedRefinedTableStillGetsItsLineageRecorded(SparkSession spark, @TempDir Path dir) throws IOException {
        write(dir.resolve("descriptors/shop.yaml"), """
                kind: source
                name: shop
                connector: files
                connection: { landing: landing }
                ---
                kind: dataset
                name: customers
                source: shop
                extract: { path: "customers/*.csv" }
                schema:
                  - { name: customer_id, type: long, key: true }
                ---
                kind: refined
                name: counted
                inputs: [shop.customers]
                sql: SELECT count(*) AS customers FROM customers
                """);
        write(dir.resolve("landing/customers/c.csv"), "customer_id\n1\n2\n");
        LakeLayout lake = new LakeLayout(dir.resolve("lake").toString());
        new SourceRunner(new Sluice(spark, dir, lake, Connectors.discover(getClass().getClassLoader()), name -> null,
                Clock.systemUTC(), io.sluice.framework.report.Registrar.none()))
                .run(DescriptorLoader.load(dir, dir.resolve("descriptors")),
                        new RunRequest("shop", Optional.empty(), LocalDate.of(2026, 11, 22)));
        // as if killed before the report was written: no report says the refined table was built
        try (var reports = java.nio.file.Files.list(Path.of(lake.reports()))) {
            for (Path report : reports.toList()) {
                java.nio.file.Files.delete(report);
            }
        }

        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir.resolve("lake")))) {
            Sluice sluice = new Sluice(spark, dir, lake, Connectors.discover(getClass().getClassLoader()), name -> null,
                    Clock.systemUTC(), new CatalogRegistrar(catalog, spark, dir));
            RunReport again = new SourceRunner(sluice).run(DescriptorLoader.load(dir, dir.resolve("descriptors")),
                    new RunRequest("shop", Optional.empty(), LocalDate.of(2026, 11, 22)));

            assertThat(again.refined()).singleElement().satisfies(r -> assertThat(r.status())
                    .isEqualTo(io.sluice.framework.report.RefinedOutcome.Status.UNCHANGED));
            assertThat(catalog.lineage(AssetName.parse("refined.default.counted"), LineageDirection.UPSTREAM))
                    .extracting(e -> e.from().qualified()).contains("valid.shop.customers");
        }
    }

    @Test
    void aRefinedJoinAndAggregateRecordsWhichValidColumnsFeedEachOfItsColumns(SparkSession spark, @TempDir Path dir)
            throws IOException {
        write(dir.resolve("descriptors/shop.yaml"), """
                kind: source
                name: shop
                connector: files
                connection: { landing: landing }
                ---
                kind: dataset
                name: customers
                source: shop
                extract: { path: "customers/*.csv" }
                schema:
                  - { name: customer_id, type: long, key: true }
                  - { name: loyalty_tier, type: string }
                ---
                kind: dataset
                name: orders
                source: shop
                extract: { path: "orders/*.csv" }
                schema:
                  - { name: order_id, type: long, key: true }
                  - { name: customer_id, type: long }
                  - { name: amount, type: "decimal(10,2)" }
                  - { name: qty, type: int }
                ---
                kind: refined
                name: revenue_by_tier
                inputs: [shop.orders, shop.customers]
                sql: SELECT c.loyalty_tier AS tier, sum(o.amount * o.qty) AS revenue, count(*) AS orders
                     FROM orders o JOIN customers c USING (customer_id) GROUP BY c.loyalty_tier
                """);
        write(dir.resolve("landing/customers/c.csv"), "customer_id,loyalty_tier\n1,gold\n2,silver\n");
        write(dir.resolve("landing/orders/o.csv"), "order_id,customer_id,amount,qty\n10,1,9.50,2\n11,2,3.00,1\n");
        LakeLayout lake = new LakeLayout(dir.resolve("lake").toString());
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir.resolve("lake")))) {
            Sluice sluice = new Sluice(spark, dir, lake, Connectors.discover(getClass().getClassLoader()), name -> null,
                    Clock.systemUTC(), new CatalogRegistrar(catalog, spark, dir));
            new SourceRunner(sluice).run(DescriptorLoader.load(dir, dir.resolve("descriptors")),
                    new RunRequest("shop", Optional.empty(), LocalDate.of(2026, 11, 22)));

            AssetName refined = AssetName.parse("refined.default.revenue_by_tier");
            List<String> expected = List.of(
                    "valid.shop.orders.amount -> refined.default.revenue_by_tier.revenue",
                    "valid.shop.orders.qty -> refined.default.revenue_by_tier.revenue",
                    "valid.shop.customers.loyalty_tier -> refined.default.revenue_by_tier.tier");
            assertThat(catalog.columnLineage(refined)).extracting(Object::toString)
                    .as("count(*) is computed from no column").containsExactlyElementsOf(expected);
            assertThat(catalog.columnLineage(AssetName.parse("valid.shop.customers"))).extracting(Object::toString)
                    .containsExactly("valid.shop.customers.loyalty_tier -> refined.default.revenue_by_tier.tier");

            // nothing new: the table is unchanged and so is its column lineage
            new SourceRunner(sluice).run(DescriptorLoader.load(dir, dir.resolve("descriptors")),
                    new RunRequest("shop", Optional.empty(), LocalDate.of(2026, 11, 23)));
            assertThat(catalog.columnLineage(refined)).extracting(Object::toString).containsExactlyElementsOf(expected);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
