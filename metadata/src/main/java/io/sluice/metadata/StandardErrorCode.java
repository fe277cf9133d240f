package io.sluice.metadata;

/**
 * The error codes of the descriptor layer and the framework (validate, core, cli); each is documented in
 * docs/operations.md ("Error codes"), where a test checks that every constant has its row.
 */
public enum StandardErrorCode implements ErrorCode {
    // descriptors and project configuration

    /** One or more descriptor files are invalid; the message lists each problem as {@code file:line: /pointer}. */
    DESCRIPTOR_INVALID(ErrorCategory.DESCRIPTOR),
    /** The descriptor folder does not exist. */
    DESCRIPTORS_NOT_FOUND(ErrorCategory.DESCRIPTOR),
    /** The descriptor folder exists but cannot be listed (permissions, a broken mount). */
    DESCRIPTORS_UNREADABLE(ErrorCategory.DESCRIPTOR),
    /** A {@code ${env:…}} or {@code ${secret:…}} reference is malformed. */
    REFERENCE_INVALID(ErrorCategory.DESCRIPTOR),
    /** A referenced environment variable is not set. */
    REFERENCE_UNSET(ErrorCategory.DESCRIPTOR),
    /** A column's declared type changed in a way the valid table cannot take in place. */
    VALID_TYPE_CHANGE_UNSUPPORTED(ErrorCategory.DESCRIPTOR),
    /**
     * The Spark session's {@code spark.sql.legacy.timeParserPolicy} would make strict date parsing lenient or
     * fatal: a configuration problem, so it fails a run like a descriptor error.
     */
    SPARK_TIME_PARSER_POLICY(ErrorCategory.DESCRIPTOR),

    // what the command line asked for

    /** No source of that name is declared. */
    SOURCE_UNKNOWN(ErrorCategory.USER),
    /** No dataset of that name is declared in the source. */
    DATASET_UNKNOWN(ErrorCategory.USER),
    /** The dataset has no landed run with that id. */
    RUN_UNKNOWN(ErrorCategory.USER),
    /** The run cannot be retried (published, discarded, or another run must go first). */
    RUN_NOT_RETRYABLE(ErrorCategory.USER),
    /** The run is published and cannot be discarded. */
    RUN_NOT_DISCARDABLE(ErrorCategory.USER),
    /** No asset of that name in the catalog ({@code sluice sql}, {@code sluice catalog}). */
    ASSET_UNKNOWN(ErrorCategory.USER),
    /** The query given to {@code sluice sql} does not run. */
    SQL_INVALID(ErrorCategory.USER),
    /** The report file given with {@code --report} cannot be written. */
    REPORT_UNWRITABLE(ErrorCategory.USER),

    // the lake and its storage

    /** The lake's storage failed while landing, locking or recording a run. */
    STORAGE_FAILED(ErrorCategory.SOURCE),
    /** Another process runs the same source (or builds the same refined dataset). */
    ALREADY_RUNNING(ErrorCategory.CONFLICT),
    /** Another process created the same Delta table, or committed to it, at the same moment. */
    TABLE_WRITTEN_CONCURRENTLY(ErrorCategory.CONFLICT),

    // the data of a run

    /** The source has columns the schema does not declare, and the dataset says {@code drift: fail}. */
    DRIFT_UNEXPECTED_COLUMNS(ErrorCategory.DATA),

    // checks on Sluice itself

    /** The rows read from the raw zone differ from the count the landing recorded. */
    RAW_COUNT_MISMATCH(ErrorCategory.INTERNAL),
    /** The rows written to the valid zone differ from the rows validated. */
    VALID_COUNT_MISMATCH(ErrorCategory.INTERNAL),
    /** The rows written to the error zone differ from the rows rejected. */
    ERROR_COUNT_MISMATCH(ErrorCategory.INTERNAL),
    /** The rows written by an error replay differ from the rows replayed. */
    REPLAY_COUNT_MISMATCH(ErrorCategory.INTERNAL),
    /** The process was interrupted while it waited for its own work. */
    INTERRUPTED(ErrorCategory.INTERNAL);

    private final ErrorCategory category;

    StandardErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
