package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.connector.Connectors;
import io.sluice.connector.jdbc.PostgresExtension;
import io.sluice.connector.jdbc.PostgresServer;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.plan.RunRequest;
import io.sluice.framework.register.CatalogRegistrar;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.Registrar;
import io.sluice.framework.report.RunReport;
import io.sluice.compat.delta.DeltaTables;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A database source through the whole run: JDBC extract → raw Avro → strict validation → valid/error → catalog. */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class JdbcPipelineIT {
    private static final String DESCRIPTORS = """
            kind: source
            name: crm
            connector: jdbc
            connection: { url: "${env:CRM_URL}", user: "${env:CRM_USER}", password: "${secret:crm}" }
            ---
            kind: dataset
            name: customers
            source: crm
            extract: { table: customers, split: { column: id, partitions: 2 }, incremental: { column: updated_at } }
            schema:
              - { name: id, type: int, key: true }
              - { name: email, type: string, pii: true, pattern: "^[^@]+@[^@]+$" }
              - { name: tier, type: string, allowed: [gold, silver] }
              - { name: score, type: int }
              - { name: updated_at, type: timestamp }
            valid: { mode: merge }
            """;

    @Test
    void aDatabaseTableIsValidatedIncrementallyAndItsPasswordIsNowhere(SparkSession spark, PostgresServer pg,
                                                                     @TempDir Path dir) throws IOException {
        // score became text in the source: the descriptor still says int
        pg.execute("DROP TABLE IF EXISTS customers; CREATE TABLE customers (id int, email text, tier text, score text,"
                + " updated_at timestamp);"
                + " INSERT INTO customers VALUES (1, 'a@example.com', 'gold', '10', timestamp '2026-11-01 10:00:00'),"
                + " (2, 'not-an-email', 'gold', '20', timestamp '2026-11-01 10:00:01'),"
                + " (3, 'c@example.com', 'bronze', 'x', timestamp '2026-11-01 10:00:02'),"
                + " (4, 'd@example.com', 'silver', '40', timestamp '2026-11-01 10:00:03')");
        Files.createDirectories(dir.resolve("descriptors"));
        Files.writeString(dir.resolve("descriptors/crm.yaml"), DESCRIPTORS);
        Map<String, String> env = Map.of("CRM_URL", pg.url(), "CRM_USER", pg.user(), "SLUICE_SECRET_CRM", pg.password());
        LakeLayout lake = new LakeLayout(dir.resolve("lake").toString());

        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir.resolve("lake")))) {
            Sluice sluice = new Sluice(spark, dir, lake, Connectors.discover(getClass().getClassLoader()), env::get,
                    Clock.systemUTC(), new CatalogRegistrar(catalog, spark, dir));
            SourceRunner runner = new SourceRunner(sluice);
            var project = DescriptorLoader.load(dir, dir.resolve("descriptors"));

            RunReport first = runner.run(project, new RunRequest("crm", Optional.empty(), LocalDate.of(2026, 11, 22)));
            DatasetOutcome customers = first.datasets().get(0);
            assertThat(customers.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
            assertThat(customers.raw()).isEqualTo(4);
            assertThat(customers.valid()).isEqualTo(2);
            assertThat(customers.error()).isEqualTo(2);
            assertThat(spark.read().format("delta").load(lake.error("crm", "customers"))
                    .selectExpr("id", "transform(_errors, e -> e.column || ':' || e.rule) AS f").orderBy("id")
                    .collectAsList()).extracting(r -> r.getString(0) + "=" + r.getList(1))
                    .containsExactly("2=[email:pattern]", "3=[tier:allowed, score:type]");

            assertThat(catalog.runs("crm", "customers", 1)).singleElement()
                    .satisfies(r -> assertThat(r.watermark()).hasValueSatisfying(w -> assertThat(w).startsWith("2026-11-01")));

            RunReport second = runner.run(project, new RunRequest("crm", Optional.empty(), LocalDate.of(2026, 11, 23)));
            assertThat(second.datasets().get(0).status()).isEqualTo(DatasetOutcome.Status.NOTHING_NEW);

            pg.execute("UPDATE customers SET tier = 'silver', updated_at = timestamp '2026-11-02 09:00:00' WHERE id = 1;"
                    + " INSERT INTO customers VALUES (5, 'e@example.com', 'gold', '50', timestamp '2026-11-02 09:00:01')");
            RunReport third = runner.run(project, new RunRequest("crm", Optional.empty(), LocalDate.of(2026, 11, 24)));
            assertThat(third.datasets().get(0).raw()).isEqualTo(2);
            assertThat(spark.read().format("delta").load(lake.valid("crm", "customers")).orderBy("id")
                    .selectExpr("id || ':' || tier").collectAsList()).extracting(r -> r.getString(0))
                    .containsExactly("1:silver", "4:silver", "5:gold");

            // the password is in no report, no raw manifest, no catalog file
            String secret = pg.password();
            try (Stream<Path> files = Files.walk(dir.resolve("lake"))) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                            .as(f.toString()).doesNotContain(secret);
                }
            }
            assertThat(SourceRunner.toJson(third)).doesNotContain(secret).doesNotContain(pg.url());
        }
    }

    @Test
    void anUnreachableDatabaseIsASourceErrorNamingTheDescriptorAndNothingReachesValid(SparkSession spark,
                                                                                     PostgresServer pg, @TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("descriptors"));
        Files.writeString(dir.resolve("descriptors/crm.yaml"), DESCRIPTORS);
        Map<String, String> env = Map.of("CRM_URL", "jdbc:postgresql://127.0.0.1:1/crm", "CRM_USER", "u",
                "SLUICE_SECRET_CRM", "hunter2-secret");
        LakeLayout lake = new LakeLayout(dir.resolve("lake").toString());
        Sluice sluice = new Sluice(spark, dir, lake, Connectors.discover(getClass().getClassLoader()), env::get,
                Clock.systemUTC(), Registrar.none());

        RunReport report = new SourceRunner(sluice).run(DescriptorLoader.load(dir, dir.resolve("descriptors")),
                new RunRequest("crm", Optional.empty(), LocalDate.of(2026, 11, 22)));

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.datasets().get(0).message()).hasValueSatisfying(m -> {
            assertThat(m).contains("descriptors/crm.yaml").doesNotContain("hunter2-secret").doesNotContain("\n");
        });
        assertThat(DeltaTables.exists(spark, lake.valid("crm", "customers"))).isFalse();
    }

    @Test
    void anExtractKilledBeforeItsCommitIsPublishedOnceAndTheWatermarkMovesOnlyWithIt(SparkSession spark,
                                                                                  PostgresServer pg, @TempDir Path dir)
            throws IOException {
        pg.execute("DROP TABLE IF EXISTS customers; CREATE TABLE customers (id int, email text, tier text, score text,"
                + " updated_at timestamp);"
                + " INSERT INTO customers SELECT i, 'c' || i || '@example.com', 'gold', i::text,"
                + " timestamp '2026-11-01 00:00:00' + i * interval '1 second' FROM generate_series(1, 500) AS i");
        Files.createDirectories(dir.resolve("descriptors"));
        Files.writeString(dir.resolve("descriptors/crm.yaml"), DESCRIPTORS.replace("mode: merge", "mode: append"));
        Map<String, String> env = Map.of("CRM_URL", pg.url(), "CRM_USER", pg.user(), "SLUICE_SECRET_CRM", pg.password());
        LakeLayout lake = new LakeLayout(dir.resolve("lake").toString());
        Sluice sluice = new Sluice(spark, dir, lake, Connectors.discover(getClass().getClassLoader()), env::get,
                Clock.systemUTC(), Registrar.none());
        var project = DescriptorLoader.load(dir, dir.resolve("descriptors"));
        var connector = sluice.connectors().factory("jdbc").create(project.source("crm").orElseThrow(),
                sluice.connectorContext());
        var conf = spark.sparkContext().hadoopConfiguration();
        var raw = new io.sluice.framework.land.RawZone(lake, "crm", "customers", conf);
        // the process dies after the extract is sealed in raw, before anything is published
        new io.sluice.framework.land.Lander(spark, Clock.systemUTC()).land(connector.bind(project.datasetsOf("crm").get(0)),
                project.datasetsOf("crm").get(0), raw,
                conf, LocalDate.of(2026, 11, 22), "killed-run").orElseThrow();
        pg.execute("INSERT INTO customers VALUES (501, 'n@example.com', 'silver', '1', timestamp '2026-11-02 00:00:00')");

        RunReport next = new SourceRunner(sluice).run(project, new RunRequest("crm", Optional.empty(),
                LocalDate.of(2026, 11, 23)));

        assertThat(next.datasets()).extracting(DatasetOutcome::runId, DatasetOutcome::raw)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("killed-run", 500L),
                        org.assertj.core.groups.Tuple.tuple(next.runId(), 1L));
        var valid = spark.read().format("delta").load(lake.valid("crm", "customers"));
        assertThat(valid.count()).isEqualTo(501);
        assertThat(valid.select("id").distinct().count()).isEqualTo(501);
    }

    /**
     * Issue 16, defect 1: a full extract (no incremental column) re-reads the whole table every run; under every
     * mode a second extract of the same table leaves the totals and the error rows unchanged, and `--full` on an
     * incremental append dataset replaces its rows instead of adding them again.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "valid: { mode: overwrite }", "valid: { mode: merge }",
            "incremental-append-full"})
    void twoFullExtractsOfTheSameTableLeaveTheTotalsUnchanged(String mode, SparkSession spark, PostgresServer pg,
                                                              @TempDir Path dir) throws IOException {
        pg.execute("DROP TABLE IF EXISTS orders; CREATE TABLE orders (id int, amount int, updated_at timestamp);"
                + " INSERT INTO orders SELECT i, i * 10, timestamp '2026-11-01 00:00:00' + i * interval '1 second'"
                + " FROM generate_series(1, 20) AS i; INSERT INTO orders VALUES (21, -5, timestamp '2026-11-01 01:00:00')");
        boolean incremental = mode.equals("incremental-append-full");
        String descriptors = """
                kind: source
                name: shop
                connector: jdbc
                connection: { url: "${env:CRM_URL}", user: "${env:CRM_USER}", password: "${secret:crm}" }
                ---
                kind: dataset
                name: orders
                source: shop
                extract: { table: orders%s }
                schema:
                  - { name: id, type: int, key: true }
                  - { name: amount, type: int, min: 0 }
                  - { name: updated_at, type: timestamp }
                %s
                """.formatted(incremental ? ", incremental: { column: updated_at }" : "",
                incremental ? "valid: { mode: append }" : mode);
        Files.createDirectories(dir.resolve("descriptors"));
        Files.writeString(dir.resolve("descriptors/shop.yaml"), descriptors);
        Map<String, String> env = Map.of("CRM_URL", pg.url(), "CRM_USER", pg.user(), "SLUICE_SECRET_CRM", pg.password());
        LakeLayout lake = new LakeLayout(dir.resolve("lake").toString());
        Sluice sluice = new Sluice(spark, dir, lake, Connectors.discover(getClass().getClassLoader()), env::get,
                Clock.systemUTC(), Registrar.none());
        SourceRunner runner = new SourceRunner(sluice);
        var project = DescriptorLoader.load(dir, dir.resolve("descriptors"));
        io.sluice.connector.ExtractMode second = incremental
                ? io.sluice.connector.ExtractMode.FULL : io.sluice.connector.ExtractMode.INCREMENTAL;

        RunReport first = runner.run(project, new RunRequest("shop", Optional.empty(), LocalDate.of(2026, 11, 22)));
        assertThat(first.datasets().get(0).status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
        RunReport again = runner.run(project, new RunRequest("shop", Optional.empty(), LocalDate.of(2026, 11, 23), second));

        assertThat(again.exitCode()).isZero();
        assertThat(again.datasets().get(0).raw()).isEqualTo(21);
        var valid = spark.read().format("delta").load(lake.valid("shop", "orders"));
        assertThat(valid.count()).isEqualTo(20);
        assertThat(valid.selectExpr("sum(amount)").first().getLong(0)).isEqualTo(2100L);
        assertThat(valid.select("id").distinct().count()).isEqualTo(20);
        var error = spark.read().format("delta").load(lake.error("shop", "orders"));
        assertThat(error.count()).isEqualTo(1);
        assertThat(error.first().<String>getAs("_run_id")).isEqualTo(again.datasets().get(0).runId());
    }

    @Test
    void sluiceValidateRefusesAnExplicitAppendOfAFullExtractSayingWhatToWrite(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("descriptors"));
        Files.writeString(dir.resolve("descriptors/shop.yaml"), """
                kind: source
                name: shop
                connector: jdbc
                connection: { url: "${env:CRM_URL}", user: "${env:CRM_USER}", password: "${secret:crm}" }
                ---
                kind: dataset
                name: orders
                source: shop
                extract: { table: orders }
                schema:
                  - { name: id, type: int }
                valid: { mode: append }
                """);
        var project = DescriptorLoader.load(dir, dir.resolve("descriptors"));
        var dataset = project.dataset("shop.orders").orElseThrow();
        var connector = Connectors.discover(getClass().getClassLoader()).factory("jdbc")
                .create(project.source("shop").orElseThrow(), new io.sluice.connector.ConnectorContext(dir, name -> null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.check(dataset))
                .isInstanceOf(io.sluice.metadata.DescriptorException.class)
                .hasMessageContaining("descriptors/shop.yaml:12")
                .hasMessageContaining("/valid/mode")
                .hasMessageContaining("remove 'mode: append'");
    }
}
