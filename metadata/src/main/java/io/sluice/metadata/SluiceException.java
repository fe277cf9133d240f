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

    /**
     * A failure named by its code string.
     *
     * @deprecated declare the code in an {@link ErrorCode} enum and use {@link #SluiceException(ErrorCode, String)}
     */
    @Deprecated
    public SluiceException(ErrorCategory category, String code, String message) {
        this(ErrorCode.of(code, category), message, null);
    }

    /** @deprecated see {@link #SluiceException(ErrorCategory, String, String)} */
    @Deprecated
    public SluiceException(ErrorCategory category, String code, String message, Throwable cause) {
        this(ErrorCode.of(code, category), message, cause);
    }

    /** Stable, documented identifier of this kind of failure, e.g. {@code DESCRIPTOR_INVALID}. */
    public String code() {
        return code;
    }

    /** The declared kind of failure; its category decides the exit code. */
    public ErrorCode errorCode() {
        return errorCode == null ? ErrorCode.of(code, category) : errorCode;
    }

    public ErrorCategory category() {
        return category;
    }
}
