package io.sluice.connector.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Storage} must do. An implementation's test extends this and returns the storage and an empty
 * directory of it for each test ({@link #storage()}, {@link #root()}; both called after the subclass's own
 * {@code @BeforeEach}). Where stores legitimately differ, the difference is a hook the subclass overrides
 * ({@link #aclAsStored}), never a skipped test. A third-party storage runs the same suite from the
 * {@code sluice-connector-api} test jar.
 */
public abstract class StorageContract {
    /** An ACL with owner, group and other entries only. */
    protected static final String BASE_ACL = "user::rwx,group::r-x,other::---";
    /** The same with a named group entry (an Entra ID object id on ADLS). */
    protected static final String NAMED_ACL = BASE_ACL + ",group:6f2c1a3e-0000-4d3b-9b1e-1c2d3e4f5a6b:r-x";

    /** The storage under test. */
    protected abstract Storage storage();

    /** An existing, empty directory of {@link #storage()} for the current test. */
    protected abstract StoragePath root();

    /**
     * The ACL {@link Storage#acl} returns after {@code written} was set. By default exactly what was written; a
     * store that cannot hold named entries (a local disk) returns the owner/group/other part.
     */
    protected String aclAsStored(String written) {
        return written;
    }

    protected final void write(StoragePath path, String text) throws IOException {
        try (OutputStream out = storage().create(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    protected final String read(StoragePath path) throws IOException {
        try (InputStream in = storage().open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> names(StoragePath directory) throws IOException {
        return storage().list(directory).stream().map(StorageEntry::name).toList();
    }

    @Test
    void createsAFileWithItsParentsAndStatsListsAndReadsIt() throws IOException {
        StoragePath file = root().child("deliveries").child("d1").child("data.csv");

        write(file, "id\n1\n");

        StorageEntry entry = storage().stat(file).orElseThrow();
        assertThat(entry.path()).isEqualTo(file);
        assertThat(entry.name()).isEqualTo("data.csv");
        assertThat(entry.directory()).isFalse();
        assertThat(entry.size()).isEqualTo(5);
        assertThat(storage().stat(root().child("deliveries")).orElseThrow().directory()).isTrue();
        assertThat(storage().stat(root().child("deliveries")).orElseThrow().size()).isZero();
        assertThat(storage().list(root().child("deliveries").child("d1"))).containsExactly(entry);
        assertThat(read(file)).isEqualTo("id\n1\n");
    }

    @Test
    void listsDirectlyInsideSortedByNameAndNothingForAMissingDirectory() throws IOException {
        write(root().child("b.csv"), "b");
        write(root().child("a.csv"), "a");
        write(root().child("c").child("inner.csv"), "c");

        assertThat(names(root())).containsExactly("a.csv", "b.csv", "c");
        assertThat(storage().list(root()).get(2).directory()).isTrue();
        assertThat(storage().list(root().child("missing"))).isEmpty();
        assertThat(storage().stat(root().child("missing.csv"))).isEmpty();
    }

    @Test
    void createReplacesAnExistingFile() throws IOException {
        StoragePath file = root().child("marker");
        write(file, "first and longer");

        write(file, "second");

        assertThat(read(file)).isEqualTo("second");
        assertThat(storage().stat(file).orElseThrow().size()).isEqualTo(6);
    }

    @Test
    void openingAMissingFileFailsNamingIt() {
        assertThatThrownBy(() -> storage().open(root().child("missing.csv")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("missing.csv");
    }

    @Test
    void mkdirsCreatesParentsAndIsIdempotent() throws IOException {
        StoragePath directory = root().child("zones").child("valid").child("sales");

        storage().mkdirs(directory);
        storage().mkdirs(directory);

        assertThat(storage().stat(directory).orElseThrow().directory()).isTrue();
        assertThat(storage().list(directory)).isEmpty();
        assertThat(names(root().child("zones"))).containsExactly("valid");
    }

    @Test
    void movesAFileCreatingTheTargetsParent() throws IOException {
        StoragePath from = root().child("in").child("data.csv");
        StoragePath to = root().child("archive").child("2026").child("data.csv");
        write(from, "x");

        storage().move(from, to);

        assertThat(storage().stat(from)).isEmpty();
        assertThat(read(to)).isEqualTo("x");
    }

    @Test
    void movesADirectoryWithItsContents() throws IOException {
        StoragePath delivery = root().child("in").child("delivery-7");
        write(delivery.child("data.csv"), "id\n1\n");
        write(delivery.child("sub").child("data.fin"), "");
        StoragePath target = root().child("archive").child("delivery-7");

        storage().move(delivery, target);

        assertThat(storage().stat(delivery)).isEmpty();
        assertThat(names(target)).containsExactly("data.csv", "sub");
        assertThat(read(target.child("data.csv"))).isEqualTo("id\n1\n");
        assertThat(storage().stat(target.child("sub").child("data.fin"))).isPresent();
    }

    @Test
    void aMoveNeverReplacesAnExistingTarget() throws IOException {
        StoragePath from = root().child("in").child("data.csv");
        StoragePath to = root().child("archive").child("data.csv");
        write(from, "new");
        write(to, "old");

        assertThatThrownBy(() -> storage().move(from, to))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("the target exists");
        assertThat(read(to)).isEqualTo("old");
        assertThat(read(from)).isEqualTo("new");

        StoragePath directory = root().child("in").child("d");
        write(directory.child("a.csv"), "a");
        write(root().child("archive").child("d").child("b.csv"), "b");
        assertThatThrownBy(() -> storage().move(directory, root().child("archive").child("d")))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("the target exists");
        assertThat(names(root().child("archive").child("d"))).containsExactly("b.csv");
    }

    @Test
    void movingNothingFailsNamingTheSource() {
        assertThatThrownBy(() -> storage().move(root().child("none"), root().child("elsewhere")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(root().child("none").toString());
    }

    @Test
    void deletesFilesAndDirectoriesRecursivelyAndNothingIsANoOp() throws IOException {
        write(root().child("tmp").child("a").child("b").child("c.csv"), "x");
        write(root().child("tmp").child("keep.csv"), "y");
        write(root().child("tmp").child("drop.csv"), "z");

        storage().delete(root().child("tmp").child("a"));
        storage().delete(root().child("tmp").child("a"));
        storage().delete(root().child("tmp").child("drop.csv"));
        storage().delete(root().child("never-there"));

        assertThat(names(root().child("tmp"))).containsExactly("keep.csv");
        assertThat(storage().stat(root().child("tmp").child("a").child("b").child("c.csv"))).isEmpty();
    }

    @Test
    void setsAndReadsBackTheAclOfADirectory() throws IOException {
        StoragePath zone = root().child("zones").child("valid");
        storage().mkdirs(zone);

        storage().setAcl(zone, BASE_ACL);
        assertThat(storage().acl(zone)).isEqualTo(aclAsStored(BASE_ACL));

        storage().setAcl(zone, NAMED_ACL);
        assertThat(storage().acl(zone)).isEqualTo(aclAsStored(NAMED_ACL));
    }

    @Test
    void settingTheAclOfNothingFailsNamingThePath() {
        StoragePath none = root().child("zones").child("none");

        assertThatThrownBy(() -> storage().setAcl(none, BASE_ACL))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(none.toString());
    }

    /** Names a landing area really receives: none may be decoded, re-encoded or split on the way. */
    @ParameterizedTest
    @ValueSource(strings = {"with space.csv", "100% done.csv", "a%20b.csv", "ünïcødé 名前.csv", "semi;colon #1.csv",
            "plus+sign.csv"})
    void namesWithSpacesPercentSignsAndUnicodeSurviveEveryOperation(String name) throws IOException {
        StoragePath folder = root().child("odd " + name.substring(0, 3));
        StoragePath file = folder.child(name);

        write(file, name);

        assertThat(names(folder)).containsExactly(name);
        StorageEntry listed = storage().list(folder).get(0);
        assertThat(listed.path()).isEqualTo(file);
        assertThat(read(listed.path())).isEqualTo(name);
        assertThat(storage().stat(file).orElseThrow().name()).isEqualTo(name);
        StoragePath moved = root().child("moved").child(name);
        storage().move(file, moved);
        assertThat(read(moved)).isEqualTo(name);
        storage().delete(moved);
        assertThat(storage().stat(moved)).isEmpty();
    }
}
