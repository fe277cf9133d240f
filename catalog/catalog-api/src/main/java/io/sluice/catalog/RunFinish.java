package io.sluice.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a dataset's run ended. Build with {@link #succeeded} or {@link #failed} and the {@code with…} methods.
 * The error message is stored with credentials redacted ({@link Secrets#redact}).
 *
 * @param key          run id, source and dataset of a started run
 * @param ended        when it ended; kept to the millisecond
 * @param status       {@link RunStatus#SUCCEEDED} or {@link RunStatus#FAILED}
 * @param rows         rows written per zone
 * @param topErrors    the most frequent rejection reasons, most frequent first
 * @param watermark    the incremental watermark committed with the data, if the dataset is incremental
 * @param deltaVersion the Delta table version the run committed, if it committed one
 * @param errorMessage why the run failed
 * @param nothingNew   the run found nothing new to ingest (it wrote nothing; not a delivery of zero rows)
 */
public record RunFinish(
        RunKey key,
        Instant ended,
        RunStatus status,
        RowCounts rows,
        List<ErrorReason> topErrors,
        Optional<String> watermark,
        OptionalLong deltaVersion,
        Optional<String> errorMessage,
        boolean nothingNew) {

    public RunFinish {
        Objects.requireNonNull(key, "key");
        ended = Objects.requireNonNull(ended, "ended").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rows, "rows");
        topErrors = List.copyOf(topErrors);
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(deltaVersion, "deltaVersion");
        errorMessage = Objects.requireNonNull(errorMessage, "errorMessage").map(Secrets::redact);
        if (!status.isFinal()) {
            throw new IllegalArgumentException("a run finishes as SUCCEEDED or FAILED, not " + status + " (" + key + ")");
        }
    }

    /** A run end that says nothing about whether the run found something new. */
    public RunFinish(RunKey key, Instant ended, RunStatus status, RowCounts rows, List<ErrorReason> topErrors,
                     Optional<String> watermark, OptionalLong deltaVersion, Optional<String> errorMessage) {
        this(key, ended, status, rows, topErrors, watermark, deltaVersion, errorMessage, false);
    }

    /** A successful end with its row counts. */
    public static RunFinish succeeded(RunKey key, Instant ended, RowCounts rows) {
        return new RunFinish(key, ended, RunStatus.SUCCEEDED, rows, List.of(), Optional.empty(), OptionalLong.empty(),
                Optional.empty());
    }

    /** A failed end and why. */
    public static RunFinish failed(RunKey key, Instant ended, String errorMessage) {
        return new RunFinish(key, ended, RunStatus.FAILED, RowCounts.NONE, List.of(), Optional.empty(),
                OptionalLong.empty(), Optional.of(errorMessage));
    }

    /** This successful end of a run that found nothing new: it wrote nothing, and the data is as old as before. */
    public RunFinish withNothingNew() {
        return new RunFinish(key, ended, status, rows, topErrors, watermark, deltaVersion, errorMessage, true);
    }

    public RunFinish withRows(RowCounts value) {
        return new RunFinish(key, ended, status, value, topErrors, watermark, deltaVersion, errorMessage, nothingNew);
    }

    public RunFinish withTopErrors(List<ErrorReason> value) {
        return new RunFinish(key, ended, status, rows, value, watermark, deltaVersion, errorMessage, nothingNew);
    }

    public RunFinish withWatermark(String value) {
        return new RunFinish(key, ended, status, rows, topErrors, Optional.of(value), deltaVersion, errorMessage, nothingNew);
    }

    public RunFinish withDeltaVersion(long value) {
        return new RunFinish(key, ended, status, rows, topErrors, watermark, OptionalLong.of(value), errorMessage, nothingNew);
    }
}
