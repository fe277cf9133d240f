package io.sluice.connector.storage.adls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.storage.Storage;
import io.sluice.connector.storage.StorageEntry;
import io.sluice.connector.storage.StorageErrorCode;
import io.sluice.connector.storage.StoragePath;
import io.sluice.connector.storage.Storages;
import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import io.sluice.metadata.SluiceException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ADLS Gen2 storage through the real datalake SDK (request building, shared-key signing, response parsing)
 * against an in-process dfs endpoint ({@link FakeDataLake}); Azurite lacks the dfs calls these need.
 */
class AdlsStorageTest {
    private static final String HOST = "mylake.dfs.core.windows.net";
    private static final String KEY = Base64.getEncoder().encodeToString("not-a-real-key-0123456789".getBytes(StandardCharsets.UTF_8));
    private static final String ROOT = "abfss://landing@" + HOST;
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    private FakeDataLake lake;
    private Storage storage;

    @BeforeEach
    void openStorage() throws IOException {
        lake = new FakeDataLake("mylake", KEY, Clock.fixed(NOW, ZoneOffset.UTC));
        AzureSettings settings = accountKey(KEY);
        storage = AzureStorageFactory.open(at(ROOT + "/"), settings, lake);
        AzureStorageFactory.serviceClient(HOST, settings, lake).createFileSystem("landing");
    }

    private static StoragePath at(String pathOrUri) {
        return StoragePath.of(pathOrUri);
    }

    private static AzureSettings accountKey(String key) {
        return AzureSettings.of(new AzureAccount(HOST, new AzureAuth.AccountKey(key), Optional.empty()));
    }

