package io.sluice.metadata;

/**
 * What kind of failure a {@link SluiceException} reports. The one mapping from a category to the process exit
 * code a scheduler acts on, and to whether retrying the same command later can help, lives here.
 */
public enum ErrorCategory {
    /** A descriptor or project configuration is invalid: fix the file, retrying will not help. */
    DESCRIPTOR(2, false),
    /** The user asked for something that cannot be done (unknown source, bad argument). */
    USER(64, false),
    /** A source system or storage failed or refused (unreachable, wrong credentials): usually retryable. */
    SOURCE(3, true),
    /** The data of a run breached a declared limit (for example {@code error.max_ratio}). */
    DATA(4, false),
    /** Another process is running the same source: try again when it has finished. */
    CONFLICT(6, true),
    /** A bug or an unexpected state in Sluice itself. */
    INTERNAL(1, false);

    private final int exitCode;
    private final boolean retryable;

    ErrorCategory(int exitCode, boolean retryable) {
        this.exitCode = exitCode;
        this.retryable = retryable;
    }

    /** The documented process exit code of a command that fails with this category (docs/operations.md). */
    public int exitCode() {
        return exitCode;
    }

    /** True when running the same command again later, with nothing changed, can succeed. */
    public boolean retryable() {
        return retryable;
    }
}
