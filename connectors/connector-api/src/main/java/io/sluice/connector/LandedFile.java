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
 * @param marks   where some lines start and how many records precede them, in offset order (empty when the
 *                connector did not record any, or the format is not line-based); absent in older manifests
 */
public record LandedFile(String origin, String path, long size, String sha256, long records, List<String> fields,
                         List<LineMark> marks) {
    public LandedFile {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        fields = List.copyOf(fields);
        marks = marks == null ? List.of() : List.copyOf(marks);
    }

    /** A landed file without line marks. */
    public LandedFile(String origin, String path, long size, String sha256, long records, List<String> fields) {
        this(origin, path, size, sha256, records, fields, List.of());
    }
}
