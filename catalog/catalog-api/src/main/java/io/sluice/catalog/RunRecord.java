package io.sluice.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One dataset's run as recorded. Runs are history: each run id keeps its own record, nothing is overwritten
 * except a running record by its finish.
 *
 * @param key          run id, source and dataset
 * @param runDate      the business date of the run
 * @param started      when it started
 * @param ended        when it ended; empty while running
 * @param status       running, succeeded or failed
 * @param rows         rows written per zone ({@link RowCounts#NONE} while running)
 * @param topErrors    most frequent rejection reasons, most frequent first
 * @param watermark    the incremental watermark committed with the data
 * @param deltaVersion the Delta table version the run committed
 * @param errorMessage why it failed (credentials redacted)
 * @param nothingNew   the run found nothing new (it wrote nothing; not a delivery of zero rows)
 */
public record RunRecord(
        RunKey key,
        LocalDate runDate,
        Instant started,
        Optional<Instant> ended,
        RunStatus status,
        RowCounts rows,
        List<ErrorReason> topErrors,
        Optional<String> watermark,
        OptionalLong deltaVersion,
        Optional<String> errorMessage,
        boolean nothingNew) {

    public RunRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(runDate, "runDate");
        started = Objects.requireNonNull(started, "started").truncatedTo(ChronoUnit.MILLIS);
        ended = Objects.requireNonNull(ended, "ended").map(t -> t.truncatedTo(ChronoUnit.MILLIS));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rows, "rows");
        topErrors = List.copyOf(topErrors);
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(deltaVersion, "deltaVersion");
        errorMessage = Objects.requireNonNull(errorMessage, "errorMessage").map(Secrets::redact);
    }

    /** A record that says nothing about whether the run found something new. */
    public RunRecord(RunKey key, LocalDate runDate, Instant started, Optional<Instant> ended, RunStatus status,
                     RowCounts rows, List<ErrorReason> topErrors, Optional<String> watermark,
                     OptionalLong deltaVersion, Optional<String> errorMessage) {
        this(key, runDate, started, ended, status, rows, topErrors, watermark, deltaVersion, errorMessage, false);
    }

    /** The record of a run that has just started. */
    public static RunRecord started(RunStart start) {
        return new RunRecord(start.key(), start.runDate(), start.started(), Optional.empty(), RunStatus.RUNNING,
                RowCounts.NONE, List.of(), Optional.empty(), OptionalLong.empty(), Optional.empty());
    }

    /** This running record, finished as {@code finish} says. */
    public RunRecord finishedBy(RunFinish finish) {
        return new RunRecord(key, runDate, started, Optional.of(finish.ended()), finish.status(), finish.rows(),
                finish.topErrors(), finish.watermark(), finish.deltaVersion(), finish.errorMessage(),
                finish.nothingNew());
    }
}
