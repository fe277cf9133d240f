package io.sluice.connector.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.metadata.SluiceException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoragePathTest {

    @Test
    void aLocalPathOrFileUriIsShownAsThePlainPath() {
        assertThat(StoragePath.of("/data/landing/").toString()).isEqualTo("/data/landing");
        assertThat(StoragePath.of("file:/data/landing")).isEqualTo(StoragePath.of("/data/landing"));
        assertThat(StoragePath.of("file:///data/my%20landing").toString()).isEqualTo("/data/my landing");
        assertThat(StoragePath.of("landing/in").isLocal()).isTrue();
        assertThat(StoragePath.of("/data/landing").localPath()).contains(Path.of("/data/landing"));
        assertThat(StoragePath.of("/data/landing").child("a b%.csv").toUri())
                .isEqualTo(URI.create("file:///data/landing/a%20b%25.csv"));
        assertThat(StoragePath.of("/data/landing").parent()).isEqualTo(StoragePath.of("/data"));
        assertThat(StoragePath.of("/").parent()).isEqualTo(StoragePath.of("/"));
    }

    @Test
    void aRemoteUriKeepsItsAuthorityAndDecodedPath() {
        StoragePath p = StoragePath.of("abfss://landing@mylake.dfs.core.windows.net/feeds/my%20partner/");

        assertThat(p.scheme()).isEqualTo("abfss");
        assertThat(p.authority()).isEqualTo("landing@mylake.dfs.core.windows.net");
        assertThat(p.path()).isEqualTo("feeds/my partner");
        assertThat(p.name()).isEqualTo("my partner");
        assertThat(p.toString()).isEqualTo("abfss://landing@mylake.dfs.core.windows.net/feeds/my partner");
        assertThat(p.toUri()).isEqualTo(URI.create("abfss://landing@mylake.dfs.core.windows.net/feeds/my%20partner"));
        assertThat(p.parent().parent().toString()).isEqualTo("abfss://landing@mylake.dfs.core.windows.net/");
        assertThat(p.parent().parent().name()).isEqualTo("landing@mylake.dfs.core.windows.net");
        assertThat(StoragePath.of("ABFSS://c@h/x").scheme()).isEqualTo("abfss");
    }

    @Test
    void aChildIsTakenLiterallyAndAnInvalidUriIsReadLiterally() {
        StoragePath root = StoragePath.of("abfss://c@h/in");

        assertThat(root.child("a%20b").path()).isEqualTo("in/a%20b");
        assertThat(root.child("a%20b")).isNotEqualTo(root.child("a b"));
        assertThat(StoragePath.of("abfss://c@h/in/100% done.csv").path()).isEqualTo("in/100% done.csv");
        assertThatThrownBy(() -> root.child("a/b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'a/b' is not a file name (no '/', not empty, not . or ..)");
        assertThatThrownBy(() -> StoragePath.of(" "))
                .isInstanceOf(SluiceException.class)
                .hasMessage("a storage path must not be blank: write an absolute path or a URI such as "
                        + "abfss://<container>@<account host>/<path>");
        assertThatThrownBy(() -> StoragePath.of("file://server/share"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("'file://server/share' is not a local path (URI has an authority component): write an"
                        + " absolute path or file:/<path>")
                .extracting(e -> ((SluiceException) e).errorCode()).isEqualTo(StorageErrorCode.STORAGE_PATH_INVALID);
    }

    @Test
    void aSchemeNoStorageHandlesIsAUserError() {
        Storages storages = Storages.bind(Map.of(), name -> null, getClass().getClassLoader());

        assertThatThrownBy(() -> storages.open("s3://bucket/landing"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("no storage for 's3:' paths on the class path (for abfss: add sluice-storage-azure)")
                .extracting(e -> ((SluiceException) e).errorCode()).isEqualTo(StorageErrorCode.STORAGE_UNSUPPORTED);
        assertThat(storages.open("/data/landing")).isInstanceOf(LocalStorage.class);
        assertThat(storages.sparkConf()).isEmpty();
    }
}
