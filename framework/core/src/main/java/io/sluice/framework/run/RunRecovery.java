package io.sluice.framework.run;

import io.sluice.connector.SourceConnector;
import io.sluice.framework.land.RawZone;
import io.sluice.framework.land.RunRecord;
import io.sluice.framework.land.RunState;
import io.sluice.framework.plan.RunRequest;
import io.sluice.framework.publish.DatasetPublisher;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.report.RunReports;
import io.sluice.framework.report.RunStatus;
import io.sluice.framework.report.TableSamples;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.Project;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import io.sluice.metadata.SourceSpec;
import io.sluice.metadata.WriteMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sluice runs list|retry|discard}: the landed runs of one dataset, publishing one of them now with the
 * current descriptor, or setting one aside. Retry and discard hold the source's run lock, like {@code sluice run}.
 */
public final class RunRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecovery.class);

    private final Sluice sluice;

    public RunRecovery(Sluice sluice) {
        this.sluice = sluice;
    }

    /** Every sealed run of the dataset, newest first. */
    public List<RunRecord> list(Project project, String source, String dataset) {
        DatasetSpec spec = dataset(project, source, dataset);
        List<RunRecord> runs = new ArrayList<>(raw(spec).runs());
        runs.sort(Comparator.comparing((RunRecord r) -> r.manifest().landedAt()).thenComparing(RunRecord::runId).reversed());
        return runs;
    }

    /**
     * Publishes one failed, refused or unfinished run now, with the current descriptor (counted again first when the
     * connector can).
     *
     * @return the report of this retry (one dataset outcome); its exit code is a run's
     * @throws SluiceException {@code RUN_UNKNOWN}, {@code RUN_NOT_RETRYABLE}, {@code DATASET_UNKNOWN}
     */
    public RunReport retry(Project project, String source, String dataset, String runId) {
        DatasetSpec spec = dataset(project, source, dataset);
        SourceSpec sourceSpec = project.source(source).orElseThrow();
        Configuration conf = hadoopConf();
        try (RunLock lock = RunLock.acquire(sluice.lake(), "source-" + source, conf, sluice.clock(),
                SourceRunner.STALE_LOCK)) {
            Instant started = sluice.clock().instant();
            RawZone raw = raw(spec);
            List<RunRecord> runs = raw.runs();
            RunRecord run = find(spec, runs, runId);
            SourceConnector connector = sluice.connectors().factory(sourceSpec.connector())
                    .create(sourceSpec, sluice.connectorContext());
            io.sluice.connector.DatasetSource bound = connector.bind(spec);
            checkRetryable(spec, runs, run, connector, bound);
            String retryId = "retry-" + RunIds.next(sluice.clock());
            RunRequest request = new RunRequest(source, Optional.of(dataset), run.manifest().runDate());
            RunReports reports = new RunReports(sluice.lake(), conf);
            List<DatasetOutcome> recorded = new ArrayList<>();
            TableSamples samples = new TableSamples();
            DatasetPublisher publisher = new DatasetPublisher(sluice.spark(), sluice.lake(), outcome -> {
                recorded.add(outcome);
                reports.write(report(retryId, request, started, recorded));
            }, samples);
            DatasetOutcome outcome = new RunAttempts(publisher, connector, bound, conf, sluice.clock())
                    .attempt(spec, raw, run.manifest(), true, System.nanoTime());
            RunReport report = report(retryId, request, started, List.of(outcome));
            reports.write(report);
            SourceRunner.register(sluice, project, reports, report, samples);
            return report;
        }
    }

    /**
     * Sets a run aside: kept in raw with its state {@code discarded}, who and why; never published or retried. The
     * report of the discard (one outcome, the run's id, the reason) goes to the lake's reports and the catalog.
     *
     * @throws SluiceException {@code RUN_UNKNOWN}, {@code RUN_NOT_DISCARDABLE} (already published)
     */
    public RunRecord discard(Project project, String source, String dataset, String runId, String reason, String by) {
        DatasetSpec spec = dataset(project, source, dataset);
        Configuration conf = hadoopConf();
        try (RunLock lock = RunLock.acquire(sluice.lake(), "source-" + source, conf, sluice.clock(),
                SourceRunner.STALE_LOCK)) {
            Instant started = sluice.clock().instant();
            RawZone raw = raw(spec);
            RunRecord run = find(spec, raw.runs(), runId);
            if (run.state() == RunState.PUBLISHED) {
                throw new SluiceException(StandardErrorCode.RUN_NOT_DISCARDABLE, spec.qualifiedName() + ": run "
                        + runId + " is published: its rows are in the valid and error tables and cannot be set aside"
                        + " (remove them from the tables if they must go)");
            }
            if (run.state() == RunState.DISCARDED) {
                LOG.info("{}: run {} is already discarded", spec.qualifiedName(), runId);
                return run;
            }
            RunRecord discarded = raw.markDiscarded(run.manifest(), reason, by, sluice.clock().instant());
            LOG.warn("{}: run {} discarded by {}: {}", spec.qualifiedName(), runId, by, reason);
            RunRequest request = new RunRequest(source, Optional.of(dataset), run.manifest().runDate());
            RunReport report = report("discard-" + RunIds.next(sluice.clock()), request, started,
                    List.of(RunAttempts.discarded(spec.qualifiedName(), null, run.manifest(), reason, by, System.nanoTime())));
            RunReports reports = new RunReports(sluice.lake(), conf);
            reports.write(report);
            SourceRunner.register(sluice, project, reports, report, TableSamples.none());
            return discarded;
        }
    }

    private static void checkRetryable(DatasetSpec dataset, List<RunRecord> runs, RunRecord run,
                                       SourceConnector connector, io.sluice.connector.DatasetSource bound) {
        String list = " (see `sluice runs list --source " + dataset.source() + " --dataset " + dataset.name() + "`)";
        switch (run.state()) {
            case PUBLISHED -> throw notRetryable(dataset, run, "is already published; nothing to retry");
            case DISCARDED -> throw notRetryable(dataset, run, "was discarded by " + run.by().orElse("?") + ": "
                    + run.reason().orElse("") + "; it is kept in the raw zone and is not published again");
            case REJECTED -> {
                if (!(bound instanceof io.sluice.connector.SupportsRecount)) {
                    throw notRetryable(dataset, run, "was refused (" + run.reason().orElse("failed its checks")
                            + ") and connector '" + connector.getClass().getSimpleName() + "' cannot count a delivery"
                            + " again: ask the sender for a corrected delivery, and set this one aside with `sluice runs"
                            + " discard --source " + dataset.source() + " --dataset " + dataset.name() + " --run "
                            + run.runId() + " --reason TEXT`");
                }
            }
            case LANDED, FAILED -> { }
            default -> throw new IllegalStateException("unhandled run state " + run.state());
        }
        int index = runs.indexOf(run);
        Optional<RunRecord> newer = RunAttempts.supersededBy(dataset, runs, index);
        if (newer.isPresent()) {
            throw notRetryable(dataset, run, "is older than run " + newer.get().runId() + ", which is published and"
                    + " replaced the valid table (valid mode overwrite, or a full extract): publishing the older run"
                    + " now would put older rows back or add rows the newer one holds: discard it" + list);
        }
        if (dataset.validMode() == WriteMode.MERGE) {
            boolean recounts = bound instanceof io.sluice.connector.SupportsRecount;
            for (RunRecord older : runs.subList(0, index)) {
                if (older.state().outstanding() && (older.state() != RunState.REJECTED || recounts)) {
                    throw notRetryable(dataset, run, "is newer than run " + older.runId() + ", which is not published"
                            + " (valid mode merge upserts runs in delivery order): retry or discard that run first" + list);
                }
            }
        }
    }

    private static SluiceException notRetryable(DatasetSpec dataset, RunRecord run, String why) {
        return new SluiceException(StandardErrorCode.RUN_NOT_RETRYABLE,
                dataset.qualifiedName() + ": run " + run.runId() + " " + why);
    }

    private static RunRecord find(DatasetSpec dataset, List<RunRecord> runs, String runId) {
        return runs.stream().filter(r -> r.runId().equals(runId)).findFirst().orElseThrow(() -> new SluiceException(
                StandardErrorCode.RUN_UNKNOWN, dataset.qualifiedName() + " has no landed run '" + runId
                + "' (`sluice runs list --source " + dataset.source() + " --dataset " + dataset.name()
                + "` shows its runs)"));
    }

    private RunReport report(String runId, RunRequest request, Instant started, List<DatasetOutcome> outcomes) {
        RunStatus status = SourceRunner.overall(outcomes, List.of());
        return new RunReport(RunReport.VERSION, runId, request.source(), request.runDate(), started,
                sluice.clock().instant(), status, status.exitCode(), outcomes, List.of(), Optional.empty());
    }

    private static DatasetSpec dataset(Project project, String source, String dataset) {
        return project.dataset(source + "." + dataset).orElseThrow(() -> new SluiceException(
                StandardErrorCode.DATASET_UNKNOWN, "no dataset '" + dataset + "' in source '" + source + "'"));
    }

    private RawZone raw(DatasetSpec dataset) {
        return new RawZone(sluice.lake(), dataset.source(), dataset.name(), hadoopConf());
    }

    private Configuration hadoopConf() {
        return sluice.spark().sparkContext().hadoopConfiguration();
    }
}
