package io.sluice.framework.report;

import io.sluice.metadata.ErrorCategory;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run did to one refined dataset.
 *
 * @param inputVersions Delta version of each input the query read
 */
public record RefinedOutcome(String name, Status status, long rows, Optional<Long> version,
                             Map<String, Long> inputVersions, double seconds, Optional<String> message,
                             Optional<ErrorCategory> failure) {
    /** Outcome of a refined dataset in one run. */
    public enum Status {
        /** Recomputed from new input versions. */
        WRITTEN,
        /** No input changed since the last build: the table was left as it is. */
        UNCHANGED,
        /** An input has no table yet (its source has not run). */
        WAITING_FOR_INPUT,
        /** The query or the write failed; see the message. */
        FAILED
    }

    public RefinedOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(version, "version");
        inputVersions = Map.copyOf(inputVersions);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(failure, "failure");
    }
}
