package io.sluice.framework.run;

import io.sluice.metadata.ErrorCategory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run did to one dataset.
 *
 * @param dataset      {@code source.dataset}
 * @param runId        the run whose landed files were published (a recovered run keeps its original id)
 * @param status       the outcome
 * @param rawFiles     files landed by that run
 * @param raw          records in those files (counted when landing)
 * @param valid        rows published to the valid table
 * @param error        rows written to the error table
 * @param topErrors    the most frequent rejection reasons
 * @param validVersion Delta version of the valid table after the run, when written
 * @param errorVersion Delta version of the error table after the run, when written
 * @param seconds      wall time
 * @param message      why it failed, for a failed outcome
 * @param failure      the kind of failure, for a {@link Status#FAILED} outcome; empty for the outcome of a run set
 *                     aside (discarded by command, or superseded), which is not a failure of this process
 * @param watermark    the high watermark an incremental extract covered, committed with the published rows
 */
public record DatasetOutcome(String dataset, String runId, Status status, int rawFiles, long raw, long valid, long error,
                             List<ErrorReason> topErrors, Optional<Long> validVersion, Optional<Long> errorVersion,
                             double seconds, Optional<String> message, Optional<ErrorCategory> failure,
                             Optional<String> watermark) {

    /** Outcome of one dataset in one run. */
    public enum Status {
        /** New data was landed, validated and published. */
        PUBLISHED,
        /** The source delivered nothing new: no table changed. */
        NOTHING_NEW,
        /** Rejected rows exceeded {@code error.max_ratio}: error rows written, nothing published to valid. */
        THRESHOLD_EXCEEDED,
        /**
         * The dataset failed (the run is kept in raw as {@code failed} and retried by later runs); or, without a
         * failure category, a run was set aside ({@code discarded}). See the message.
         */
        FAILED,
        /**
         * A delivery is arriving but not complete (no completion signal yet): nothing landed, try again later; or a
         * landed run of a merge dataset waits for an older run that is not published (see the message).
         */
        WAITING,
        /** A delivery failed its declared checks: its files are kept in raw, nothing was published. */
        REJECTED
    }

    public DatasetOutcome {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(status, "status");
        topErrors = List.copyOf(topErrors);
        Objects.requireNonNull(validVersion, "validVersion");
        Objects.requireNonNull(errorVersion, "errorVersion");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(watermark, "watermark");
    }

    public static DatasetOutcome nothingNew(String dataset, double seconds) {
        return new DatasetOutcome(dataset, null, Status.NOTHING_NEW, 0, 0, 0, 0, List.of(), Optional.empty(),
                Optional.empty(), seconds, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Rejected share of the raw records, 0 when nothing was read. */
    public double errorRatio() {
        return raw == 0 ? 0 : (double) error / raw;
    }

    /** The invariant every run keeps: every raw record is either valid or rejected. */
    public boolean balanced() {
        return status != Status.PUBLISHED || raw == valid + error;
    }
}
