package io.sluice.connector.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The landing-area and zone-folder operations Sluice performs outside Spark: list a delivery, read a marker or
 * manifest, move a processed delivery to the archive, set ACLs on zone folders. Paths are URIs
 * ({@code file:/…}, {@code abfss://container@account.dfs.core.windows.net/…}) or absolute local paths.
 *
 * <p>One implementation per kind of store: {@link LocalStorage} (java.nio) and an ADLS Gen2 one (the Azure
 * {@code azure-storage-file-datalake} SDK) found through {@link StorageFactory}. Spark reads and writes data files
 * through Hadoop file systems, not through this interface.
 */
public interface Storage extends AutoCloseable {

    /** The entries directly inside {@code directory}, sorted by name; empty when it does not exist. */
    List<StorageEntry> list(String directory) throws IOException;

    /** The entry at {@code path}, empty when nothing is there. */
    Optional<StorageEntry> stat(String path) throws IOException;

    /** Opens a file for reading. */
    InputStream open(String path) throws IOException;

    /** Creates or replaces a file; parents are created. */
    OutputStream create(String path) throws IOException;

    /** Creates a directory and its parents; nothing happens when it exists. */
    void mkdirs(String directory) throws IOException;

    /**
     * Moves a file or a directory; the target's parent is created; the target must not exist. On ADLS Gen2 (and
     * a local disk) a single atomic rename.
     */
    void move(String from, String to) throws IOException;

    /** Deletes a file or a directory with its contents; nothing happens when it does not exist. */
    void delete(String path) throws IOException;

    /**
     * Sets POSIX-style access control on a directory, as ADLS Gen2 ACL entries
     * ({@code user::rwx,group::r-x,other::---,group:<object-id>:r-x}). The local implementation applies the
     * owner/group/other part as POSIX permissions and ignores named entries, which a local disk cannot hold.
     */
    void setAcl(String path, String acl) throws IOException;

    /** The access control of a path, in the same form as {@link #setAcl}. */
    String acl(String path) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
