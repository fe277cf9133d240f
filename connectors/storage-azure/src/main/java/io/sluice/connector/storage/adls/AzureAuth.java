package io.sluice.connector.storage.adls;

import java.util.Objects;
import java.util.Optional;

/** How an account authenticates. The records' {@code toString} never shows a secret. */
public sealed interface AzureAuth {
    /** {@code auth:} value of {@link AccountKey}. */
    String ACCOUNT_KEY = "account-key";
    /** {@code auth:} value of {@link ServicePrincipal}. */
    String SERVICE_PRINCIPAL = "service-principal";
    /** {@code auth:} value of {@link ManagedIdentity}. */
    String MANAGED_IDENTITY = "managed-identity";

    /** Shared key: the storage account's access key. */
    record AccountKey(String key) implements AzureAuth {
        public AccountKey {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "AccountKey[key=(hidden)]";
        }
    }

    /**
     * A Microsoft Entra ID application (OAuth 2.0 client credentials).
     *
     * @param authorityHost {@code https://login.microsoftonline.com} in the public cloud
     */
    record ServicePrincipal(String tenantId, String clientId, String clientSecret, String authorityHost)
            implements AzureAuth {
        /** The public cloud's Entra ID host. */
        public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";

        public ServicePrincipal {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            authorityHost = authorityHost.endsWith("/") ? authorityHost.substring(0, authorityHost.length() - 1)
                    : authorityHost;
        }

        /** The OAuth token endpoint hadoop-azure's {@code ClientCredsTokenProvider} posts to. */
        public String tokenEndpoint() {
            return authorityHost + "/" + tenantId + "/oauth2/token";
        }

        @Override
        public String toString() {
            return "ServicePrincipal[tenantId=" + tenantId + ", clientId=" + clientId
                    + ", clientSecret=(hidden), authorityHost=" + authorityHost + "]";
        }
    }

    /**
     * The managed identity of the Azure host Sluice runs on.
     *
     * @param clientId a user-assigned identity's client id; the system-assigned identity when empty
     */
    record ManagedIdentity(Optional<String> clientId) implements AzureAuth {
        public ManagedIdentity {
            Objects.requireNonNull(clientId, "clientId");
        }
    }
}
