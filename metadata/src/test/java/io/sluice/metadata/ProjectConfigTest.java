package io.sluice.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

        assertThatThrownBy(() -> ProjectConfig.load(project, name -> null))
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
    void azureAccountsBecomeHadoopKeysAndStorageSettingsWithoutShowingSecrets(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("sluice.yaml"), String.join("\n",
                "lake: abfss://lake@mylake.dfs.core.windows.net/sluice",
                "azure:",
                "  accounts:",
                "    mylake: { auth: account-key, key: \"${env:MYLAKE_KEY}\" }",
                "    partner.dfs.core.chinacloudapi.cn:",
                "      auth: service-principal",
                "      tenant-id: tenant-1",
                "      client-id: app-1",
                "      client-secret: \"${secret:partner_sp}\"",
                "      authority-host: https://login.chinacloudapi.cn/",
                "    corp: { auth: managed-identity, client-id: mi-1 }",
                "    system: { auth: managed-identity, endpoint: \"https://system.privatelink.dfs.core.windows.net\" }",
                "  hadoop:",
                "    fs.azure.always.use.https: false",
                "spark:",
                "  conf:",
                "    spark.hadoop.fs.azure.account.auth.type.mylake.dfs.core.windows.net: Custom",
                ""));
        Map<String, String> environment = Map.of("MYLAKE_KEY", "a2V5MQ==", "SLUICE_SECRET_PARTNER_SP", "sp-secret");

        ProjectConfig config = ProjectConfig.load(project, environment::get);

        String mylake = ".mylake.dfs.core.windows.net";
        String partner = ".partner.dfs.core.chinacloudapi.cn";
        String corp = ".corp.dfs.core.windows.net";
        String system = ".system.dfs.core.windows.net";
        assertThat(config.sparkConf()).containsExactly(
                Map.entry("spark.hadoop.fs.azure.account.auth.type" + mylake, "Custom"),
                Map.entry("spark.hadoop.fs.azure.account.key" + mylake, "a2V5MQ=="),
                Map.entry("spark.hadoop.fs.azure.account.auth.type" + partner, "OAuth"),
                Map.entry("spark.hadoop.fs.azure.account.oauth.provider.type" + partner,
                        "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider"),
                Map.entry("spark.hadoop.fs.azure.account.oauth2.client.endpoint" + partner,
                        "https://login.chinacloudapi.cn/tenant-1/oauth2/token"),
                Map.entry("spark.hadoop.fs.azure.account.oauth2.client.id" + partner, "app-1"),
                Map.entry("spark.hadoop.fs.azure.account.oauth2.client.secret" + partner, "sp-secret"),
                Map.entry("spark.hadoop.fs.azure.account.auth.type" + corp, "OAuth"),
                Map.entry("spark.hadoop.fs.azure.account.oauth.provider.type" + corp,
                        "org.apache.hadoop.fs.azurebfs.oauth2.MsiTokenProvider"),
                Map.entry("spark.hadoop.fs.azure.account.oauth2.client.id" + corp, "mi-1"),
                Map.entry("spark.hadoop.fs.azure.account.auth.type" + system, "OAuth"),
                Map.entry("spark.hadoop.fs.azure.account.oauth.provider.type" + system,
                        "org.apache.hadoop.fs.azurebfs.oauth2.MsiTokenProvider"),
                Map.entry("spark.hadoop.fs.azure.always.use.https", "false"));
        assertThat(config.storageSettings()).containsExactly(
                Map.entry("azure.mylake.dfs.core.windows.net.auth", "account-key"),
                Map.entry("azure.mylake.dfs.core.windows.net.key", "a2V5MQ=="),
                Map.entry("azure.partner.dfs.core.chinacloudapi.cn.auth", "service-principal"),
                Map.entry("azure.partner.dfs.core.chinacloudapi.cn.tenant-id", "tenant-1"),
                Map.entry("azure.partner.dfs.core.chinacloudapi.cn.client-id", "app-1"),
                Map.entry("azure.partner.dfs.core.chinacloudapi.cn.client-secret", "sp-secret"),
                Map.entry("azure.partner.dfs.core.chinacloudapi.cn.authority-host", "https://login.chinacloudapi.cn"),
                Map.entry("azure.corp.dfs.core.windows.net.auth", "managed-identity"),
                Map.entry("azure.corp.dfs.core.windows.net.client-id", "mi-1"),
                Map.entry("azure.system.dfs.core.windows.net.auth", "managed-identity"),
                Map.entry("azure.system.dfs.core.windows.net.endpoint", "https://system.privatelink.dfs.core.windows.net"),
                Map.entry("azure.hadoop.fs.azure.always.use.https", "false"));
        assertThat(config.azure().account("MYLAKE.dfs.core.windows.net")).isPresent();
        assertThat(config.azure().account("other.dfs.core.windows.net")).isEmpty();
        assertThat(config.withLake("lake").azure()).isEqualTo(config.azure());
        assertThat(config.toString()).doesNotContain("a2V5MQ==").doesNotContain("sp-secret")
                .contains("AccountKey[key=(hidden)]", "ServicePrincipal[tenantId=tenant-1, clientId=app-1, "
                        + "clientSecret=(hidden), authorityHost=https://login.chinacloudapi.cn]");
    }

    @Test
    void anAccountMissingWhatItsAuthNeedsOrHoldingASecretInClearIsAProblemWithItsLine(@TempDir Path project)
            throws IOException {
        Files.writeString(project.resolve("sluice.yaml"), String.join("\n",
                "azure:",
                "  accounts:",
                "    mylake:",
                "      auth: account-key",
                "      key: Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq==",
                "      tenant-id: t",
                "    partner: { auth: service-principal, client-id: app-1 }",
                "    corp: { auth: managed-identiy }",
                ""));

        assertThatThrownBy(() -> ProjectConfig.load(project, name -> null))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("sluice.yaml:8: /azure/accounts/corp/auth: managed-identiy is not a valid enum value");
        Files.writeString(project.resolve("sluice.yaml"), Files.readString(project.resolve("sluice.yaml"))
                .replace("managed-identiy", "managed-identity"));

        assertThatThrownBy(() -> ProjectConfig.load(project, name -> null))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("sluice.yaml:5: /azure/accounts/mylake/key: write the secret as a reference "
                        + "(\"${env:NAME}\" or \"${secret:name}\"), never in sluice.yaml\n"
                        + "sluice.yaml:6: /azure/accounts/mylake/tenant-id: 'tenant-id' does not apply to auth "
                        + "account-key; remove it\n"
                        + "sluice.yaml:7: /azure/accounts/partner: auth service-principal needs 'tenant-id' "
                        + "(see docs/adls.md)\n"
                        + "sluice.yaml:7: /azure/accounts/partner: auth service-principal needs 'client-secret' "
                        + "(see docs/adls.md)");
    }

    @Test
    void anUnsetSecretOfAnAccountNamesTheFieldButNotAValue(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("sluice.yaml"),
                "azure:\n  accounts:\n    mylake: { auth: account-key, key: \"${env:MYLAKE_KEY}\" }\n");

        assertThatThrownBy(() -> ProjectConfig.load(project, name -> null))
                .isInstanceOf(SluiceException.class)
                .hasMessage("sluice.yaml:3: /azure/accounts/mylake/key: environment variable MYLAKE_KEY is not set "
                        + "(export it before the run)");
    }
}
