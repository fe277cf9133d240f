package io.sluice.connector.storage.adls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.sluice.connector.storage.Storage;
import io.sluice.connector.storage.StoragePath;
import io.sluice.metadata.SluiceException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An endpoint nobody answers on, through the real SDK and the JDK's HTTP client: a {@link SluiceException} with its
 * code once the SDK's retries are spent. The client retries once after 10 ms; the SDK's default policy (four tries,
 * exponential back-off from 4 s) would spend about 45 seconds reaching the same answer.
 */
class AdlsUnreachableIT {
    private static final String HOST = "mylake.dfs.core.windows.net";
    private static final String KEY = Base64.getEncoder().encodeToString("k".getBytes(StandardCharsets.UTF_8));

    @Test
    void anUnreachableEndpointNamesTheAccountAndTheEndpoint() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port + "/mylake";
        AzureSettings settings = AzureSettings.of(new AzureAccount(HOST, new AzureAuth.AccountKey(KEY),
                Optional.of(endpoint)));
        StoragePath root = StoragePath.of("abfss://landing@" + HOST + "/in");
        RequestRetryOptions shortRetry = new RequestRetryOptions(RetryPolicyType.FIXED, 2, Duration.ofSeconds(10),
                Duration.ofMillis(10), Duration.ofMillis(10), null);
        Storage storage = AzureStorageFactory.open(root, settings, new JdkHttpClientBuilder().build(), shortRetry);

        assertThatThrownBy(() -> storage.list(root))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("ADLS account " + HOST + " could not be reached at " + endpoint + " to list "
                        + root + " (")
                .hasMessageEndingWith("): check the account's endpoint in sluice.yaml and the network")
                .extracting(e -> ((SluiceException) e).errorCode()).isEqualTo(AzureErrorCode.AZURE_UNREACHABLE);
        assertThat(AzureErrorCode.AZURE_UNREACHABLE.category().exitCode()).isEqualTo(3);
    }
}
