package io.sluice.connector.jdbc;

import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.Options;
import io.sluice.metadata.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A dataset's {@code extract} block for the {@code jdbc} and {@code teradata} connectors, bound and checked.
 *
 * @param source      the table or query to read
 * @param split       how the read is divided among parallel connections
 * @param incremental the watermark column, when a run reads only rows changed since the last one
 */
public record JdbcExtract(Source source, Split split, Optional<Incremental> incremental) {
    static final Set<String> KEYS = Set.of("table", "query", "split", "incremental");
    static final Set<String> SPLIT_KEYS = Set.of("column", "hash", "partitions", "predicates");
    static final Set<String> INCREMENTAL_KEYS = Set.of("column", "type");
    /** Partitions of a range or hash split when the descriptor does not say. */
    public static final int DEFAULT_PARTITIONS = 8;

    /** A plain or dotted name ({@code SALES.VEHICLE_SALES}), or a double-quoted one; nothing else reaches SQL. */
    private static final Pattern NAME = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_$#]*|\"[^\"]+\")(\\.([A-Za-z_][A-Za-z0-9_$#]*|\"[^\"]+\")){0,2}");

    public JdbcExtract {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(incremental, "incremental");
    }

    /** What to read. */
    public sealed interface Source permits Table, Query {
        /** The name landed files carry in their origin ({@code jdbc:<name>}). */
        String name();
    }

    /** A table or view, by its (possibly schema-qualified) name. */
    public record Table(String name) implements Source {
        public Table {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A SELECT statement, read as a derived table. */
    public record Query(String sql, String name) implements Source {
        public Query {
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(name, "name");
        }
    }

    /** How the read is divided among parallel connections. */
    public sealed interface Split permits NoSplit, RangeSplit, HashSplit, PredicateSplit {
    }

    /** One connection reads everything. */
    public record NoSplit() implements Split {
    }

    /** Equal ranges of a numeric, date or timestamp column between its minimum and maximum in the source. */
    public record RangeSplit(String column, int partitions) implements Split {
        public RangeSplit {
            Objects.requireNonNull(column, "column");
        }
    }

    /** Teradata: rows by the hash bucket of a column, even however the column's values are spread. */
    public record HashSplit(String column, int partitions) implements Split {
        public HashSplit {
            Objects.requireNonNull(column, "column");
        }
    }

    /** One partition per given WHERE condition; the conditions must cover every row exactly once. */
    public record PredicateSplit(List<String> predicates) implements Split {
        public PredicateSplit {
            predicates = List.copyOf(predicates);
        }
    }

    /** What an incremental column holds. */
    public enum WatermarkType { TIMESTAMP, NUMBER }

    /** A run reads the rows whose {@code column} is above the last watermark and up to the run's high mark. */
    public record Incremental(String column, WatermarkType type) {
        public Incremental {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * Binds an {@code extract} block, reporting every wrong setting at once.
     *
     * @param datasetName names a query's landed files
     * @param dialect     decides whether a hash split is available
     * @throws DescriptorException naming the descriptor file, line and field of each problem
     */
    public static JdbcExtract bind(Options extract, String datasetName, SqlDialect dialect) {
        extract.rejectUnknown(KEYS);
        List<Problem> problems = new ArrayList<>();
        Source source = attempt(problems, () -> source(extract, datasetName), new Table("?"));
        Split split = attempt(problems, () -> split(extract, dialect), new NoSplit());
        Optional<Incremental> incremental = attempt(problems, () -> incremental(extract), Optional.empty());
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        return new JdbcExtract(source, split, incremental);
    }

    private static Source source(Options extract, String datasetName) {
        Optional<String> table = extract.string("table");
        Optional<String> query = extract.string("query");
        if (table.isPresent() == query.isPresent()) {
            throw extract.error("", table.isPresent() ? "write either 'table' or 'query', not both"
                    : "missing 'table' or 'query' (e.g. table: SALES.VEHICLE_SALES)");
        }
        if (table.isPresent()) {
            return new Table(checkedName(extract, "table", table.get()));
        }
        String sql = query.get().strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        if (!sql.toLowerCase(Locale.ROOT).matches("(?s)(select|with)\\s.*")) {
            throw extract.error("query", "the query must be one SELECT statement (it is read as a derived table)");
        }
        return new Query(sql, datasetName);
    }

    private static Split split(Options extract, SqlDialect dialect) {
        Optional<Options> block = nested(extract, "split");
        if (block.isEmpty()) {
            return new NoSplit();
        }
        Options split = block.get();
        split.rejectUnknown(SPLIT_KEYS);
        long kinds = java.util.stream.Stream.of("column", "hash", "predicates").filter(split::has).count();
        if (kinds != 1) {
            throw split.error("", "write exactly one of 'column' (range split), 'hash' (Teradata hash split) or"
                    + " 'predicates' (one WHERE condition per partition)");
        }
        if (split.has("predicates")) {
            if (split.has("partitions")) {
                throw split.error("partitions", "with 'predicates' there is one partition per predicate; remove"
                        + " 'partitions'");
            }
            List<String> predicates = split.strings("predicates");
            if (predicates.isEmpty() || predicates.stream().anyMatch(String::isBlank)) {
                throw split.error("predicates", "list at least one non-empty WHERE condition");
            }
            return new PredicateSplit(predicates);
        }
        int partitions = split.integer("partitions", DEFAULT_PARTITIONS);
        if (partitions < 1 || partitions > 1024) {
            throw split.error("partitions", "expected a number of partitions from 1 to 1024, found " + partitions);
        }
        if (split.has("hash")) {
            if (!dialect.supportsHashSplit()) {
                throw split.error("hash", "a hash split needs connector: teradata; use 'column' for a range split");
            }
            return new HashSplit(checkedName(split, "hash", split.requiredString("hash")), partitions);
        }
        return new RangeSplit(checkedName(split, "column", split.requiredString("column")), partitions);
    }

    private static Optional<Incremental> incremental(Options extract) {
        Optional<Options> block = nested(extract, "incremental");
        if (block.isEmpty()) {
            return Optional.empty();
        }
        Options incremental = block.get();
        incremental.rejectUnknown(INCREMENTAL_KEYS);
        String column = checkedName(incremental, "column", incremental.requiredString("column"));
        String typeName = incremental.string("type").orElse("timestamp");
        WatermarkType type;
        try {
            type = WatermarkType.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw incremental.error("type", "unknown watermark type '" + typeName + "' (expected one of: timestamp,"
                    + " number)");
        }
        return Optional.of(new Incremental(column, type));
    }

    private static Optional<Options> nested(Options parent, String key) {
        Object value = parent.values().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw parent.error(key, "expected an object, e.g. " + key + ": { column: ID }");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((k, v) -> values.put(String.valueOf(k), v));
        return Optional.of(new Options(values, parent.origin(), parent.pointer() + "/" + key));
    }

    private static String checkedName(Options block, String key, String name) {
        if (!NAME.matcher(name).matches()) {
            throw block.error(key, "'" + name + "' is not a plain name (write NAME, SCHEMA.NAME or a \"quoted\" name)");
        }
        return name;
    }

    private static <T> T attempt(List<Problem> problems, Supplier<T> binding, T otherwise) {
        try {
            return binding.get();
        } catch (DescriptorException e) {
            problems.addAll(e.problems());
            return otherwise;
        }
    }
}
