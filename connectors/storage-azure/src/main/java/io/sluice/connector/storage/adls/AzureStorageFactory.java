package io.sluice.connector.storage.adls;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.file.datalake.DataLakeServiceClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import io.sluice.connector.storage.Storage;
import io.sluice.connector.storage.StorageFactory;
import io.sluice.connector.storage.StoragePath;
import io.sluice.metadata.Options;
import io.sluice.metadata.SluiceException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link AdlsStorage} for {@code abfs://} and {@code abfss://} URIs. Binds the {@code azure:} section of
 * {@code sluice.yaml} into {@link AzureSettings}: per account {@code auth} = {@code account-key} ({@code key}),
 * {@code service-principal} ({@code tenant-id}, {@code client-id}, {@code client-secret}, {@code authority-host}) or
 * {@code managed-identity} (optional {@code client-id}), and an optional {@code endpoint}. The SDK runs on the
 * JDK's HTTP client. Secrets are never logged.
 */
public final class AzureStorageFactory implements StorageFactory<AzureSettings> {
    private static final Logger LOG = LoggerFactory.getLogger(AzureStorageFactory.class);

    @Override
    public String section() {
        return AzureSettings.SECTION;
    }

    @Override
    public boolean supports(String scheme) {
        return scheme.equals("abfs") || scheme.equals("abfss");
    }

    @Override
    public AzureSettings bind(Options section, Function<String, String> environment) {
        return AzureSettings.bind(section, environment);
    }

    @Override
    public Storage open(StoragePath root, AzureSettings settings, Function<String, String> environment) {
        return open(root, settings, new JdkHttpClientBuilder().build());
    }

    /**
     * Opens the storage with a given HTTP client (tests plug an in-process service in here).
     *
     * @throws SluiceException code {@code STORAGE_PATH_INVALID} when {@code root} is not an ADLS path,
     *                         {@code AZURE_ACCOUNT_UNKNOWN} when its account has no credentials
     */
    public static AdlsStorage open(StoragePath root, AzureSettings settings, HttpClient httpClient) {
        return open(root, settings, httpClient, new RequestRetryOptions());
    }

    /**
     * Opens the storage with a given HTTP client and SDK retry policy (tests of an unreachable endpoint use a short
     * one: the SDK's default spends about 45 seconds in back-off before it gives up).
     *
     * @throws SluiceException code {@code STORAGE_PATH_INVALID} when {@code root} is not an ADLS path,
     *                         {@code AZURE_ACCOUNT_UNKNOWN} when its account has no credentials
     */
    public static AdlsStorage open(StoragePath root, AzureSettings settings, HttpClient httpClient,
            RequestRetryOptions retry) {
        AdlsPath path = AdlsPath.of(root);
        account(path.host(), settings);
        return new AdlsStorage(host -> serviceClient(host, settings, httpClient, retry));
    }

    /**
     * The SDK client of one account, authenticated as its settings say.
     *
     * @throws SluiceException code {@code AZURE_ACCOUNT_UNKNOWN} naming the account when it has no settings
     */
    public static DataLakeServiceClient serviceClient(String host, AzureSettings settings, HttpClient httpClient) {
        return serviceClient(host, settings, httpClient, new RequestRetryOptions());
    }

    private static DataLakeServiceClient serviceClient(String host, AzureSettings settings, HttpClient httpClient,
            RequestRetryOptions retry) {
        AzureAccount account = account(host, settings);
        String endpoint = account.endpoint().orElse("https://" + account.host());
        DataLakeServiceClientBuilder builder = new DataLakeServiceClientBuilder().endpoint(endpoint)
                .httpClient(httpClient).retryOptions(retry);
        AzureAuth auth = account.auth();
        if (auth instanceof AzureAuth.AccountKey k) {
            builder.credential(new StorageSharedKeyCredential(account.name(), k.key()));
        } else if (auth instanceof AzureAuth.ServicePrincipal sp) {
            builder.credential(servicePrincipal(sp, httpClient));
        } else if (auth instanceof AzureAuth.ManagedIdentity mi) {
            ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder().httpClient(httpClient);
            mi.clientId().ifPresent(b::clientId);
            builder.credential(b.build());
        } else {
            throw new IllegalStateException("no SDK credential for " + auth.getClass().getName());
        }
        LOG.debug("ADLS client for {} at {} with {} authentication", host, endpoint, auth.getClass().getSimpleName());
        return builder.buildClient();
    }

    private static TokenCredential servicePrincipal(AzureAuth.ServicePrincipal sp, HttpClient http) {
        return new ClientSecretCredentialBuilder().tenantId(sp.tenantId()).clientId(sp.clientId())
                .clientSecret(sp.clientSecret()).authorityHost(sp.authorityHost()).httpClient(http).build();
    }

    private static AzureAccount account(String host, AzureSettings settings) {
        return settings.account(host).orElseThrow(() -> new SluiceException(AzureErrorCode.AZURE_ACCOUNT_UNKNOWN,
                "no credentials for storage account " + host + ": add it under azure.accounts in sluice.yaml, e.g. "
                        + host.substring(0, Math.max(0, host.indexOf('.'))) + ": { auth: account-key, key: "
                        + "\"${env:ADLS_KEY}\" } (see docs/adls.md)"));
    }
}
