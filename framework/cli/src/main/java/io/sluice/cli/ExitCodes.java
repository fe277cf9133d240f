package io.sluice.cli;

import io.sluice.metadata.ErrorCategory;

/** The process exit codes of {@code sluice}, documented in docs/operations.md. Stable: schedulers rely on them. */
final class ExitCodes {
    static final int SUCCESS = 0;
    static final int INTERNAL = 1;
    static final int DESCRIPTOR = 2;
    static final int SOURCE = 3;
    static final int THRESHOLD = 4;
    static final int WAITING = 5;
    static final int ALREADY_RUNNING = 6;
    /** {@code sluice catalog late} found an asset older than its declared freshness. */
    static final int LATE = 7;
    static final int USAGE = 64;

    private ExitCodes() {
    }

    /** The exit code of a command that fails with {@code category}: the category's own, as for a run. */
    static int of(ErrorCategory category) {
        return category.exitCode();
    }
}
