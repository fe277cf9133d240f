package io.sluice.metadata;

/** The error codes of the descriptor layer and the framework; each is documented in docs/operations.md. */
public enum StandardErrorCode implements ErrorCode {
    /** One or more descriptor files are invalid; the message lists each problem as {@code file:line: /pointer}. */
    DESCRIPTOR_INVALID(ErrorCategory.DESCRIPTOR);

    private final ErrorCategory category;

    StandardErrorCode(ErrorCategory category) {
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