    private void write(String path, String text) throws IOException {
        try (OutputStream out = storage.create(at(path))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private String read(String path) throws IOException {
        try (InputStream in = storage.open(at(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void createsListsStatsAndReadsFilesInRealDirectories() throws IOException {
        write(ROOT + "/feeds/adobe/2026-11-22/hit_data.tsv", "a\tb\n");
        write(ROOT + "/feeds/adobe/2026-11-22/manifest.txt", "Datafeed-Manifest-Version: 1.0\n");
        storage.mkdirs(at(ROOT + "/feeds/adobe/2026-11-23"));
        storage.mkdirs(at(ROOT + "/feeds/adobe/2026-11-23"));

        assertThat(storage.list(at(ROOT + "/feeds/adobe"))).containsExactly(
                new StorageEntry(at(ROOT + "/feeds/adobe/2026-11-22"), "2026-11-22", true, 0, NOW),
                new StorageEntry(at(ROOT + "/feeds/adobe/2026-11-23"), "2026-11-23", true, 0, NOW));
        assertThat(storage.list(at(ROOT + "/feeds/adobe/2026-11-22/"))).containsExactly(
                new StorageEntry(at(ROOT + "/feeds/adobe/2026-11-22/hit_data.tsv"), "hit_data.tsv", false, 4, NOW),
                new StorageEntry(at(ROOT + "/feeds/adobe/2026-11-22/manifest.txt"), "manifest.txt", false, 31, NOW));
        assertThat(storage.list(at(ROOT + "/feeds/missing"))).isEmpty();
        assertThat(storage.stat(at(ROOT + "/feeds/adobe/2026-11-22/hit_data.tsv")))
                .contains(new StorageEntry(at(ROOT + "/feeds/adobe/2026-11-22/hit_data.tsv"), "hit_data.tsv", false, 4, NOW));
        assertThat(storage.stat(at(ROOT + "/feeds/adobe"))).get().extracting(StorageEntry::directory).isEqualTo(true);
        assertThat(storage.stat(at(ROOT + "/feeds/nothing.csv"))).isEmpty();
        assertThat(read(ROOT + "/feeds/adobe/2026-11-22/hit_data.tsv")).isEqualTo("a\tb\n");
        assertThatThrownBy(() -> storage.open(at(ROOT + "/feeds/nothing.csv")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessage("no file at " + ROOT + "/feeds/nothing.csv to read");
        assertThat(lake.calls()).contains("PUT dfs /landing/feeds/adobe/2026-11-23?directory",
                "GET dfs /landing?filesystem");
    }

    @Test
    void movesADeliveryToTheArchiveWithOneRenameAndNeverOverAnExistingTarget() throws IOException {
        write(ROOT + "/in/delivery-7/data.csv", "id\n1\n");
        write(ROOT + "/in/delivery-7/data.fin", "");
        int before = lake.calls().size();

        storage.move(at(ROOT + "/in/delivery-7"), at(ROOT + "/archive/2026/delivery-7"));

        assertThat(lake.calls().subList(before, lake.calls().size()))
                .filteredOn(c -> c.contains("?rename")).containsExactly("PUT dfs /landing/archive/2026/delivery-7?rename");
        assertThat(storage.stat(at(ROOT + "/in/delivery-7"))).isEmpty();
        assertThat(storage.list(at(ROOT + "/archive/2026/delivery-7"))).extracting(StorageEntry::name)
                .containsExactly("data.csv", "data.fin");
        assertThat(read(ROOT + "/archive/2026/delivery-7/data.csv")).isEqualTo("id\n1\n");

        write(ROOT + "/in/delivery-7/data.csv", "id\n2\n");
        assertThatThrownBy(() -> storage.move(at(ROOT + "/in/delivery-7"), at(ROOT + "/archive/2026/delivery-7")))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessage(ROOT + "/archive/2026/delivery-7 -> " + ROOT + "/in/delivery-7: cannot move " + ROOT
                        + "/in/delivery-7 to " + ROOT + "/archive/2026/delivery-7: the target exists (PathAlreadyExists)");
        assertThat(read(ROOT + "/archive/2026/delivery-7/data.csv")).isEqualTo("id\n1\n");
        assertThatThrownBy(() -> storage.move(at(ROOT + "/in/none"), at(ROOT + "/archive/none")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(ROOT + "/in/none -> " + ROOT + "/archive/none: nothing to move at " + ROOT + "/in/none");
        assertThatThrownBy(() -> storage.move(at(ROOT + "/in/delivery-7"), at("abfss://other@" + HOST + "/x")))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot move " + ROOT + "/in/delivery-7 to abfss://other@" + HOST + "/x: a rename stays"
                        + " inside one container of one account; copy, then delete instead");
    }

    @Test
    void deletesDirectoriesRecursivelyAndIgnoresWhatIsNotThere() throws IOException {
        write(ROOT + "/tmp/a/b/c.csv", "x");
        write(ROOT + "/tmp/keep.csv", "y");

        storage.delete(at(ROOT + "/tmp/a"));
        storage.delete(at(ROOT + "/tmp/a"));
        storage.delete(at(ROOT + "/tmp/keep.csv"));

        assertThat(storage.list(at(ROOT + "/tmp"))).isEmpty();
        assertThat(storage.stat(at(ROOT + "/tmp/a/b/c.csv"))).isEmpty();
        assertThat(lake.calls()).contains("DELETE dfs /landing/tmp/a");
        assertThatThrownBy(() -> storage.delete(at(ROOT + "/")))
                .isInstanceOf(IOException.class)
                .hasMessage("refusing to delete the root of container " + ROOT + "/: delete its contents instead");
    }

    @Test
    void setsAndReadsAclsOnZoneFolders() throws IOException {
        storage.mkdirs(at(ROOT + "/zones/valid"));
        String acl = "user::rwx,group::r-x,other::---,group:6f2c1a3e-0000-4d3b-9b1e-1c2d3e4f5a6b:r-x";

        storage.setAcl(at(ROOT + "/zones/valid"), acl);

        assertThat(storage.acl(at(ROOT + "/zones/valid"))).isEqualTo(acl);
        assertThat(lake.calls()).contains("PATCH dfs /landing/zones/valid?setAccessControl",
                "HEAD dfs /landing/zones/valid?getAccessControl");
        assertThatThrownBy(() -> storage.setAcl(at(ROOT + "/zones/none"), acl))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(ROOT + "/zones/none: no file or directory at " + ROOT + "/zones/none to set an ACL on");
        assertThatThrownBy(() -> storage.setAcl(at(ROOT + "/zones/valid"), "user:rwx"))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("ACL 'user:rwx' for " + ROOT + "/zones/valid is not valid: ");
    }

    @Test
    void aWrongAccountKeyIsRejectedByTheServiceAndNotShown() {
        String wrong = Base64.getEncoder().encodeToString("another-key".getBytes(StandardCharsets.UTF_8));
        Storage other = AzureStorageFactory.open(at(ROOT), accountKey(wrong), lake);

        assertThatThrownBy(() -> other.list(at(ROOT + "/feeds")))
                .isInstanceOf(SluiceException.class)
                .hasMessage("ADLS refused to list " + ROOT + "/feeds: HTTP 403 AuthenticationFailed; check the"
                        + " credentials of account " + HOST + " in sluice.yaml's azure.accounts and that its identity"
                        + " may list there (a data role such as Storage Blob Data Contributor, or an ACL entry)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong))
                .extracting(e -> ((SluiceException) e).errorCode()).isEqualTo(AzureErrorCode.AZURE_ACCESS_DENIED);
    }

    @Test
    void theFactoryIsFoundForAbfsPathsWithItsBoundSectionAndNamesMissingCredentials() throws IOException {
        Origin origin = new Origin("sluice.yaml", 1, Map.of("/azure", 1));
        Options section = new Options(Map.of("accounts", Map.of(HOST, Map.of("auth", "managed-identity"))), origin,
                "/azure");
        Storages storages = Storages.bind(Map.of("azure", section), name -> null, getClass().getClassLoader());
        try (Storage found = storages.open(ROOT + "/x")) {
            assertThat(found).isInstanceOf(AdlsStorage.class);
        }
        assertThatThrownBy(() -> storages.open("abfs://c@unknown.dfs.core.windows.net/x"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("no credentials for storage account unknown.dfs.core.windows.net: add it under "
                        + "azure.accounts in sluice.yaml, e.g. unknown: { auth: account-key, key: \"${env:ADLS_KEY}\" }"
                        + " (see docs/adls.md)")
                .extracting(e -> ((SluiceException) e).errorCode()).isEqualTo(AzureErrorCode.AZURE_ACCOUNT_UNKNOWN);
        assertThatThrownBy(() -> AdlsPath.parse("abfss://" + HOST + "/x"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("'abfss://" + HOST + "/x' is not an ADLS Gen2 path: write "
                        + "abfss://<container>@<account>.dfs.core.windows.net/<path>")
                .extracting(e -> ((SluiceException) e).errorCode()).isEqualTo(StorageErrorCode.STORAGE_PATH_INVALID);
        assertThatThrownBy(() -> storages.open("s3://bucket/x"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("no storage for 's3:' paths on the class path (for abfss: add sluice-storage-azure)");
    }

    @Test
    void aServicePrincipalGetsAnOAuthTokenAndTheStorageAcceptsIt() throws IOException {
        lake.registerApplication("tenant-1", "app-1", "sp-secret");
        Storage asApplication = AzureStorageFactory.open(at(ROOT), servicePrincipal("sp-secret"), lake);

        asApplication.mkdirs(at(ROOT + "/by-app"));

        assertThat(storage.stat(at(ROOT + "/by-app"))).get().extracting(StorageEntry::directory).isEqualTo(true);
        assertThat(lake.calls()).contains("POST " + FakeDataLake.LOGIN_HOST + "/tenant-1/oauth2/v2.0/token");
        Storage impostor = AzureStorageFactory.open(at(ROOT), servicePrincipal("guessed"), lake);
        assertThatThrownBy(() -> impostor.mkdirs(at(ROOT + "/by-impostor")))
                .hasMessageContaining("AADSTS7000215")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("guessed"));
    }

    private static AzureSettings servicePrincipal(String secret) {
        return AzureSettings.of(new AzureAccount(HOST, new AzureAuth.ServicePrincipal("tenant-1", "app-1", secret,
                "https://" + FakeDataLake.LOGIN_HOST), Optional.empty()));
    }

    @Test
    void aUserAssignedManagedIdentityGetsItsTokenFromTheInstanceMetadataService() throws IOException {
        lake.assignIdentity("mi-client-1");
        Storage asIdentity = AzureStorageFactory.open(at(ROOT), AzureSettings.of(new AzureAccount(HOST,
                new AzureAuth.ManagedIdentity(Optional.of("mi-client-1")), Optional.empty())), lake);

        asIdentity.mkdirs(at(ROOT + "/by-identity"));

        assertThat(storage.stat(at(ROOT + "/by-identity"))).isPresent();
        assertThat(lake.calls()).contains("GET " + FakeDataLake.IMDS_HOST + "/metadata/identity/oauth2/token");
    }

    @Test
    void aFileLargerThanOneChunkIsAppendedInPartsAndReadBackInRanges() throws IOException {
        byte[] data = new byte[4 * 1024 * 1024 + 10];
        new java.util.Random(7).nextBytes(data);
        try (OutputStream out = storage.create(at(ROOT + "/big/hit_data.tsv"))) {
            out.write(data);
        }

        try (InputStream in = storage.open(at(ROOT + "/big/hit_data.tsv"))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(lake.calls()).filteredOn(c -> c.equals("PATCH dfs /landing/big/hit_data.tsv?append")).hasSize(2);
        assertThat(storage.stat(at(ROOT))).get().extracting(StorageEntry::directory).isEqualTo(true);
    }
}
