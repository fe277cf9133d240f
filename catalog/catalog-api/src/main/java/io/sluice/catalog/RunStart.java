package io.sluice.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A dataset's run has started.
 *
 * @param key     run id, source and dataset
 * @param runDate the business date the scheduler passed ({@code --run-date})
 * @param started when it started; kept to the millisecond
 */
public record RunStart(RunKey key, LocalDate runDate, Instant started) {
    public RunStart {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(runDate, "runDate");
        started = Objects.requireNonNull(started, "started").truncatedTo(ChronoUnit.MILLIS);
    }
}
