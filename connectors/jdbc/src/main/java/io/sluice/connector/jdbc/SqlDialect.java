package io.sluice.connector.jdbc;

import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * What differs between the SQL of the databases the JDBC connector reads. The defaults are ANSI SQL as PostgreSQL
 * accepts it; a database with its own spelling (Teradata) implements the methods that differ.
 *
 * <p>This is not a Spark {@code JdbcDialect}: it shapes the SQL the connector sends, on the driver, so that
 * nothing has to be registered in Spark's JVM-wide dialect list on every executor.
 */
public interface SqlDialect {

    /** Wall-clock timestamps in literals: microseconds, the finest precision PostgreSQL and Teradata keep. */
    DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    /** The ANSI defaults. */
    static SqlDialect ansi() {
        return new SqlDialect() {
        };
    }

    /** Put in front of every query the connector sends, e.g. Teradata's {@code LOCKING ROW FOR ACCESS }. */
    default String prefix() {
        return "";
    }

    /** A literal of a timestamp without time zone. */
    default String timestampLiteral(LocalDateTime value) {
        return "TIMESTAMP '" + TIMESTAMP.format(value) + "'";
    }

    /** A literal of a timestamp with time zone, written with its offset. */
    default String timestampTzLiteral(OffsetDateTime value) {
        return "TIMESTAMP WITH TIME ZONE '" + TIMESTAMP.format(value) + offset(value) + "'";
    }

    /** Whether a hash split ({@code split: {hash: col}}) exists for this database. */
    default boolean supportsHashSplit() {
        return false;
    }

    /** The predicate selecting the {@code index}-th of {@code partitions} hash buckets of {@code column}. */
    default String hashPredicate(String column, int partitions, int index) {
        throw new UnsupportedOperationException("no hash split in this dialect");
    }

    /**
     * The expression that reads a column Spark's JDBC source cannot map as text, or empty when Spark maps the
     * type itself. The default casts the types PostgreSQL reports as {@code OTHER} (interval, money, …).
     *
     * @param quotedColumn the column, already quoted
     * @param jdbcType     its {@link Types} code from the result set metadata
     * @param typeName     the database's type name
     */
    default Optional<String> textCast(String quotedColumn, int jdbcType, String typeName) {
        String name = typeName.toLowerCase(Locale.ROOT);
        boolean unmapped = jdbcType == Types.OTHER || jdbcType == Types.STRUCT || jdbcType == Types.JAVA_OBJECT
                || jdbcType == Types.DISTINCT || name.startsWith("interval") || name.equals("money");
        return unmapped ? Optional.of("CAST(" + quotedColumn + " AS TEXT)") : Optional.empty();
    }

    /** An identifier quoted for this database (a name read from result set metadata). */
    default String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** What a driver's failure means for the user. */
    default SourceFailure classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08")) {
            return SourceFailure.UNREACHABLE;
        }
        if (state.startsWith("28")) {
            return SourceFailure.AUTHENTICATION;
        }
        if (state.equals("42P01") || state.equals("42S02") || state.equals("3F000")) {
            return SourceFailure.TABLE_MISSING;
        }
        if (state.equals("42703") || state.equals("42S22")) {
            return SourceFailure.COLUMN_UNKNOWN;
        }
        return SourceFailure.OTHER;
    }

    private static String offset(OffsetDateTime value) {
        String id = value.getOffset().getId();
        return id.equals("Z") ? "+00:00" : id;
    }

    /** The kinds of source failure a user fixes differently. */
    enum SourceFailure {
        /** Network, host, port: retry once it is reachable. */
        UNREACHABLE,
        /** The login was refused. */
        AUTHENTICATION,
        /** The table or schema does not exist or is not visible. */
        TABLE_MISSING,
        /** A column the extract names does not exist: a descriptor to fix, not worth a retry. */
        COLUMN_UNKNOWN,
        /** Anything else. */
        OTHER
    }
}
