package io.sluice.framework.run;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scheduler asks for: one source, optionally one of its datasets, for one run date.
 *
 * @param runDate the {@code ingest_date} the run lands into; backfills name a past date
 */
public record RunRequest(String source, Optional<String> dataset, LocalDate runDate) {
    public RunRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(runDate, "runDate");
    }
}
