package io.sluice.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectConfigTest {

    @Test
    void usesDefaultsWithoutSluiceYaml(@TempDir Path project) {
        ProjectConfig config = ProjectConfig.load(project, name -> null);

        assertThat(config.projectDir()).isEqualTo(project.toAbsolutePath().normalize());
        assertThat(config.lake()).isEqualTo(project.resolve("lake").toAbsolutePath().normalize().toString());
        assertThat(config.descriptors()).isEqualTo(project.resolve("descriptors").toAbsolutePath().normalize());
        assertThat(config.catalogUrl()).isEmpty();
        assertThat(config.sparkMaster()).isEqualTo("local[*]");
        assertThat(config.sparkConf()).isEmpty();
        assertThat(config.lakeIsUri()).isFalse();
    }

    @Test
    void readsEverySetting(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("sluice.yaml"), String.join("\n",
                "lake: abfss://lake@account.dfs.core.windows.net/sluice",
                "descriptors: config/descriptors",
                "catalog: { url: \"jdbc:postgresql://db/catalog?password=${secret:catalog_password}\" }",
                "spark:",
                "  master: spark://10.0.0.1:7077",
                "  conf:",
                "    spark.sql.shuffle.partitions: 8",
                "    spark.sql.adaptive.enabled: true",
                "    fs.azure.account.key.account.dfs.core.windows.net: \"${secret:adls_key}\"",
                ""));
        Map<String, String> environment = Map.of("SLUICE_SECRET_CATALOG_PASSWORD", "pw1", "SLUICE_SECRET_ADLS_KEY", "key1");

        ProjectConfig config = ProjectConfig.load(project, environment::get);

        assertThat(config.lake()).isEqualTo("abfss://lake@account.dfs.core.windows.net/sluice");
        assertThat(config.lakeIsUri()).isTrue();
        assertThat(config.descriptors()).isEqualTo(project.resolve("config/descriptors").toAbsolutePath().normalize());
        assertThat(config.catalogUrl()).contains("jdbc:postgresql://db/catalog?password=pw1");
        assertThat(config.sparkMaster()).isEqualTo("spark://10.0.0.1:7077");
        assertThat(config.sparkConf()).containsExactly(Map.entry("spark.sql.shuffle.partitions", "8"),
                Map.entry("spark.sql.adaptive.enabled", "true"),
                Map.entry("fs.azure.account.key.account.dfs.core.windows.net", "key1"));
        assertThat(config.toString()).doesNotContain("pw1").doesNotContain("key1");
    }

    @Test
    void relativeLakeResolvesAgainstTheProjectAndOverridesApply(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("sluice.yaml"), "lake: ../shared/lake\n");

        ProjectConfig config = ProjectConfig.load(project, name -> null);

        assertThat(config.lake()).isEqualTo(project.resolve("../shared/lake").toAbsolutePath().normalize().toString());
        assertThat(config.withLake("file:/data/lake").lake()).isEqualTo("file:/data/lake");
        assertThat(config.withLake("other").lake()).isEqualTo(project.resolve("other").toAbsolutePath().normalize().toString());
        assertThat(config.withDescriptors(Path.of("d2")).descriptors())
                .isEqualTo(project.resolve("d2").toAbsolutePath().normalize());
        assertThat(config.withDescriptors(Path.of("d2")).lake()).isEqualTo(config.lake());
    }

    @Test
    void unknownKeysAndWrongTypesAreProblemsWithLines(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("sluice.yaml"), String.join("\n",
                "lake: lake",
                "catalogue: { url: x }",
                "spark:",
                "  mastr: local[2]",
                "  conf: { spark.ui.enabled: [false] }",
                ""));

        assertThatThrownBy(() -> ProjectConfig.load(project, name -> null, Set.of("azure")))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("sluice.yaml:2: /catalogue: unknown field 'catalogue' (expected one of: azure, catalog, "
                        + "descriptors, lake, spark); did you mean 'catalog'?\n"
                        + "sluice.yaml:4: /spark/mastr: unknown field 'mastr' (expected one of: conf, master); "
                        + "did you mean 'master'?\n"
                        + "sluice.yaml:5: /spark/conf/spark.ui.enabled: expected a number, text or true or false, found a list");
    }

    @Test
    void anUnsetReferenceNamesTheFileAndField(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("sluice.yaml"), "lake: lake\ncatalog:\n  url: \"${env:CATALOG_URL}\"\n");

        assertThatThrownBy(() -> ProjectConfig.load(project, name -> null))
                .isInstanceOf(SluiceException.class)
                .hasMessage("sluice.yaml:3: /catalog/url: environment variable CATALOG_URL is not set (export it before the run)");
    }

    @Test
    void holdsOneDocument(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("sluice.yaml"), "lake: a\n---\nlake: b\n");

        assertThatThrownBy(() -> ProjectConfig.load(project, name -> null))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("sluice.yaml:3: /: sluice.yaml holds one document; remove the '---' separators");
    }

    @Test
    void anEmptyFileMeansDefaults(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("sluice.yaml"), "# all defaults\n");

        assertThat(ProjectConfig.load(project, name -> null)).isEqualTo(ProjectConfig.defaults(project));
        assertThat(ProjectConfig.defaults(project).catalogUrl()).isEqualTo(Optional.empty());
    }

    @Test
    void aStorageSectionIsKeptUnboundWithItsLinesForItsFactory(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("sluice.yaml"), String.join("\n",
                "lake: lake",
                "store:",
                "  accounts:",
                "    one: { key: \"${env:UNSET_UNTIL_BOUND}\" }",
                "spark: { conf: { spark.sql.shuffle.partitions: 8 } }",
                ""));

        ProjectConfig config = ProjectConfig.load(project, name -> null, Set.of("store", "other"));

        assertThat(config.storage()).containsOnlyKeys("store");
        Options store = config.storage().get("store");
        assertThat(store.pointer()).isEqualTo("/store");
        assertThat(store.values()).isEqualTo(Map.of("accounts", Map.of("one", Map.of("key", "${env:UNSET_UNTIL_BOUND}"))));
        assertThat(store.origin().lineOf("/store/accounts/one/key")).isEqualTo(4);
        assertThat(config.withImpliedSparkConf(ordered("spark.hadoop.a", "1", "spark.sql.shuffle.partitions", "2"))
                .sparkConf()).containsExactly(Map.entry("spark.hadoop.a", "1"),
                Map.entry("spark.sql.shuffle.partitions", "8"));
        assertThat(config.withLake("x").storage()).isEqualTo(config.storage());
        assertThatThrownBy(() -> ProjectConfig.load(project, name -> null))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("sluice.yaml:2: /store: unknown field 'store' (expected one of: catalog, descriptors, "
                        + "lake, spark)");
        Files.writeString(project.resolve("sluice.yaml"), "store: [a]\n");
        assertThatThrownBy(() -> ProjectConfig.load(project, name -> null, Set.of("store")))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("sluice.yaml:1: /store: expected an object (key: value pairs), found a list");
    }

    /** Entries in the order given ({@code Map.of} iterates in an order that changes from one JVM to the next). */
    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
