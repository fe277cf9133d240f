package io.sluice.connector.files;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ErrorCode;

/** The error codes of the {@code files} connector. Each is documented in docs/operations.md. */
public enum FilesErrorCode implements ErrorCode {
    /** The landing glob cannot be listed (permissions, an unreachable share); fix access and run again. */
    FILES_LISTING_FAILED(ErrorCategory.SOURCE),
    /** The landing folder does not exist; fix {@code connection.landing} or mount the share. */
    FILES_LANDING_MISSING(ErrorCategory.SOURCE),
    /** A delivered file could not be copied into the raw zone; run again once the file and the lake are reachable. */
    FILES_COPY_FAILED(ErrorCategory.SOURCE),
    /** A landed raw file could not be read to count it again before a retry; check the raw zone and run again. */
    FILES_RAW_READ_FAILED(ErrorCategory.SOURCE);

    private final ErrorCategory category;

    FilesErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
