package io.sluice.connector.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The landing-area and zone-folder operations Sluice performs outside Spark: list a delivery, read a marker or
 * manifest, move a processed delivery to the archive, set ACLs on zone folders. Locations are typed
 * {@link StoragePath}s: local paths or URIs ({@code abfss://container@account.dfs.core.windows.net/…}).
 *
 * <p>Failures the store reports (missing file, target exists, refused) are {@link IOException}s naming the path;
 * failures the user or operator must fix (no credentials, unknown account, permission denied) are
 * {@link io.sluice.metadata.SluiceException}s with a code of {@link StorageErrorCode} or of the implementation.
 * Every implementation passes {@code StorageContract} from this module's test jar.
 *
 * <p>One implementation per kind of store: {@link LocalStorage} (java.nio) and an ADLS Gen2 one (the Azure
 * {@code azure-storage-file-datalake} SDK) found through {@link StorageFactory}. Spark reads and writes data files
 * through Hadoop file systems, not through this interface.
 */
public interface Storage extends AutoCloseable {

    /** The entries directly inside {@code directory}, sorted by name; empty when it does not exist. */
    List<StorageEntry> list(StoragePath directory) throws IOException;

    /** The entry at {@code path}, empty when nothing is there. */
    Optional<StorageEntry> stat(StoragePath path) throws IOException;

    /** Opens a file for reading. */
    InputStream open(StoragePath path) throws IOException;

    /** Creates or replaces a file; parents are created. */
    OutputStream create(StoragePath path) throws IOException;

    /** Creates a directory and its parents; nothing happens when it exists. */
    void mkdirs(StoragePath directory) throws IOException;

    /**
     * Moves a file or a directory; the target's parent is created; the target must not exist. On ADLS Gen2 (and
     * a local disk) a single atomic rename.
     */
    void move(StoragePath from, StoragePath to) throws IOException;

    /** Deletes a file or a directory with its contents; nothing happens when it does not exist. */
    void delete(StoragePath path) throws IOException;

    /**
     * Sets POSIX-style access control on a directory, as ADLS Gen2 ACL entries
     * ({@code user::rwx,group::r-x,other::---,group:<object-id>:r-x}). The local implementation applies the
     * owner/group/other part as POSIX permissions and ignores named entries, which a local disk cannot hold.
     */
    void setAcl(StoragePath path, String acl) throws IOException;

    /** The access control of a path, in the same form as {@link #setAcl}. */
    String acl(StoragePath path) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
