package io.sluice.framework.report;

/** Overall outcome of a run, worst first in {@link #exitCode()} order of precedence. */
public enum RunStatus {
    SUCCEEDED(0),
    FAILED_INTERNAL(1),
    FAILED_DESCRIPTOR(2),
    FAILED_SOURCE(3),
    THRESHOLD_EXCEEDED(4),
    DELIVERY_WAITING(5);

    private final int exitCode;

    RunStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The documented process exit code (docs/operations.md). */
    public int exitCode() {
        return exitCode;
    }
}
