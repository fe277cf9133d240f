package io.sluice.connector;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ErrorCode;

/** The error codes of finding source connectors. Each is documented in docs/operations.md. */
public enum ConnectorErrorCode implements ErrorCode {
    /** Two connector jars on the class path answer to one name; remove one of them. */
    CONNECTOR_DUPLICATE(ErrorCategory.INTERNAL),
    /** A source descriptor names a connector no jar on the class path provides; fix {@code connector:} or add the jar. */
    CONNECTOR_UNKNOWN(ErrorCategory.USER);

    private final ErrorCategory category;

    ConnectorErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
