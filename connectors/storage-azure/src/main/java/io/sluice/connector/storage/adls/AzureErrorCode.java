package io.sluice.connector.storage.adls;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ErrorCode;

/** The error codes of the ADLS Gen2 storage; each is documented in docs/operations.md. */
public enum AzureErrorCode implements ErrorCode {
    /** A path names a storage account {@code sluice.yaml}'s {@code azure.accounts} does not list: add the account. */
    AZURE_ACCOUNT_UNKNOWN(ErrorCategory.USER);

    private final ErrorCategory category;

    AzureErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
