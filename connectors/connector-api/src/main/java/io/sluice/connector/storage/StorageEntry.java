package io.sluice.connector.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A file or directory in a {@link Storage}.
 *
 * @param path         its location, usable with the storage's other operations
 * @param name         the last path segment
 * @param directory    true for a directory
 * @param size         bytes; 0 for a directory
 * @param lastModified last modification time, for quiet-period completion of deliveries
 */
public record StorageEntry(StoragePath path, String name, boolean directory, long size, Instant lastModified) {
    public StorageEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
