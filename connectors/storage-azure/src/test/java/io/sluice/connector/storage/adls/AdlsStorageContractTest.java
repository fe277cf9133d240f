package io.sluice.connector.storage.adls;

import io.sluice.connector.storage.Storage;
import io.sluice.connector.storage.StorageContract;
import io.sluice.connector.storage.StoragePath;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link AdlsStorage} against the storage contract: the real datalake SDK (request building, shared-key signing,
 * response parsing) talking to the in-process dfs endpoint {@link FakeDataLake}. Azurite serves only the blob
 * endpoint: the dfs calls the storage makes (rename, ACLs, real directories) need the fake.
 */
class AdlsStorageContractTest extends StorageContract {
    private static final String HOST = "contract.dfs.core.windows.net";
    private static final String KEY = Base64.getEncoder().encodeToString(
            "contract-key-0123456789".getBytes(StandardCharsets.UTF_8));

    private Storage storage;

    @BeforeEach
    void openStorage() {
        FakeDataLake lake = new FakeDataLake("contract", KEY, Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"),
                ZoneOffset.UTC));
        AzureSettings settings = AzureSettings.of(new AzureAccount(HOST, new AzureAuth.AccountKey(KEY),
                Optional.empty()));
        storage = AzureStorageFactory.open(root(), settings, lake);
        AzureStorageFactory.serviceClient(HOST, settings, lake).createFileSystem("landing");
    }

    @Override
    protected Storage storage() {
        return storage;
    }

    @Override
    protected StoragePath root() {
        return StoragePath.of("abfss://landing@" + HOST + "/contract");
    }
}
