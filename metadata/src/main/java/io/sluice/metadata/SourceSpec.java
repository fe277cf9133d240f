package io.sluice.metadata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code kind: source}: one source system. A scheduler runs one source at a time.
 *
 * @param connector  short name of the connector that reads it ({@code files}, {@code jdbc}, …)
 * @param connection  connector-specific connection settings; secrets only as {@code ${env:…}}/{@code ${secret:…}}
 * @param parallelism how many of its datasets a run lands and publishes at the same time (at least 1)
 */
public record SourceSpec(
        String name,
        String connector,
        Options connection,
        Optional<String> owner,
        Optional<String> description,
        List<String> tags,
        Origin origin,
        int parallelism) implements Descriptor {
    /**
     * Datasets of one source run side by side unless the source says otherwise: a small dataset's run is mostly
     * driver work and Delta commits, which overlap well even on two cores.
     */
    public static final int DEFAULT_PARALLELISM = 4;

    public SourceSpec {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
        Objects.requireNonNull(origin, "origin");
    }

    public SourceSpec(String name, String connector, Options connection, Optional<String> owner,
                      Optional<String> description, List<String> tags, Origin origin) {
        this(name, connector, connection, owner, description, tags, origin, DEFAULT_PARALLELISM);
    }
}
