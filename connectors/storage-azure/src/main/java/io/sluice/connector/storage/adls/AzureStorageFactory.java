package io.sluice.connector.storage.adls;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeServiceClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import io.sluice.connector.storage.Storage;
import io.sluice.connector.storage.StorageFactory;
import io.sluice.metadata.ProjectConfig.Azure;
import io.sluice.metadata.ProjectConfig.AzureAuth;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link AdlsStorage} for {@code abfs://} and {@code abfss://} URIs. Credentials come from the storage
 * settings of {@code sluice.yaml}'s {@code azure.accounts} ({@link Azure#storageSettings()}): per account host
 * {@code auth} = {@code account-key} ({@code key}), {@code service-principal} ({@code tenant-id}, {@code client-id},
 * {@code client-secret}, {@code authority-host}) or {@code managed-identity} (optional {@code client-id}), and an
 * optional {@code endpoint}. The SDK runs on the JDK's HTTP client. Secrets are never logged.
 */
public final class AzureStorageFactory implements StorageFactory {
    private static final Logger LOG = LoggerFactory.getLogger(AzureStorageFactory.class);

    @Override
    public boolean supports(String scheme) {
        return scheme.equals("abfs") || scheme.equals("abfss");
    }

    @Override
    public Storage open(String root, Map<String, String> settings, Function<String, String> environment) {
        return open(root, settings, new JdkHttpClientBuilder().build());
    }

    /**
     * Opens the storage with a given HTTP client (tests plug an in-process service in here).
     *
     * @throws IllegalArgumentException when {@code root} is not an ADLS path or its account has no credentials
     */
    public static AdlsStorage open(String root, Map<String, String> settings, HttpClient httpClient) {
        AdlsPath path = AdlsPath.parse(root);
        authOf(path.host(), settings);
        return new AdlsStorage(host -> serviceClient(host, settings, httpClient));
    }

    /**
     * The SDK client of one account, authenticated as its settings say.
     *
     * @throws IllegalArgumentException naming the account and the missing setting
     */
    public static DataLakeServiceClient serviceClient(String host, Map<String, String> settings,
                                                      HttpClient httpClient) {
        String auth = authOf(host, settings);
        String endpoint = optional(settings, host, "endpoint").orElse("https://" + host);
        DataLakeServiceClientBuilder builder = new DataLakeServiceClientBuilder().endpoint(endpoint)
                .httpClient(httpClient);
        String account = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        switch (auth) {
            case AzureAuth.ACCOUNT_KEY -> builder.credential(
                    new StorageSharedKeyCredential(account, required(settings, host, "key", auth)));
            case AzureAuth.SERVICE_PRINCIPAL -> builder.credential(servicePrincipal(host, settings, httpClient));
            case AzureAuth.MANAGED_IDENTITY -> {
                ManagedIdentityCredentialBuilder mi = new ManagedIdentityCredentialBuilder().httpClient(httpClient);
                optional(settings, host, "client-id").ifPresent(mi::clientId);
                builder.credential(mi.build());
            }
            default -> throw new IllegalArgumentException("storage account " + host + ": unknown auth '" + auth
                    + "' (use account-key, service-principal or managed-identity)");
        }
        LOG.debug("ADLS client for {} at {} with {} authentication", host, endpoint, auth);
        return builder.buildClient();
    }

    private static TokenCredential servicePrincipal(String host, Map<String, String> settings, HttpClient http) {
        String auth = AzureAuth.SERVICE_PRINCIPAL;
        ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder()
                .tenantId(required(settings, host, "tenant-id", auth))
                .clientId(required(settings, host, "client-id", auth))
                .clientSecret(required(settings, host, "client-secret", auth))
                .httpClient(http);
        optional(settings, host, "authority-host").ifPresent(b::authorityHost);
        return b.build();
    }

    private static String authOf(String host, Map<String, String> settings) {
        return optional(settings, host, "auth").orElseThrow(() -> new IllegalArgumentException(
                "no credentials for storage account " + host + ": add it under azure.accounts in sluice.yaml, e.g. "
                        + host.substring(0, Math.max(0, host.indexOf('.'))) + ": { auth: account-key, key: "
                        + "\"${env:ADLS_KEY}\" } (see docs/adls.md)"));
    }

    private static String required(Map<String, String> settings, String host, String field, String auth) {
        return optional(settings, host, field).orElseThrow(() -> new IllegalArgumentException("storage account "
                + host + ": auth " + auth + " needs '" + field + "' in sluice.yaml's azure.accounts"));
    }

    private static Optional<String> optional(Map<String, String> settings, String host, String field) {
        return Optional.ofNullable(settings.get(Azure.setting(host, field))).filter(v -> !v.isBlank());
    }
}
