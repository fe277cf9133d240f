package io.sluice.connector.jdbc;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ErrorCode;

/** The error codes of the {@code jdbc} and {@code teradata} connectors. Each is documented in docs/operations.md. */
public enum JdbcErrorCode implements ErrorCode {
    /** The database cannot be reached (host, port, network, TLS); check the connection settings and run again. */
    SOURCE_UNREACHABLE(ErrorCategory.SOURCE),
    /** The database refused the login; check {@code connection.user} and the password reference. */
    SOURCE_AUTH(ErrorCategory.SOURCE),
    /** The extracted table does not exist or is not visible to the user; check {@code extract.table} and the grants. */
    SOURCE_TABLE_MISSING(ErrorCategory.SOURCE),
    /**
     * A column the extract names (split, incremental or in the query) does not exist in the source: a descriptor
     * to fix, which retrying does not cure; correct the column name in the dataset descriptor.
     */
    SOURCE_COLUMN_UNKNOWN(ErrorCategory.DESCRIPTOR),
    /** The database failed the extract for another reason; the message carries the driver text. */
    SOURCE_QUERY_FAILED(ErrorCategory.SOURCE),
    /** No JDBC driver on the class path accepts the URL; add the driver jar or set {@code connection.driver}. */
    SOURCE_DRIVER_MISSING(ErrorCategory.SOURCE),
    /** Spark failed reading the source or writing the raw Avro files; the run landed nothing, run it again. */
    SOURCE_READ_FAILED(ErrorCategory.SOURCE),
    /** The landed Avro files of a run cannot be listed or removed in the raw zone; check the lake and run again. */
    SOURCE_RAW_FILES_FAILED(ErrorCategory.SOURCE),
    /**
     * The stored watermark does not parse as the declared {@code incremental.type} (the type was changed); run
     * once with {@code --full} to start the watermark again.
     */
    WATERMARK_INVALID(ErrorCategory.DESCRIPTOR);

    private final ErrorCategory category;

    JdbcErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
