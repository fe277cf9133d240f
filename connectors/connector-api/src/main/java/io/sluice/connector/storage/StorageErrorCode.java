package io.sluice.connector.storage;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ErrorCode;

/** The error codes of the storage SPI; each is documented in docs/operations.md. */
public enum StorageErrorCode implements ErrorCode {
    /** No storage on the class path handles the location's scheme: add the storage module or fix the location. */
    STORAGE_UNSUPPORTED(ErrorCategory.USER),
    /** A location is not a valid path of its storage (for example an ADLS URI without container). */
    STORAGE_PATH_INVALID(ErrorCategory.USER),
    /** An access control list is not valid: write entries like {@code user::rwx,group::r-x,other::---}. */
    STORAGE_ACL_INVALID(ErrorCategory.USER),
    /** Two storage modules on the class path read the same {@code sluice.yaml} section: remove one of the jars. */
    STORAGE_FACTORY_CONFLICT(ErrorCategory.USER);

    private final ErrorCategory category;

    StorageErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
