package io.sluice.onboard;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ErrorCode;

/** The error codes of {@code sluice init}. Each is documented in docs/operations.md. */
public enum OnboardErrorCode implements ErrorCode {
    /** {@code --source} or {@code --dataset} is not a valid name ({@code [a-z][a-z0-9_]*}). */
    INIT_NAME_INVALID(ErrorCategory.USER),
    /** The sample file does not exist or cannot be read; give a readable file to {@code --sample}. */
    INIT_SAMPLE_UNREADABLE(ErrorCategory.USER),
    /** The sample's format is not one init reads; give {@code --format csv|tsv|json|fixed_width|parquet|avro}. */
    INIT_FORMAT_UNKNOWN(ErrorCategory.USER),
    /**
     * A fixed_width sample without {@code --layout}, {@code --layout} with another format, or a layout file that is
     * not a YAML list of columns; give the layout as docs/init.md says.
     */
    INIT_LAYOUT(ErrorCategory.USER),
    /** The sample holds no record to infer from; give a sample with data. */
    INIT_SAMPLE_EMPTY(ErrorCategory.USER),
    /** {@code --sample} drafts datasets of a files source, and the named source reads with another connector. */
    INIT_SOURCE_NOT_FILES(ErrorCategory.USER),
    /** {@code --tables} needs a declared source whose connector is jdbc or teradata; declare it first. */
    INIT_SOURCE_NOT_DATABASE(ErrorCategory.USER),
    /** No table of the database matches {@code --tables}; check the pattern (SCHEMA.TABLE, * and ? wildcards). */
    INIT_NO_TABLE(ErrorCategory.USER),
    /** Reading the database's catalogue failed (connection, permissions); fix access and run again. */
    INIT_CATALOGUE_FAILED(ErrorCategory.SOURCE),
    /** A draft could not be written into the descriptor folder; check its permissions. */
    INIT_WRITE_FAILED(ErrorCategory.USER);

    private final ErrorCategory category;

    OnboardErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
