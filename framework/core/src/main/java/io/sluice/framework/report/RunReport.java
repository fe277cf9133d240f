package io.sluice.framework.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one {@code sluice run} did: written as JSON to the lake and handed to the catalog seam
 * ({@link Registrar}). Holds no secret: no connection values, no resolved references.
 *
 * @param reportVersion the version of this report's JSON schema
 * @param exitCode      the process exit code the run ends with
 */
public record RunReport(int reportVersion, String runId, String source, LocalDate runDate, Instant startedAt,
                        Instant endedAt, RunStatus status, int exitCode, List<DatasetOutcome> datasets,
                        List<RefinedOutcome> refined, Optional<String> message) {
    public static final int VERSION = 1;

    public RunReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        datasets = List.copyOf(datasets);
        refined = List.copyOf(refined);
        Objects.requireNonNull(message, "message");
    }
}
