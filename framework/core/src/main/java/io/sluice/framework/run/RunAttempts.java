package io.sluice.framework.run;

import io.sluice.connector.DatasetSource;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.SupportsRecount;
import io.sluice.framework.fault.FaultPoints;
import io.sluice.framework.land.Manifest;
import io.sluice.framework.land.RawZone;
import io.sluice.framework.land.RunRecord;
import io.sluice.framework.land.RunState;
import io.sluice.framework.publish.DatasetPublisher;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.compat.delta.DeltaTables;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.WriteMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes landed runs of one source's datasets and records, crash-safely in the raw zone, what became of each:
 * published (the commit marker), failed (with reason, category and attempts), refused again, or superseded.
 *
 * <p>Retry policy ({@link #retryOutstanding}): every {@code sluice run} first tries each outstanding run of the
 * dataset once, oldest first (landing time, then run id), with the current descriptor, then lands and publishes
 * what is new. A failed or refused run is counted again first when the connector {@link SupportsRecount can}. A
 * run that fails again does not hold back newer deliveries, except for {@code merge} datasets: an upsert of an
 * older run after a newer one would put older values back, so there a newer run stays landed (reported as
 * waiting) until the older one is published or discarded. For {@code overwrite} datasets an older run that is
 * still outstanding when a newer one is published is superseded (its snapshot is older than the table's) and is
 * set aside as discarded rather than published over the newer rows. {@code append} datasets replace only their
 * own run's rows, so order does not matter there.
 */
final class RunAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(RunAttempts.class);
    static final String SYSTEM = "sluice";

    private final DatasetPublisher publisher;
    private final SourceConnector connector;
    private final DatasetSource source;
    private final Configuration hadoopConf;
    private final Clock clock;

    /**
     * @param connector the dataset's source connector, shared by the source's datasets: after-commit hooks take
     *                  turns on it
     * @param source    the dataset bound by {@code connector}
     */
    RunAttempts(DatasetPublisher publisher, SourceConnector connector, DatasetSource source, Configuration hadoopConf,
                Clock clock) {
        this.publisher = publisher;
        this.connector = connector;
        this.source = source;
        this.hadoopConf = hadoopConf;
        this.clock = clock;
    }

    /**
     * What retrying the outstanding runs of a dataset did.
     *
     * @param outcomes one per run tried, held or superseded, oldest first
     * @param holding  the run that holds back newer runs of a {@code merge} dataset, when one failed again
     */
    record Pass(List<DatasetOutcome> outcomes, Optional<String> holding) {
    }

    /** Tries every outstanding run of {@code dataset} once, oldest first; see the class comment for the policy. */
    Pass retryOutstanding(DatasetSpec dataset, RawZone raw) {
        List<DatasetOutcome> outcomes = new ArrayList<>();
        Optional<String> holding = Optional.empty();
        List<RunRecord> runs = raw.runs();
        for (int i = 0; i < runs.size(); i++) {
            RunRecord run = runs.get(i);
            long start = System.nanoTime();
            if (!run.state().outstanding() || (run.state() == RunState.REJECTED && !recounts())) {
                continue;
            }
            Optional<RunRecord> newer = supersededBy(dataset, runs, i);
            if (newer.isPresent()) {
                outcomes.add(supersede(dataset, raw, run, newer.get(), start));
            } else if (holding.isPresent()) {
                outcomes.add(held(dataset, run.manifest(), holding.get(), start));
            } else {
                if (run.state() == RunState.LANDED) {
                    LOG.info("{}: publishing run {} left unfinished by an earlier process", dataset.qualifiedName(), run.runId());
                } else {
                    LOG.info("{}: retrying {} run {} with the current descriptor (attempt {})", dataset.qualifiedName(),
                            run.state().name().toLowerCase(java.util.Locale.ROOT), run.runId(), run.attempts() + 1);
                }
                DatasetOutcome outcome = attempt(dataset, raw, run.manifest(), run.state() != RunState.LANDED, start);
                if (run.state() == RunState.REJECTED && outcome.status() == DatasetOutcome.Status.REJECTED
                        && raw.run(run.runId()).flatMap(RunRecord::reason).equals(run.reason())) {
                    outcome = stillRefused(outcome);
                }
                outcomes.add(outcome);
                if (dataset.validMode() == WriteMode.MERGE && outcome.status() != DatasetOutcome.Status.PUBLISHED) {
                    holding = Optional.of(run.runId());
                }
            }
        }
        return new Pass(outcomes, holding);
    }

    /**
     * A delivery refused again for the reason it was refused when landed: the run that refused it failed (exit 3)
     * and said why; later runs list it without failing again, so that a sender's corrected re-delivery turns the
     * scheduler green (the refused run stays in {@code sluice runs list} until its descriptor is fixed or it is
     * discarded).
     */
    private static DatasetOutcome stillRefused(DatasetOutcome outcome) {
        String message = "still refused, as when it was landed (fix the descriptor, or set it aside with `sluice runs"
                + " discard`): " + outcome.message().orElse("");
        return outcome.toBuilder().message(message).failure(null).build();
    }

    boolean recounts() {
        return source instanceof SupportsRecount;
    }

    /**
     * The newer published run that makes the run at {@code index} obsolete, if any: one of them replaced the whole
     * valid table ({@code overwrite} mode, or a full extract: {@link DatasetPublisher#replacesValidTable}). An older
     * snapshot published after a newer one would put older rows back; an older increment published after a newer
     * snapshot would add rows the snapshot already holds.
     */
    static Optional<RunRecord> supersededBy(DatasetSpec dataset, List<RunRecord> runs, int index) {
        boolean replaces = DatasetPublisher.replacesValidTable(dataset, runs.get(index).manifest().batch());
        for (int j = runs.size() - 1; j > index; j--) {
            RunRecord newer = runs.get(j);
            if (newer.state() == RunState.PUBLISHED
                    && (replaces || DatasetPublisher.replacesValidTable(dataset, newer.manifest().batch()))) {
                return Optional.of(newer);
            }
        }
        return Optional.empty();
    }

    /**
     * Publishes one run and records the result in its raw folder. {@code recount}: a retry with the current
     * descriptor, whose files the connector counts again first (when it can); the new counts are written into the
     * manifest before anything is published. Never throws for a failure of the run: the outcome says it.
     */
    DatasetOutcome attempt(DatasetSpec dataset, RawZone raw, Manifest landed, boolean recount, long start) {
        return attempt(dataset, raw, landed, recount, true, start);
    }

    /**
     * {@link #attempt(DatasetSpec, RawZone, Manifest, boolean, long)}; {@code retry} false only for a run this
     * process has just landed, of which no earlier attempt can have committed rows.
     */
    DatasetOutcome attempt(DatasetSpec dataset, RawZone raw, Manifest landed, boolean recount, boolean retry,
                           long start) {
        Manifest manifest = landed;
        try {
            if (recount && source instanceof SupportsRecount counter) {
                LandedBatch counted = counter.recount(landed.batch(), hadoopConf);
                manifest = landed.recounted(counted);
                if (!manifest.equals(landed)) {
                    raw.rewriteManifest(manifest);
                    FaultPoints.reached("retry.after-recount");
                }
                if (manifest.rejected()) {
                    raw.markRejected(manifest, manifest.reason().orElseThrow(), clock.instant());
                    return rejected(dataset, manifest, start);
                }
            }
            DatasetOutcome outcome = publish(dataset, manifest, raw, retry);
            if (outcome.status() != DatasetOutcome.Status.PUBLISHED) {
                FaultPoints.reached("attempt.before-failed-state");
                raw.markFailed(manifest, outcome.message().orElse(outcome.status().name()),
                        outcome.failure().orElse(ErrorCategory.DATA), clock.instant());
            }
            return outcome;
        } catch (SluiceException e) {
            LOG.error("{}: {}", dataset.qualifiedName(), e.getMessage());
            return failed(dataset, raw, manifest, start, e.getMessage(), e.category());
        } catch (RuntimeException e) {
            Optional<SluiceException> shipped = shippedFailure(e);
            if (shipped.isPresent()) {
                LOG.error("{}: {}", dataset.qualifiedName(), shipped.get().getMessage());
                return failed(dataset, raw, manifest, start, shipped.get().getMessage(), shipped.get().category());
            }
            Optional<String> unreadable = unreadableFile(e);
            if (unreadable.isPresent()) {
                String message = dataset.qualifiedName() + ": a landed file cannot be read: " + unreadable.get()
                        + " (the file is kept in the raw zone; replace the delivery and run again)";
                LOG.error(message);
                return failed(dataset, raw, manifest, start, message, ErrorCategory.SOURCE);
            }
            Optional<String> expression = expressionError(e);
            if (expression.isPresent()) {
                String message = dataset.qualifiedName() + ": an expression of the descriptor failed at run time: "
                        + expression.get() + " (fix the rule, e.g. with a try_ function or a CASE guard; the run is"
                        + " kept in the raw zone and the next run retries it)";
                LOG.error(message);
                return failed(dataset, raw, manifest, start, message, ErrorCategory.DESCRIPTOR);
            }
            if (DeltaTables.concurrentCommit(e).isPresent()) {
                SluiceException conflict = DeltaTables.writtenConcurrently("a Delta table of "
                        + dataset.qualifiedName(), DeltaTables.concurrentCommit(e).get());
                LOG.error(conflict.getMessage());
                return failed(dataset, raw, manifest, start, conflict.getMessage(), conflict.category());
            }
            LOG.error("{}: unexpected failure", dataset.qualifiedName(), e);
            return failed(dataset, raw, manifest, start, "internal error: " + e, ErrorCategory.INTERNAL);
        }
    }

    /** A failed run is recorded as such before its outcome is reported; a storage failure here is only logged. */
    private DatasetOutcome failed(DatasetSpec dataset, RawZone raw, Manifest manifest, long start, String message,
                                  ErrorCategory category) {
        try {
            FaultPoints.reached("attempt.before-failed-state");
            raw.markFailed(manifest, message, category, clock.instant());
        } catch (SluiceException e) {
            LOG.error("{}: could not record run {} as failed: {} (the next run retries it)", dataset.qualifiedName(),
                    manifest.runId(), e.getMessage());
        }
        return DatasetOutcome.builder(dataset.qualifiedName(), DatasetOutcome.Status.FAILED).runId(manifest.runId())
                .files(manifest.files().size()).raw(manifest.records()).seconds(seconds(start)).message(message)
                .failure(category).watermark(manifest.watermark()).build();
    }

    /** Publishes a landed run and, once its rows are committed, lets the connector archive what it delivered. */
    private DatasetOutcome publish(DatasetSpec dataset, Manifest manifest, RawZone raw, boolean retry) {
        DatasetOutcome outcome = publisher.publish(source, dataset, manifest, raw, retry);
        if (outcome.status() == DatasetOutcome.Status.PUBLISHED) {
            afterCommit(dataset, manifest);
        }
        if (!manifest.attributes().isEmpty() && outcome.message().isEmpty()) {
            outcome = outcome.toBuilder().message(describe(manifest)).build();
        }
        return outcome;
    }

    private static String describe(Manifest manifest) {
        StringBuilder text = new StringBuilder();
        manifest.attributes().forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return text.toString();
    }

    /**
     * The archive step must not fail a run whose data is committed: the next run calls it again. One at a time:
     * datasets sharing a delivery decide together which of them archives it.
     */
    void afterCommit(DatasetSpec dataset, Manifest manifest) {
        try {
            synchronized (connector) {
                source.afterCommit(manifest.batch());
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: run {} is committed but the connector could not tidy its landing area: {}",
                    dataset.qualifiedName(), manifest.runId(), e.getMessage());
        }
    }

    /** An older snapshot of an overwrite dataset, outstanding when a newer one is published: set aside. */
    private DatasetOutcome supersede(DatasetSpec dataset, RawZone raw, RunRecord run, RunRecord newer, long start) {
        String reason = "superseded by run " + newer.runId() + ", published later (valid mode overwrite: publishing"
                + " the older snapshot would replace the newer rows)";
        raw.markDiscarded(run.manifest(), reason, SYSTEM, clock.instant());
        LOG.warn("{}: run {} set aside: {}", dataset.qualifiedName(), run.runId(), reason);
        return discarded(dataset.qualifiedName(), run.runId(), run.manifest(), reason, SYSTEM, start);
    }

    /**
     * A set-aside run as the report and the catalog record it: a run that ended without publishing, and not a
     * failure of this process (no failure category, so it does not change the exit code).
     *
     * @param outcomeRunId the run id to record it under: the run's own, or null for the report's (the catalog
     *                     finishes a run once, so a run already recorded as failed needs a record of its own)
     */
    static DatasetOutcome discarded(String dataset, String outcomeRunId, Manifest manifest, String reason, String by,
                                    long start) {
        return DatasetOutcome.builder(dataset, DatasetOutcome.Status.FAILED).runId(outcomeRunId)
                .files(manifest.files().size()).raw(manifest.records()).seconds(seconds(start))
                .message("run " + manifest.runId() + " discarded by " + by + ": " + reason
                        + " (kept in the raw zone, never published)")
                .build();
    }

    /** A newer run of a merge dataset waiting for an older one. */
    static DatasetOutcome held(DatasetSpec dataset, Manifest manifest, String holding, long start) {
        String message = "run " + manifest.runId() + " is landed and waits for the older run " + holding
                + " (valid mode merge upserts runs in delivery order): fix and retry that run, or discard it with"
                + " `sluice runs discard --source " + dataset.source() + " --dataset " + dataset.name() + " --run "
                + holding + "`";
        LOG.warn("{}: {}", dataset.qualifiedName(), message);
        return DatasetOutcome.builder(dataset.qualifiedName(), DatasetOutcome.Status.WAITING).runId(manifest.runId())
                .files(manifest.files().size()).raw(manifest.records()).seconds(seconds(start)).message(message)
                .build();
    }

    /** A refused delivery; what to do depends on whether the connector can count the run again. */
    DatasetOutcome rejected(DatasetSpec dataset, Manifest manifest, long start) {
        String message = "delivery rejected: " + manifest.reason().orElse("failed its checks") + " (its "
                + manifest.files().size() + " file(s) are kept in the raw zone, run " + manifest.runId()
                + "; nothing was published: " + (recounts()
                ? "fix the descriptor if it is wrong (the next run counts the run again and publishes it), or ask the"
                        + " sender for a corrected delivery and set this one aside with `sluice runs discard`)"
                : "ask the sender for a corrected delivery)");
        LOG.error("{}: {}", dataset.qualifiedName(), message);
        return DatasetOutcome.builder(dataset.qualifiedName(), DatasetOutcome.Status.REJECTED)
                .runId(manifest.runId()).files(manifest.files().size()).raw(manifest.records())
                .seconds(seconds(start)).message(message).failure(ErrorCategory.SOURCE).build();
    }

    /**
     * Spark errors that only a SQL expression of the descriptor (a {@code sql} rule) raises while rows are checked:
     * {@code raise_error}, division by zero, overflow, a failed {@code cast} of ANSI SQL. The framework's own
     * checks use {@code try_} forms and never raise them. Not exit 1: the descriptor is to be fixed, not the code.
     */
    private static final List<String> EXPRESSION_ERRORS = List.of("USER_RAISED_EXCEPTION", "DIVIDE_BY_ZERO",
            "ARITHMETIC_OVERFLOW", "CAST_INVALID_INPUT", "CAST_OVERFLOW", "INVALID_ARRAY_INDEX");

    static Optional<String> expressionError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.spark.SparkThrowable st && st.getCondition() != null
                    && EXPRESSION_ERRORS.stream().anyMatch(st.getCondition()::startsWith)) {
                String text = String.valueOf(t.getMessage());
                int nl = text.indexOf('\n');
                return Optional.of(nl < 0 ? text : text.substring(0, nl));
            }
        }
        return Optional.empty();
    }

    /**
     * A {@link SluiceException} a connector threw inside a Spark task (a landed file gone or unreadable when its
     * rows are read), which reaches the driver as the cause of Spark's job failure: its category, not INTERNAL.
     */
    static Optional<SluiceException> shippedFailure(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SluiceException sluice) {
                return Optional.of(sluice);
            }
        }
        return Optional.empty();
    }

    /** Spark's {@code FAILED_READ_FILE} (truncated gzip, garbage Parquet, …) anywhere in the cause chain. */
    static Optional<String> unreadableFile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.spark.SparkThrowable st && st.getCondition() != null
                    && st.getCondition().startsWith("FAILED_READ_FILE")) {
                String text = String.valueOf(t.getMessage());
                int nl = text.indexOf('\n');
                return Optional.of(nl < 0 ? text : text.substring(0, nl));
            }
        }
        return Optional.empty();
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
