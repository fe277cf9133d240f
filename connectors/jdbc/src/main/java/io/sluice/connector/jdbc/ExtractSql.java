package io.sluice.connector.jdbc;

import io.sluice.connector.jdbc.JdbcExtract.HashSplit;
import io.sluice.connector.jdbc.JdbcExtract.Incremental;
import io.sluice.connector.jdbc.JdbcExtract.PredicateSplit;
import io.sluice.connector.jdbc.JdbcExtract.Query;
import io.sluice.connector.jdbc.JdbcExtract.Table;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The SQL one extract sends, built from checked names and typed values only: table and column names passed the
 * descriptor's name check, and watermarks enter as {@link Watermark#literal} of a parsed value.
 *
 * @param extract the bound extract block
 * @param dialect the database's spelling
 */
public record ExtractSql(JdbcExtract extract, SqlDialect dialect) {
    /** Alias of the derived table Spark reads; Teradata requires one. */
    public static final String ALIAS = "sluice_src";

    public ExtractSql {
        Objects.requireNonNull(extract, "extract");
        Objects.requireNonNull(dialect, "dialect");
    }

    /** What a query reads from: the table, or the user's query as a derived table. */
    public String from() {
        if (extract.source() instanceof Table t) {
            return t.name();
        }
        if (extract.source() instanceof Query q) {
            return "(" + q.sql() + ") sluice_q";
        }
        throw new IllegalStateException("unknown source " + extract.source());
    }

    /** Reads no row; its metadata gives the columns and their types, and it fails fast on a missing table. */
    public String probe() {
        return dialect.prefix() + "SELECT * FROM " + from() + " WHERE 1=0";
    }

    /** The run's high mark: the largest value of the incremental column at the start of the run. */
    public String highMark(Incremental incremental) {
        return dialect.prefix() + "SELECT MAX(" + incremental.column() + ") FROM " + from();
    }

    /**
     * The rows one run covers: above the last watermark and up to the high mark; with no last watermark
     * (first run, full reload) everything up to the high mark, and the rows whose column is null.
     */
    public String window(Incremental incremental, Optional<Watermark> last, Watermark high) {
        String column = incremental.column();
        String upTo = column + " <= " + high.literal(dialect);
        return last.map(l -> column + " > " + l.literal(dialect) + " AND " + upTo)
                .orElse("(" + upTo + " OR " + column + " IS NULL)");
    }

    /**
     * The derived table Spark reads ({@code dbtable}).
     *
     * @param selectList {@code *}, or the columns with casts for the types Spark cannot map
     * @param window     the incremental window, empty to read everything
     */
    public String derivedTable(String selectList, Optional<String> window) {
        return "(SELECT " + selectList + " FROM " + from() + window.map(w -> " WHERE " + w).orElse("") + ") "
                + ALIAS;
    }

    /** The smallest and largest value of a range split's column within what the run reads. */
    public String bounds(String column, String derivedTable) {
        return dialect.prefix() + "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + derivedTable;
    }

    /** One WHERE condition per partition for a hash or predicate split, empty otherwise. */
    public List<String> predicates() {
        if (extract.split() instanceof HashSplit h) {
            return IntStream.range(0, h.partitions())
                    .mapToObj(i -> dialect.hashPredicate(h.column(), h.partitions(), i)).toList();
        }
        if (extract.split() instanceof PredicateSplit p) {
            return p.predicates().stream().map(c -> "(" + c + ")").toList();
        }
        return List.of();
    }
}
