package io.sluice.framework.plan;

import io.sluice.connector.ExtractMode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scheduler asks for: one source, optionally one of its datasets, for one run date.
 *
 * @param runDate the {@code ingest_date} the run lands into; backfills name a past date
 * @param mode    {@link ExtractMode#FULL} re-extracts everything from incremental sources ({@code --full})
 * @param lockWait how long to wait for another process running the same source ({@code --wait}); empty: fail at
 *                once with "already running"
 */
public record RunRequest(String source, Optional<String> dataset, LocalDate runDate, ExtractMode mode,
                         Optional<java.time.Duration> lockWait) {
    public RunRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(runDate, "runDate");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(lockWait, "lockWait");
    }

    public RunRequest(String source, Optional<String> dataset, LocalDate runDate, ExtractMode mode) {
        this(source, dataset, runDate, mode, Optional.empty());
    }

    /** An incremental run: only what the source has that the lake has not. */
    public RunRequest(String source, Optional<String> dataset, LocalDate runDate) {
        this(source, dataset, runDate, ExtractMode.INCREMENTAL);
    }
}
