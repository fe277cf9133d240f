package io.sluice.cli;

import io.sluice.connector.ExtractMode;
import io.sluice.framework.plan.RunRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which source (and dataset) a command works on, for which run date. */
final class SourceOptions {
    @Option(names = "--source", required = true, paramLabel = "SOURCE", description = "Source to run.")
    String source;

    @Option(names = "--dataset", paramLabel = "DATASET", description = "Only this dataset of the source.")
    String dataset;

    @Option(names = "--run-date", paramLabel = "YYYY-MM-DD", description = "Run date (ingest_date partition); default today (UTC).")
    LocalDate runDate;

    RunRequest request(ExtractMode mode) {
        return request(mode, Optional.empty());
    }

    RunRequest request(ExtractMode mode, Optional<java.time.Duration> lockWait) {
        return new RunRequest(source, Optional.ofNullable(dataset),
                runDate == null ? LocalDate.now(ZoneOffset.UTC) : runDate, mode, lockWait);
    }
}
