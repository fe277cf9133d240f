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
 * @param maxErrorRatio the run fails, publishing nothing to valid, when rejected/raw exceeds it; by default
 *                     ({@link #DEFAULT_MAX_ERROR_RATIO}) only when every row of a run is rejected
 * @param nullValues   the null tokens of every column that declares none (already applied to {@link #columns})
 * @param columnNaming how the declared names became lake names (already applied to {@link #columns})
 * @param freshness    how often new data is expected: the catalog marks the dataset late when no run has
 *                     delivered rows for longer
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
        List<String> nullValues,
        ColumnNaming columnNaming,
        Optional<java.time.Duration> freshness,
        Origin origin) implements Descriptor {
    /**
     * The {@code error.max_ratio} of a dataset that declares none: a run fails when every one of its rows is
     * rejected (a file of garbage, a wrong date format), and passes otherwise. The largest double below 1, so that
     * {@code rejected / raw > max} holds exactly when all rows are rejected; {@code max_ratio: 1.0} accepts even that.
     */
    public static final double DEFAULT_MAX_ERROR_RATIO = Math.nextDown(1.0);

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
        nullValues = List.copyOf(nullValues);
        Objects.requireNonNull(columnNaming, "columnNaming");
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(origin, "origin");
    }

    /** A dataset with no expected freshness. */
    public DatasetSpec(String name, String source, Optional<String> description, Optional<String> owner,
                       List<String> tags, Options extract, List<ColumnSpec> columns, List<RuleSpec> rules,
                       DriftPolicy drift, WriteMode validMode, double maxErrorRatio, List<String> nullValues,
                       ColumnNaming columnNaming, Origin origin) {
        this(name, source, description, owner, tags, extract, columns, rules, drift, validMode, maxErrorRatio,
                nullValues, columnNaming, Optional.empty(), origin);
    }

    /** A dataset without dataset-wide null tokens whose column names are lake names as declared. */
    public DatasetSpec(String name, String source, Optional<String> description, Optional<String> owner,
                       List<String> tags, Options extract, List<ColumnSpec> columns, List<RuleSpec> rules,
                       DriftPolicy drift, WriteMode validMode, double maxErrorRatio, Origin origin) {
        this(name, source, description, owner, tags, extract, columns, rules, drift, validMode, maxErrorRatio,
                List.of(), ColumnNaming.AS_DECLARED, Optional.empty(), origin);
    }

    /** {@code source.name}, the dataset's name across the project. */
    public String qualifiedName() {
        return source + "." + name;
    }

    /**
     * Whether the descriptor writes {@code valid.mode} itself, rather than leaving the default
     * ({@link WriteMode#APPEND}); a full extract replaces the table under the default but refuses an explicit
     * {@code append}.
     */
    public boolean declaresValidMode() {
        return origin.lines().containsKey("/valid/mode");
    }

    /** Whether {@code error.max_ratio} is the default, which fails a run only when all its rows are rejected. */
    public boolean hasDefaultMaxErrorRatio() {
        return maxErrorRatio == DEFAULT_MAX_ERROR_RATIO;
    }

    /** This dataset with {@code mode} as its valid mode (everything else, the origin included, unchanged). */
    public DatasetSpec withValidMode(WriteMode mode) {
        return new DatasetSpec(name, source, description, owner, tags, extract, columns, rules, drift, mode,
                maxErrorRatio, nullValues, columnNaming, freshness, origin);
    }

    /** This dataset with {@code replaced} as its dataset-level rules. */
    public DatasetSpec withRules(List<RuleSpec> replaced) {
        return new DatasetSpec(name, source, description, owner, tags, extract, columns, replaced, drift, validMode,
                maxErrorRatio, nullValues, columnNaming, freshness, origin);
    }

    public List<ColumnSpec> keyColumns() {
        return columns.stream().filter(ColumnSpec::key).toList();
    }

    /** The datasets this one's rules read (foreign keys and lookups), as {@code source.dataset}, in rule order. */
    public List<String> ruleInputs() {
        List<String> inputs = new java.util.ArrayList<>();
        for (RuleSpec rule : rules) {
            if (rule instanceof RuleSpec.References ref) {
                inputs.add(ref.qualifiedDataset());
            } else if (rule instanceof RuleSpec.Sql sql && sql.lookup().isPresent()) {
                inputs.add(sql.lookup().get().qualifiedDataset());
            }
        }
        return inputs.stream().distinct().toList();
    }

    public Optional<ColumnSpec> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
