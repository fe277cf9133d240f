package io.sluice.framework.report;

import io.sluice.metadata.ErrorCategory;
import java.util.List;

/**
 * Overall outcome of a run. A failed run's status follows from the {@link ErrorCategory} of its failure, so a run
 * exits with the code a command failing with the same category exits with ({@link ErrorCategory#exitCode()}).
 * When datasets end differently the most severe status wins: {@link #moreSevere(RunStatus)} (docs/operations.md).
 */
public enum RunStatus {
    // declared from the least to the most severe: the precedence is this order
    SUCCEEDED(0),
    DELIVERY_WAITING(5),
    THRESHOLD_EXCEEDED(ErrorCategory.DATA.exitCode()),
    FAILED_CONFLICT(ErrorCategory.CONFLICT.exitCode()),
    FAILED_SOURCE(ErrorCategory.SOURCE.exitCode()),
    FAILED_USER(ErrorCategory.USER.exitCode()),
    FAILED_DESCRIPTOR(ErrorCategory.DESCRIPTOR.exitCode()),
    FAILED_INTERNAL(ErrorCategory.INTERNAL.exitCode());

    private final int exitCode;

    RunStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The documented process exit code (docs/operations.md). */
    public int exitCode() {
        return exitCode;
    }

    /** The status of a run a dataset of which failed with {@code category}. */
    public static RunStatus failedWith(ErrorCategory category) {
        return switch (category) {
            case INTERNAL -> FAILED_INTERNAL;
            case DESCRIPTOR -> FAILED_DESCRIPTOR;
            case USER -> FAILED_USER;
            case SOURCE -> FAILED_SOURCE;
            case CONFLICT -> FAILED_CONFLICT;
            case DATA -> THRESHOLD_EXCEEDED;
        };
    }

    /**
     * The status of a run whose datasets and refined datasets ended so: the most severe of their failures, a
     * threshold exceeded, a delivery still arriving, or success.
     */
    public static RunStatus of(List<DatasetOutcome> outcomes, List<RefinedOutcome> refined) {
        RunStatus worst = SUCCEEDED;
        for (DatasetOutcome o : outcomes) {
            if (o.failure().isPresent()) {
                worst = worst.moreSevere(failedWith(o.failure().get()));
            }
            if (o.status() == DatasetOutcome.Status.THRESHOLD_EXCEEDED) {
                worst = worst.moreSevere(THRESHOLD_EXCEEDED);
            } else if (o.status() == DatasetOutcome.Status.WAITING) {
                worst = worst.moreSevere(DELIVERY_WAITING);
            }
        }
        for (RefinedOutcome o : refined) {
            if (o.failure().isPresent()) {
                worst = worst.moreSevere(failedWith(o.failure().get()));
            }
        }
        return worst;
    }

    /** The more severe of this status and {@code other}. */
    public RunStatus moreSevere(RunStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
