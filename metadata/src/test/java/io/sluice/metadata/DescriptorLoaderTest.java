package io.sluice.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DescriptorLoaderTest {
    private static final Logger LOG = LoggerFactory.getLogger(DescriptorLoaderTest.class);

    @Test
    void loadsTheExampleProjectIntoRecords(@TempDir Path dir) {
        Path project = TestProjects.copy("/projects/dealer", dir);

        Project loaded = DescriptorLoader.load(project, project.resolve("descriptors"));

        assertThat(loaded.sources()).extracting(SourceSpec::name).containsExactly("dealer_dw", "store_files");
        assertThat(loaded.datasets()).extracting(DatasetSpec::qualifiedName)
                .containsExactly("dealer_dw.sales", "dealer_dw.customers", "store_files.stores");
        assertThat(loaded.refined()).extracting(RefinedSpec::name).containsExactly("daily_sales_by_store", "regional_sales");

        SourceSpec dw = loaded.source("dealer_dw").orElseThrow();
        assertThat(dw.connector()).isEqualTo("jdbc");
        assertThat(dw.owner()).contains("sales-data@example.com");
        assertThat(dw.tags()).containsExactly("sales", "dw");
        assertThat(dw.origin().file()).isEqualTo("descriptors/dealer_dw.yaml");
        assertThat(dw.origin().line()).isEqualTo(2);
        assertThat(dw.connection().pointer()).isEqualTo("/connection");
        assertThat(dw.connection().values()).containsExactly(
                Map.entry("url", "${env:DW_URL}"), Map.entry("user", "${env:DW_USER}"),
                Map.entry("password", "${secret:dw_password}"), Map.entry("fetch_size", 10000),
                Map.entry("read_only", true));
        assertThat(dw.connection().origin().lineOf("/connection/password")).isEqualTo(8);

        DatasetSpec sales = loaded.dataset("dealer_dw.sales").orElseThrow();
        assertThat(sales.origin().line()).isEqualTo(14);
        assertThat(sales.description()).contains("Vehicle sales, one row per sale");
        assertThat(sales.owner()).as("defaults to the source's owner").contains("sales-data@example.com");
        assertThat(sales.extract().values().get("incremental")).isEqualTo(Map.of("column", "UPDATED_AT"));
        assertThat(sales.extract().integer("parallelism", 1)).isEqualTo(8);
        assertThat(sales.columns()).extracting(ColumnSpec::name)
                .containsExactly("sale_id", "vin", "price", "sold_at", "email", "store_id", "channel");
        ColumnSpec saleId = sales.column("sale_id").orElseThrow();
        assertThat(saleId.key()).isTrue();
        assertThat(saleId.nullable()).as("key implies not nullable").isFalse();
        ColumnSpec price = sales.column("price").orElseThrow();
        assertThat(price.type()).isEqualTo(ColumnType.decimal(12, 2));
        assertThat(price.min()).contains(BigDecimal.ZERO);
        assertThat(price.max()).contains(new BigDecimal("999999.99"));
        assertThat(sales.column("sold_at").orElseThrow().format()).contains("yyyy-MM-dd HH:mm:ss");
        assertThat(sales.column("email").orElseThrow().pii()).isTrue();
        assertThat(sales.column("email").orElseThrow().maxLength()).contains(200);
        assertThat(sales.column("vin").orElseThrow().pattern()).contains("^[A-HJ-NPR-Z0-9]{17}$");
        assertThat(sales.column("vin").orElseThrow().nullable()).isTrue();
        assertThat(sales.column("store_id").orElseThrow().nullable()).isFalse();
        assertThat(sales.column("channel").orElseThrow().allowed()).containsExactly("web", "shop");
        assertThat(sales.rules()).containsExactly(
                new RuleSpec.Unique("unique_sale_id", List.of("sale_id"), "/rules/0"),
                new RuleSpec.Sql("price_sane", "price < 1000000 AND date(sold_at) >= DATE '2000-01-01'", "/rules/1"));
        assertThat(sales.drift()).isEqualTo(DriftPolicy.FAIL);
        assertThat(sales.validMode()).isEqualTo(WriteMode.MERGE);
        assertThat(sales.maxErrorRatio()).isEqualTo(0.05);
        assertThat(sales.tags()).containsExactly("sales");
        assertThat(sales.origin().lineOf("/schema/3/format")).isEqualTo(25);
        assertThat(sales.origin().lineOf("/rules/1/sql")).isEqualTo(31);
        assertThat(sales.origin().lineOf("/error/max_ratio")).isEqualTo(34);
        assertThat(sales.origin().lineOf("/schema/3/no_such_field")).as("nearest located ancestor").isEqualTo(23);

        DatasetSpec customers = loaded.dataset("dealer_dw.customers").orElseThrow();
        assertThat(customers.origin().line()).isEqualTo(37);
        assertThat(customers.owner()).contains("crm@example.com");
        assertThat(customers.drift()).isEqualTo(DriftPolicy.RESCUE);
        assertThat(customers.validMode()).isEqualTo(WriteMode.APPEND);
        assertThat(customers.maxErrorRatio()).isEqualTo(DatasetSpec.DEFAULT_MAX_ERROR_RATIO);
        assertThat(customers.hasDefaultMaxErrorRatio()).isTrue();
        assertThat(customers.declaresValidMode()).isFalse();
        assertThat(customers.extract().values()).isEmpty();
        assertThat(customers.extract().pointer()).isEqualTo("/extract");

        SourceSpec files = loaded.source("store_files").orElseThrow();
        assertThat(files.origin().file()).isEqualTo("descriptors/store_files.json");
        assertThat(files.origin().lineOf("/connection/path")).isEqualTo(5);
        assertThat(files.owner()).isEmpty();
        assertThat(files.description()).contains("Store master data delivered as CSV");

        RefinedSpec daily = loaded.refined("daily_sales_by_store").orElseThrow();
        assertThat(daily.inputs()).containsExactly("dealer_dw.sales", "store_files.stores");
        assertThat(daily.sql()).startsWith("SELECT store_id, region").endsWith("GROUP BY ALL\n");
        assertThat(daily.mode()).isEqualTo(WriteMode.MERGE);
        assertThat(daily.key()).containsExactly("store_id", "day");
        assertThat(daily.origin().file()).isEqualTo("descriptors/refined/daily.yaml");
        RefinedSpec regional = loaded.refined("regional_sales").orElseThrow();
        assertThat(regional.mode()).isEqualTo(WriteMode.OVERWRITE);
        assertThat(regional.origin().line()).isEqualTo(11);
        assertThat(loaded.refinedDownstreamOf(java.util.Set.of("store_files.stores")))
                .containsExactly(daily, regional);
    }

    @Test
    void readsColumnsFromAnAvroSchemaFile(@TempDir Path dir) {
        Path project = TestProjects.copy("/projects/dealer", dir);

        DatasetSpec stores = DescriptorLoader.load(project, project.resolve("descriptors"))
                .dataset("store_files.stores").orElseThrow();

        assertThat(stores.columns()).containsExactly(
                new ColumnSpec("store_id", ColumnType.of(ColumnType.Kind.INT), false, false, Optional.empty(),
                        Optional.of("Store number"), false, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), List.of()),
                ColumnSpec.of("region", ColumnType.of(ColumnType.Kind.STRING), true),
                ColumnSpec.of("opened", ColumnType.of(ColumnType.Kind.DATE), false),
                ColumnSpec.of("area", ColumnType.decimal(10, 2), true),
                ColumnSpec.of("updated", ColumnType.of(ColumnType.Kind.TIMESTAMP), false),
                ColumnSpec.of("score", ColumnType.of(ColumnType.Kind.DOUBLE), false),
                new ColumnSpec("kind", ColumnType.of(ColumnType.Kind.STRING), false, false, Optional.empty(),
                        Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), List.of("MALL", "STREET")));
        assertThat(stores.validMode()).isEqualTo(WriteMode.OVERWRITE);
        assertThat(stores.origin().lineOf("/schema/2")).as("Avro columns point at the avro: line").isEqualTo(5);
    }

    @Test
    void reportsProblemsOfEveryFileTogetherSortedByFileAndLine(@TempDir Path project) throws IOException {
        Path descriptors = Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(descriptors.resolve("b.yaml"), "kind: source\nname: b\nconnector: jdbc\nownr: x\n");
        Files.writeString(descriptors.resolve("a.yml"), "kind: source\nname: a\n");

        assertThatThrownBy(() -> DescriptorLoader.load(project, descriptors))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("descriptors/a.yml:1: /: missing required field 'connector'\n"
                        + "descriptors/b.yaml:4: /ownr: unknown field 'ownr' (expected one of: connection, connector, "
                        + "description, kind, name, owner, parallelism, tags); did you mean 'owner'?");
    }

    @Test
    void readsHowManyDatasetsOfASourceRunAtOnce(@TempDir Path project) throws IOException {
        Path descriptors = Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(descriptors.resolve("a.yaml"), "kind: source\nname: a\nconnector: jdbc\nparallelism: 1\n");
        Files.writeString(descriptors.resolve("b.yaml"), "kind: source\nname: b\nconnector: files\n");

        Project loaded = DescriptorLoader.load(project, descriptors);

        assertThat(loaded.source("a").orElseThrow().parallelism()).isEqualTo(1);
        assertThat(loaded.source("b").orElseThrow().parallelism()).isEqualTo(SourceSpec.DEFAULT_PARALLELISM);
    }

    @Test
    void refusesAParallelismBelowOne(@TempDir Path project) throws IOException {
        Path descriptors = Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(descriptors.resolve("a.yaml"), "kind: source\nname: a\nconnector: jdbc\nparallelism: 0\n");

        assertThatThrownBy(() -> DescriptorLoader.load(project, descriptors))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("descriptors/a.yaml:4: /parallelism: must be a whole number from 1 to 64 (1 runs the"
                        + " datasets one after another), found 0");
    }

    @Test
    void reportsSyntaxErrorsBeforeAnySchemaProblem(@TempDir Path project) throws IOException {
        Path descriptors = Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(descriptors.resolve("a.yaml"), "kind: source\nname: a\nconnector: jdbc\nownr: x\n");
        Files.writeString(descriptors.resolve("b.yaml"), "kind: source\nname: [b\n");

        assertThatThrownBy(() -> DescriptorLoader.load(project, descriptors))
                .isInstanceOf(DescriptorException.class)
                .hasMessageStartingWith("descriptors/b.yaml:3: /name: YAML syntax error: while parsing a flow sequence:")
                .hasMessageNotContaining("ownr");
    }

    @Test
    void ignoresOtherAndHiddenFilesAndLoadsAnEmptyFolder(@TempDir Path project) throws IOException {
        Path descriptors = Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(descriptors.resolve("notes.txt"), "kind: nonsense");
        Files.createDirectories(descriptors.resolve(".git"));
        Files.writeString(descriptors.resolve(".git/config.yaml"), "kind: nonsense");
        Files.writeString(descriptors.resolve("empty.yaml"), "# nothing yet\n---\n");

        Project loaded = DescriptorLoader.load(project, descriptors);

        assertThat(loaded.sources()).isEmpty();
        assertThat(loaded.datasets()).isEmpty();
        assertThat(loaded.refined()).isEmpty();
    }

    @Test
    void failsWhenTheDescriptorFolderIsMissing(@TempDir Path project) {
        assertThatThrownBy(() -> DescriptorLoader.load(project, Path.of("descriptors")))
                .isInstanceOf(SluiceException.class)
                .hasMessage("descriptor folder descriptors does not exist (create it, or set descriptors: in sluice.yaml)")
                .satisfies(e -> assertThat(((SluiceException) e).code()).isEqualTo("DESCRIPTORS_NOT_FOUND"));
    }

    @Test
    void loadsThroughTheProjectConfiguration(@TempDir Path dir) {
        Path project = TestProjects.copy("/projects/dealer", dir);

        Project loaded = DescriptorLoader.load(ProjectConfig.load(project, name -> null));

        assertThat(loaded.datasets()).hasSize(3);
    }

    @Test
    void keepsTheJsonTypeOfYamlScalarsInOptions(@TempDir Path project) throws IOException {
        Path descriptors = Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(descriptors.resolve("s.yaml"), String.join("\n", "kind: source", "name: s", "connector: files",
                "connection: { a: 1, b: 12345678901, c: 1.5, d: true, e: \"7\", f: [x, 2], g: ~ }", ""));

        Options connection = DescriptorLoader.load(project, descriptors).source("s").orElseThrow().connection();

        assertThat(connection.values().get("a")).isEqualTo(1);
        assertThat(connection.values().get("b")).isEqualTo(12345678901L);
        assertThat(connection.values().get("c")).isEqualTo(1.5);
        assertThat(connection.values().get("d")).isEqualTo(true);
        assertThat(connection.values().get("e")).isEqualTo("7");
        assertThat(connection.values().get("f")).isEqualTo(List.of("x", 2));
        assertThat(connection.values()).containsEntry("g", null);
    }

    @Test
    void loadsFiftyDescriptorsQuickly(@TempDir Path project) throws IOException {
        Path descriptors = Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(descriptors.resolve("source.yaml"), "kind: source\nname: dw\nconnector: jdbc\n");
        for (int i = 0; i < 50; i++) {
            Files.writeString(descriptors.resolve("d" + i + ".yaml"), String.join("\n", "kind: dataset",
                    "name: table_" + i, "source: dw", "extract: { table: T" + i + " }", "schema:",
                    "  - { name: id, type: long, key: true }", "  - { name: name, type: string, max_length: 80 }",
                    "  - { name: amount, type: \"decimal(12,2)\", min: 0 }", "  - { name: at, type: timestamp }",
                    "rules: [ { unique: [id] }, { name: positive, sql: \"amount >= 0\" } ]", "valid: { mode: merge }", ""));
        }
        DescriptorLoader.load(project, descriptors); // warm the JVM and the compiled schema

        long started = System.nanoTime();
        Project loaded = DescriptorLoader.load(project, descriptors);
        LOG.info("50 dataset descriptors loaded in {} ms", (System.nanoTime() - started) / 1_000_000);

        assertThat(loaded.datasets()).hasSize(50);
    }
}
