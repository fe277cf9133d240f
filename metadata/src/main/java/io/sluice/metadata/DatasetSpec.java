package io.sluice.metadata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code kind: dataset}: one table or file family of a source, its schema and its rules.
 *
 * @param source       name of the {@link SourceSpec} it belongs to
 * @param extract      connector-specific description of what to read (a glob, a table, …)
 * @param columns      the declared schema, in order (from the inline list or the Avro schema file)
 * @param rules        dataset-level rules
 * @param drift        what an unexpected source column does
 * @param validMode    how valid rows reach the valid table
 * @param maxErrorRatio the run fails, publishing nothing to valid, when rejected/raw exceeds it
 */
public record DatasetSpec(
        String name,
        String source,
        Optional<String> description,
        Optional<String> owner,
        List<String> tags,
        Options extract,
        List<ColumnSpec> columns,
        List<RuleSpec> rules,
        DriftPolicy drift,
        WriteMode validMode,
        double maxErrorRatio,
        Origin origin) implements Descriptor {
    public DatasetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(owner, "owner");
        tags = List.copyOf(tags);
        Objects.requireNonNull(extract, "extract");
        columns = List.copyOf(columns);
        rules = List.copyOf(rules);
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(validMode, "validMode");
        if (maxErrorRatio < 0 || maxErrorRatio > 1) {
            throw new IllegalArgumentException("maxErrorRatio must be within [0, 1]");
        }
        Objects.requireNonNull(origin, "origin");
    }

    /** {@code source.name}, the dataset's name across the project. */
    public String qualifiedName() {
        return source + "." + name;
    }

    public List<ColumnSpec> keyColumns() {
        return columns.stream().filter(ColumnSpec::key).toList();
    }

    public Optional<ColumnSpec> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
