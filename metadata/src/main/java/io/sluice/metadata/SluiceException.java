package io.sluice.metadata;

import java.util.Objects;

/**
 * Root of every exception Sluice throws on purpose. Unchecked; carries a stable error code and a category
 * that decides the process exit code.
 */
public class SluiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final ErrorCategory category;

    public SluiceException(ErrorCategory category, String code, String message) {
        this(category, code, message, null);
    }

    public SluiceException(ErrorCategory category, String code, String message, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Stable, documented identifier of this kind of failure, e.g. {@code DESCRIPTOR_INVALID}. */
    public String code() {
        return code;
    }

    public ErrorCategory category() {
        return category;
    }
}
