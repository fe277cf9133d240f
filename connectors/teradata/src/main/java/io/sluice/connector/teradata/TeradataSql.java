package io.sluice.connector.teradata;

import io.sluice.connector.jdbc.SqlDialect;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Teradata's SQL for extracts: every query reads under {@code LOCKING ROW FOR ACCESS} (a dirty read that neither
 * waits for nor blocks the warehouse's loads), hash splits on {@code HASHBUCKET(HASHROW(col))}, Teradata's
 * timestamp-with-zone literal, and the types Spark's JDBC source cannot read (PERIOD, INTERVAL, TIME WITH TIME
 * ZONE) cast to text on the server.
 */
public final class TeradataSql implements SqlDialect {
    /** The modifier Spark's {@code prepareQuery} puts in front of each generated query. */
    public static final String LOCKING = "LOCKING ROW FOR ACCESS ";

    /** Object does not exist / database does not exist. */
    private static final Set<Integer> MISSING = Set.of(3807, 3802);
    /** Invalid user, password or account; password expired; logon mechanism refused. */
    private static final Set<Integer> AUTHENTICATION = Set.of(8017, 8018, 3032, 8024);
    /** 5628: column not found; 3810: column or object reference not found. */
    private static final Set<Integer> COLUMN_UNKNOWN = Set.of(5628, 3810);

    @Override
    public String prefix() {
        return LOCKING;
    }

    /** Teradata writes the zone inside the TIMESTAMP literal. */
    @Override
    public String timestampTzLiteral(OffsetDateTime value) {
        String offset = value.getOffset().getId();
        return "TIMESTAMP '" + TIMESTAMP.format(value) + (offset.equals("Z") ? "+00:00" : offset) + "'";
    }

    @Override
    public boolean supportsHashSplit() {
        return true;
    }

    /** Rows by the AMP hash bucket of the column: even whatever the column's values, as the rows' distribution is. */
    @Override
    public String hashPredicate(String column, int partitions, int index) {
        return "HASHBUCKET(HASHROW(" + column + ")) MOD " + partitions + " = " + index;
    }

    @Override
    public Optional<String> textCast(String quotedColumn, int jdbcType, String typeName) {
        String name = typeName.toUpperCase(Locale.ROOT);
        boolean unmapped = name.startsWith("PERIOD") || name.startsWith("INTERVAL")
                || name.startsWith("TIME WITH") || jdbcType == Types.OTHER || jdbcType == Types.STRUCT
                || jdbcType == Types.JAVA_OBJECT || jdbcType == Types.DISTINCT;
        return unmapped ? Optional.of("CAST(" + quotedColumn + " AS VARCHAR(200))") : Optional.empty();
    }

    @Override
    public SourceFailure classify(SQLException e) {
        if (MISSING.contains(e.getErrorCode())) {
            return SourceFailure.TABLE_MISSING;
        }
        if (AUTHENTICATION.contains(e.getErrorCode())) {
            return SourceFailure.AUTHENTICATION;
        }
        if (COLUMN_UNKNOWN.contains(e.getErrorCode())) {
            return SourceFailure.COLUMN_UNKNOWN;
        }
        return SqlDialect.super.classify(e);
    }
}
