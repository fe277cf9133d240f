package io.sluice.connector;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One file landed in the raw zone.
 *
 * @param origin  where it was delivered (landing path), for lineage and messages
 * @param path    where it now lies in the raw zone (URI or absolute path)
 * @param size    bytes
 * @param sha256  hex SHA-256 of the delivered bytes
 * @param records records it holds (excluding header lines)
 * @param fields  the field names its header declares, empty when the format has no header
 * @param detail  what the connector notes about the file for reading it back (e.g. where lines start in a text
 *                file), encoded and decoded by the connector alone; the framework stores it in the run's manifest
 *                as it is and never reads it. Empty when the connector noted nothing. No secret.
 */
public record LandedFile(String origin, String path, long size, String sha256, long records, List<String> fields,
                         Map<String, String> detail) {
    public LandedFile {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        fields = List.copyOf(fields);
        detail = detail == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(detail));
    }

    /** A landed file without detail. */
    public LandedFile(String origin, String path, long size, String sha256, long records, List<String> fields) {
        this(origin, path, size, sha256, records, fields, Map.of());
    }

    /** This file with other record counts and detail (a recount), the same bytes. */
    public LandedFile recounted(long newRecords, List<String> newFields, Map<String, String> newDetail) {
        return new LandedFile(origin, path, size, sha256, newRecords, newFields, newDetail);
    }
}
