package io.sluice.connector;

import java.util.List;
import java.util.Objects;

/**
 * One file landed in the raw zone.
 *
 * @param origin  where it was delivered (landing path), for lineage and messages
 * @param path    where it now lies in the raw zone (URI or absolute path)
 * @param size    bytes
 * @param sha256  hex SHA-256 of the delivered bytes
 * @param records records it holds (excluding header lines)
 * @param fields  the field names its header declares, empty when the format has no header
 */
public record LandedFile(String origin, String path, long size, String sha256, long records, List<String> fields) {
    public LandedFile {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        fields = List.copyOf(fields);
    }
}
