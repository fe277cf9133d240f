package io.sluice.connector.jdbc;

import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.SourceSpec;
import java.sql.SQLException;

/**
 * Builds every failure of the JDBC connectors: one line, naming the descriptor file and what to check, never a
 * resolved secret (the URL is shown without parameters or user information, driver text with the password masked).
 */
final class JdbcErrors {
    private final SourceSpec source;
    private final JdbcConnection written;

    JdbcErrors(SourceSpec source, JdbcConnection written) {
        this.source = source;
        this.written = written;
    }

    /** A driver failure while reading {@code dataset}, classified by the dialect. */
    SluiceException of(SQLException e, SqlDialect dialect, JdbcConnection.Resolved resolved, DatasetSpec dataset,
                       JdbcExtract.Source what) {
        String state = " (SQLState " + (e.getSQLState() == null ? "unknown" : e.getSQLState()) + ")";
        String where = source.origin().file() + ": source '" + source.name() + "'";
        return switch (dialect.classify(e)) {
            case UNREACHABLE -> new SluiceException(JdbcErrorCode.SOURCE_UNREACHABLE, where
                    + " is unreachable at " + resolved.shownUrl() + state + "; check the host and port in its"
                    + " connection settings and that the database accepts connections from this machine", e);
            case AUTHENTICATION -> new SluiceException(JdbcErrorCode.SOURCE_AUTH, where
                    + " refused the login of user '" + resolved.user() + "' at " + resolved.shownUrl() + state
                    + "; check connection.user and the password " + written.password() + " refers to", e);
            case TABLE_MISSING -> new SluiceException(JdbcErrorCode.SOURCE_TABLE_MISSING, where
                    + ": " + describe(what) + " of dataset '" + dataset.name() + "' does not exist or is not"
                    + " visible to user '" + resolved.user() + "'" + state + "; check extract."
                    + (what instanceof JdbcExtract.Table ? "table" : "query") + " in " + dataset.origin().file()
                    + " and the user's grants", e);
            case COLUMN_UNKNOWN -> new SluiceException(JdbcErrorCode.SOURCE_COLUMN_UNKNOWN, where + ": a column"
                    + " the extract of dataset '" + dataset.name() + "' names does not exist in " + describe(what)
                    + state + ": " + Redaction.text(e.getMessage(), resolved.password()) + "; correct the column in"
                    + " extract.split, extract.incremental or extract.query in " + dataset.origin().file(), e);
            case OTHER -> new SluiceException(JdbcErrorCode.SOURCE_QUERY_FAILED, where + ": reading"
                    + " dataset '" + dataset.name() + "' failed" + state + ": "
                    + Redaction.text(e.getMessage(), resolved.password()) + "; check the extract in "
                    + dataset.origin().file(), e);
        };
    }

    /** The driver class is not on the class path, or no driver accepts the URL. */
    SluiceException driverMissing(JdbcConnection.Resolved resolved, String detail) {
        return new SluiceException(JdbcErrorCode.SOURCE_DRIVER_MISSING, source.origin().file()
                + ": source '" + source.name() + "': no JDBC driver for " + resolved.shownUrl() + " ("
                + Redaction.text(detail, resolved.password()) + "); put the driver's jar on the class path,"
                + " or set connection.driver to its class");
    }

    /** A failure of Spark's read or write that is not a driver error. */
    SluiceException landingFailed(DatasetSpec dataset, JdbcConnection.Resolved resolved, Exception e) {
        return new SluiceException(JdbcErrorCode.SOURCE_READ_FAILED, source.origin().file()
                + ": source '" + source.name() + "': landing dataset '" + dataset.name() + "' failed: "
                + shortened(Redaction.text(String.valueOf(e.getMessage()), resolved.password()))
                + "; the run landed nothing, run it again once the cause is fixed", e);
    }

    /** Spark's messages carry whole plans; the first part names the cause. */
    private static String shortened(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String describe(JdbcExtract.Source what) {
        return what instanceof JdbcExtract.Table t ? "table " + t.name() : "the query";
    }
}
