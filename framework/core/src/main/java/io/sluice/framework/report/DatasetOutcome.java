package io.sluice.framework.report;

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
 * @param error        rows rejected (written to the error table), not counting the skipped ones
 * @param skipped      records the connector skipped as not data (a preamble or footer line, a record type that is
 *                     not data): written to the error table with their reason, counted apart; {@code raw = valid +
 *                     error + skipped}
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
                             long skipped, List<ErrorReason> topErrors, Optional<Long> validVersion, Optional<Long> errorVersion,
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
        return builder(dataset, Status.NOTHING_NEW).seconds(seconds).build();
    }

    /** Starts an outcome of {@code dataset}: no run, no rows, no versions, no message, no failure. */
    public static Builder builder(String dataset, Status status) {
        return new Builder(dataset, status);
    }

    /** A builder holding this outcome's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(dataset, status).runId(runId).files(rawFiles).raw(raw).valid(valid).error(error)
                .skipped(skipped).topErrors(topErrors).seconds(seconds).failure(failure.orElse(null)).watermark(watermark);
        b.validVersion = validVersion;
        b.errorVersion = errorVersion;
        b.message = message;
        return b;
    }

    /** Builds a {@link DatasetOutcome} field by field; unset fields are empty or zero. */
    public static final class Builder {
        private final String dataset;
        private Status status;
        private String runId;
        private int rawFiles;
        private long raw;
        private long valid;
        private long error;
        private long skipped;
        private List<ErrorReason> topErrors = List.of();
        private Optional<Long> validVersion = Optional.empty();
        private Optional<Long> errorVersion = Optional.empty();
        private double seconds;
        private Optional<String> message = Optional.empty();
        private Optional<ErrorCategory> failure = Optional.empty();
        private Optional<String> watermark = Optional.empty();

        private Builder(String dataset, Status status) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            this.status = Objects.requireNonNull(status, "status");
        }

        public Builder status(Status value) {
            status = Objects.requireNonNull(value, "status");
            return this;
        }

        /** The run whose landed files the outcome is about; null when no run landed anything. */
        public Builder runId(String value) {
            runId = value;
            return this;
        }

        public Builder files(int value) {
            rawFiles = value;
            return this;
        }

        public Builder raw(long value) {
            raw = value;
            return this;
        }

        public Builder valid(long value) {
            valid = value;
            return this;
        }

        public Builder error(long value) {
            error = value;
            return this;
        }

        /** Records the connector skipped as not data; they are in the error table, not in {@link #error}. */
        public Builder skipped(long value) {
            skipped = value;
            return this;
        }

        public Builder topErrors(List<ErrorReason> value) {
            topErrors = value;
            return this;
        }

        public Builder validVersion(Optional<Long> value) {
            validVersion = Objects.requireNonNull(value, "validVersion");
            return this;
        }

        public Builder errorVersion(Optional<Long> value) {
            errorVersion = Objects.requireNonNull(value, "errorVersion");
            return this;
        }

        public Builder seconds(double value) {
            seconds = value;
            return this;
        }

        public Builder message(String value) {
            message = Optional.ofNullable(value);
            return this;
        }

        /** The kind of failure; null for an outcome that is not a failure of this process. */
        public Builder failure(ErrorCategory value) {
            failure = Optional.ofNullable(value);
            return this;
        }

        public Builder watermark(Optional<String> value) {
            watermark = Objects.requireNonNull(value, "watermark");
            return this;
        }

        public DatasetOutcome build() {
            return new DatasetOutcome(dataset, runId, status, rawFiles, raw, valid, error, skipped, topErrors,
                    validVersion, errorVersion, seconds, message, failure, watermark);
        }
    }

    /**
     * Rejected share of the records that are data (raw minus skipped), 0 when there are none: what
     * {@code error.max_ratio} limits.
     */
    public double errorRatio() {
        long data = raw - skipped;
        return data <= 0 ? 0 : (double) error / data;
    }

    /** The invariant every run keeps: every raw record is valid, rejected or skipped. */
    public boolean balanced() {
        return status != Status.PUBLISHED || raw == valid + error + skipped;
    }
}
