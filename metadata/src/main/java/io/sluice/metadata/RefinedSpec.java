package io.sluice.metadata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code kind: refined}: a Spark SQL query over valid datasets and other refined datasets, written as Delta.
 *
 * @param inputs the datasets the query reads: {@code source.dataset} for a valid dataset, a bare name for a
 *               refined one. In {@link #sql()} each is referenced by its last part ({@code sales}, {@code stores})
 * @param mode   {@link WriteMode#OVERWRITE} or {@link WriteMode#MERGE} on {@link #key()}
 * @param freshness how often the refined table is expected to be rebuilt with rows: the catalog marks it late
 *               when no run has for longer
 */
public record RefinedSpec(
        String name,
        Optional<String> description,
        Optional<String> owner,
        List<String> tags,
        List<String> inputs,
        String sql,
        WriteMode mode,
        List<String> key,
        Optional<java.time.Duration> freshness,
        Origin origin) implements Descriptor {
    public RefinedSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(owner, "owner");
        tags = List.copyOf(tags);
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(mode, "mode");
        key = List.copyOf(key);
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(origin, "origin");
    }

    /** A refined dataset with no expected freshness. */
    public RefinedSpec(String name, Optional<String> description, Optional<String> owner, List<String> tags,
                       List<String> inputs, String sql, WriteMode mode, List<String> key, Origin origin) {
        this(name, description, owner, tags, inputs, sql, mode, key, Optional.empty(), origin);
    }

    /** The name an input is known by inside {@link #sql()}: the part after the last dot. */
    public static String alias(String input) {
        return input.substring(input.lastIndexOf('.') + 1);
    }
}
