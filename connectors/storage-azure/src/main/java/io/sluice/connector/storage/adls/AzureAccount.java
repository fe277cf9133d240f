package io.sluice.connector.storage.adls;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One ADLS Gen2 storage account.
 *
 * @param host     the account's dfs host, {@code <account>.dfs.core.windows.net} (or another cloud's suffix)
 * @param auth     how to authenticate
 * @param endpoint the SDK's service endpoint when not {@code https://<host>} (private endpoints, tests)
 */
public record AzureAccount(String host, AzureAuth auth, Optional<String> endpoint) {
    /** The dfs host suffix of the public Azure cloud. */
    public static final String DFS_SUFFIX = ".dfs.core.windows.net";

    static final String CLIENT_CREDS_PROVIDER = "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider";
    static final String MSI_PROVIDER = "org.apache.hadoop.fs.azurebfs.oauth2.MsiTokenProvider";

    public AzureAccount {
        host = host.toLowerCase(java.util.Locale.ROOT);
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The dfs host of an account as written in {@code sluice.yaml}: a bare name gets the public cloud suffix. */
    public static String host(String nameOrHost) {
        return nameOrHost.contains(".") ? nameOrHost : nameOrHost + DFS_SUFFIX;
    }

    /** The account name: the first label of the host. */
    public String name() {
        return host.substring(0, host.indexOf('.') < 0 ? host.length() : host.indexOf('.'));
    }

    /** The Hadoop ABFS keys for this account (per-account keys, suffixed with the host). */
    public Map<String, String> hadoopConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        String h = "." + host;
        if (auth instanceof AzureAuth.AccountKey k) {
            conf.put("fs.azure.account.auth.type" + h, "SharedKey");
            conf.put("fs.azure.account.key" + h, k.key());
        } else if (auth instanceof AzureAuth.ServicePrincipal sp) {
            conf.put("fs.azure.account.auth.type" + h, "OAuth");
            conf.put("fs.azure.account.oauth.provider.type" + h, CLIENT_CREDS_PROVIDER);
            conf.put("fs.azure.account.oauth2.client.endpoint" + h, sp.tokenEndpoint());
            conf.put("fs.azure.account.oauth2.client.id" + h, sp.clientId());
            conf.put("fs.azure.account.oauth2.client.secret" + h, sp.clientSecret());
        } else if (auth instanceof AzureAuth.ManagedIdentity mi) {
            conf.put("fs.azure.account.auth.type" + h, "OAuth");
            conf.put("fs.azure.account.oauth.provider.type" + h, MSI_PROVIDER);
            mi.clientId().ifPresent(id -> conf.put("fs.azure.account.oauth2.client.id" + h, id));
        } else {
            throw new IllegalStateException("no Hadoop keys for " + auth.getClass().getName());
        }
        return conf;
    }
}
