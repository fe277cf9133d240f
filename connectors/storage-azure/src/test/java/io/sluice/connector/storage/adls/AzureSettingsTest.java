package io.sluice.connector.storage.adls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.storage.Storages;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.ProjectConfig;
import io.sluice.metadata.SluiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code azure:} section of {@code sluice.yaml} read the way the command line reads it
 * ({@link Storages#loadProject}: the factory found by {@code ServiceLoader} binds its section), and the Spark
 * configuration it implies.
 */
class AzureSettingsTest {

    private static ProjectConfig load(Path project, Function<String, String> environment) {
        return Storages.loadProject(project, environment, AzureSettingsTest.class.getClassLoader());
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

        ProjectConfig config = load(project, environment::get);

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
        AzureSettings azure = AzureSettings.bind(config.storage().get("azure"), environment::get);
        assertThat(azure.accounts()).containsExactly(
                new AzureAccount("mylake.dfs.core.windows.net", new AzureAuth.AccountKey("a2V5MQ=="), Optional.empty()),
                new AzureAccount("partner.dfs.core.chinacloudapi.cn", new AzureAuth.ServicePrincipal("tenant-1",
                        "app-1", "sp-secret", "https://login.chinacloudapi.cn"), Optional.empty()),
                new AzureAccount("corp.dfs.core.windows.net", new AzureAuth.ManagedIdentity(Optional.of("mi-1")),
                        Optional.empty()),
                new AzureAccount("system.dfs.core.windows.net", new AzureAuth.ManagedIdentity(Optional.empty()),
                        Optional.of("https://system.privatelink.dfs.core.windows.net")));
        assertThat(azure.hadoop()).containsExactly(Map.entry("fs.azure.always.use.https", "false"));
        assertThat(azure.account("MYLAKE.dfs.core.windows.net")).isPresent();
        assertThat(azure.account("other.dfs.core.windows.net")).isEmpty();
        assertThat(config.toString()).doesNotContain("a2V5MQ==").doesNotContain("sp-secret");
        assertThat(azure.toString()).doesNotContain("a2V5MQ==").doesNotContain("sp-secret")
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

        assertThatThrownBy(() -> load(project, name -> null))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("sluice.yaml:8: /azure/accounts/corp/auth: managed-identiy is not a valid enum value");
        Files.writeString(project.resolve("sluice.yaml"), Files.readString(project.resolve("sluice.yaml"))
                .replace("managed-identiy", "managed-identity"));

        assertThatThrownBy(() -> load(project, name -> null))
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

        assertThatThrownBy(() -> load(project, name -> null))
                .isInstanceOf(SluiceException.class)
                .hasMessage("sluice.yaml:3: /azure/accounts/mylake/key: environment variable MYLAKE_KEY is not set "
                        + "(export it before the run)");
    }

    @Test
    void theSectionIsAnUnknownFieldWhereNoStorageReadsIt(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("sluice.yaml"), "azure:\n  accounts: {}\n");

        assertThat(load(project, name -> null).sparkConf()).isEmpty();
        assertThat(Storages.sections(getClass().getClassLoader())).containsExactly("azure");
        assertThatThrownBy(() -> ProjectConfig.load(project, name -> null))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("sluice.yaml:1: /azure: unknown field 'azure' (expected one of: catalog, descriptors, "
                        + "lake, spark)");
    }
}
