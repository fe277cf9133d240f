package io.sluice.metadata;

import java.util.Objects;

/**
 * Root of every exception Sluice throws on purpose. Unchecked; carries a stable error code and a category
 * that decides the process exit code.
 */
public class SluiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode errorCode;
    private final String code;
    private final ErrorCategory category;

    /** A failure of a declared kind; the message says what happened and what to do. */
    public SluiceException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public SluiceException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(code, "code");
        this.code = code.code();
        this.category = Objects.requireNonNull(code.category(), "category");
    }

    /** Stable, documented identifier of this kind of failure, e.g. {@code DESCRIPTOR_INVALID}. */
    public String code() {
        return code;
    }

    /** The declared kind of failure; its category decides the exit code. */
    public ErrorCode errorCode() {
        // transient: an exception serialised across a Spark task boundary keeps its code and category only
        return errorCode == null ? ErrorCode.of(code, category) : errorCode;
    }

    public ErrorCategory category() {
        return category;
    }
}
