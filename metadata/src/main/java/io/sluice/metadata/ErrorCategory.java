package io.sluice.metadata;

/**
 * What kind of failure a {@link SluiceException} reports. The CLI maps each category to an exit code a
 * scheduler can act on.
 */
public enum ErrorCategory {
    /** A descriptor or project configuration is invalid: fix the file, retrying will not help. */
    DESCRIPTOR,
    /** The user asked for something that cannot be done (unknown source, bad argument). */
    USER,
    /** A source system or storage failed or refused (unreachable, wrong credentials): usually retryable. */
    SOURCE,
    /** The data of a run breached a declared limit (for example {@code error.max_ratio}). */
    DATA,
    /** Another process is running the same source: try again when it has finished. */
    CONFLICT,
    /** A bug or an unexpected state in Sluice itself. */
    INTERNAL
}
