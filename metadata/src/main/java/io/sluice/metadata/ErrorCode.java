package io.sluice.metadata;

/**
 * A stable, documented kind of failure: the code a {@link SluiceException} carries, and the
 * {@link ErrorCategory} that decides its exit code and whether retrying can help.
 *
 * <p>Each module declares its codes in one enum implementing this interface ({@link StandardErrorCode} for the
 * core; connectors and the catalog keep their own, like Trino's {@code ErrorCodeSupplier}). Every code is
 * documented in docs/operations.md ("Error codes"); a test walks them all. A connector written outside this
 * project declares its codes the same way.
 */
public interface ErrorCode {

    /**
     * The code as printed in messages, logs and run reports, e.g. {@code DESCRIPTOR_INVALID}: an enum's constant
     * name (an implementation that is not an enum overrides it).
     */
    default String code() {
        return ((Enum<?>) this).name();
    }

    /** What kind of failure it is: decides the exit code and whether a retry can help. */
    ErrorCategory category();

    /** A code declared without an enum, for callers that only know the string (for example a run report). */
    static ErrorCode of(String code, ErrorCategory category) {
        record Named(String code, ErrorCategory category) implements ErrorCode {
        }
        return new Named(code, category);
    }
}
