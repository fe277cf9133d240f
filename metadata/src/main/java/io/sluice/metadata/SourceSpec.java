package io.sluice.metadata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code kind: source}: one source system. A scheduler runs one source at a time.
 *
 * @param connector  short name of the connector that reads it ({@code files}, {@code jdbc}, …)
 * @param connection connector-specific connection settings; secrets only as {@code ${env:…}}/{@code ${secret:…}}
 */
public record SourceSpec(
        String name,
        String connector,
        Options connection,
        Optional<String> owner,
        Optional<String> description,
        List<String> tags,
        Origin origin) implements Descriptor {
    public SourceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
        Objects.requireNonNull(origin, "origin");
    }
}
