package io.sluice.connector.storage.adls;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ErrorCode;

/** The error codes of the ADLS Gen2 storage; each is documented in docs/operations.md. */
public enum AzureErrorCode implements ErrorCode {
    /** A path names a storage account {@code sluice.yaml}'s {@code azure.accounts} does not list: add the account. */
    AZURE_ACCOUNT_UNKNOWN(ErrorCategory.USER),
    /** The service refused the credentials or the permission (HTTP 401/403): fix the key, secret, role or ACL. */
    AZURE_ACCESS_DENIED(ErrorCategory.SOURCE),
    /** The account's endpoint could not be reached (DNS, network, firewall): check the endpoint and the network. */
    AZURE_UNREACHABLE(ErrorCategory.SOURCE);

    private final ErrorCategory category;

    AzureErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
