package io.sluice.framework.run;

import io.sluice.connector.DatasetSource;
import io.sluice.connector.SourceConnector;
import io.sluice.framework.fault.FaultPoints;
import io.sluice.framework.land.Lander;
import io.sluice.framework.land.Manifest;
import io.sluice.framework.land.RawZone;
import io.sluice.framework.plan.Plan;
import io.sluice.framework.plan.RunRequest;
import io.sluice.framework.publish.DatasetPublisher;
import io.sluice.framework.refine.RefinedBuilder;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.RefinedOutcome;
import io.sluice.framework.report.Registrar;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.report.RunReports;
import io.sluice.framework.report.RunStatus;
import io.sluice.framework.report.TableSamples;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.Project;
import io.sluice.metadata.RefinedSpec;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import io.sluice.metadata.SourceSpec;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source: for each of its datasets, publishes runs an earlier process landed but did not finish,
 * lands what is new and publishes it; then builds the refined datasets downstream of the source; then hands
 * the report to the {@link Registrar} and writes it to the lake.
 */
public final class SourceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SourceRunner.class);

    private final Sluice sluice;

    public SourceRunner(Sluice sluice) {
        this.sluice = sluice;
    }

    /** Locks left by a process on another host count as abandoned after this long. */
    public static final java.time.Duration STALE_LOCK = java.time.Duration.ofHours(12);
    /** How long a run waits for another process building the same refined dataset. */
    public static final java.time.Duration REFINED_LOCK_PATIENCE = java.time.Duration.ofMinutes(30);

    /**
     * Runs one source while holding its lock: a second process running the same source fails with
     * {@link io.sluice.metadata.ErrorCategory#CONFLICT} instead of writing the same tables at the same time.
     */
    public RunReport run(Project project, RunRequest request) {
        Configuration conf = sluice.spark().sparkContext().hadoopConfiguration();
        String name = "source-" + request.source();
        try (RunLock lock = request.lockWait().isPresent()
                ? RunLock.acquireWaiting(sluice.lake(), name, conf, sluice.clock(), STALE_LOCK, request.lockWait().get())
                : RunLock.acquire(sluice.lake(), name, conf, sluice.clock(), STALE_LOCK)) {
            return runLocked(project, request);
        }
    }

    private RunReport runLocked(Project project, RunRequest request) {
        Instant started = sluice.clock().instant();
        String runId = RunIds.next(sluice.clock());
        FaultPoints.reached("run.locked");
        Plan plan = Plan.of(project, request);
        SourceSpec source = plan.source();
        List<DatasetSpec> datasets = plan.datasets();
        if (datasets.isEmpty()) {
            throw new SluiceException(StandardErrorCode.DATASET_UNKNOWN, "source '" + source.name()
                    + "' has no dataset " + request.dataset().map(n -> "named '" + n + "'").orElse("declared"));
        }
        SourceConnector connector = sluice.connectors().factory(source.connector()).create(source, sluice.connectorContext());
        Configuration hadoopConf = sluice.spark().sparkContext().hadoopConfiguration();
        RunReports reports = new RunReports(sluice.lake(), hadoopConf);
        registerInterrupted(project, reports, source.name());
        Lander lander = new Lander(sluice.spark(), sluice.clock());
        // The report on disk always holds every outcome whose rows may be committed: each published outcome is
        // added here before its commit marker, by whichever dataset thread publishes it (an outcome added only when
        // its dataset had finished was missing from a report another dataset wrote meanwhile: a kill then lost
        // the committed run's catalog record; found by the crash test).
        List<DatasetOutcome> recorded = new ArrayList<>();
        TableSamples samples = new TableSamples();
        DatasetPublisher publisher = new DatasetPublisher(sluice.spark(), sluice.lake(), outcome -> {
            synchronized (recorded) {
                recorded.add(outcome);
                reports.write(report(runId, source, request, started, List.copyOf(recorded), List.of()));
            }
        }, samples);
        DatasetRun each = dataset -> {
            List<DatasetOutcome> outcomes = runDataset(dataset, source, connector, lander, publisher, request, runId,
                    hadoopConf);
            synchronized (recorded) {
                outcomes.stream().filter(o -> o.status() != DatasetOutcome.Status.PUBLISHED).forEach(recorded::add);
            }
            return outcomes;
        };
        Map<String, List<DatasetOutcome>> byDataset = new HashMap<>();
        for (List<DatasetSpec> round : rounds(datasets)) {
            List<List<DatasetOutcome>> done = runAll(round, Math.min(source.parallelism(), round.size()), each);
            for (int i = 0; i < round.size(); i++) {
                byDataset.put(round.get(i).qualifiedName(), done.get(i));
            }
        }
        List<DatasetOutcome> outcomes = new ArrayList<>();
        datasets.forEach(d -> outcomes.addAll(byDataset.get(d.qualifiedName())));

        List<RefinedOutcome> refined = new ArrayList<>();
        RefinedBuilder builder = new RefinedBuilder(sluice.spark(), sluice.lake());
        for (RefinedSpec r : plan.refined()) {
            long start = System.nanoTime();
            // several sources may feed one refined dataset: their runs take turns building it
            try (RunLock lock = RunLock.acquireWaiting(sluice.lake(), "refined-" + r.name(), hadoopConf, sluice.clock(),
                    STALE_LOCK, REFINED_LOCK_PATIENCE)) {
                refined.add(builder.build(r));
            } catch (SluiceException e) {
                LOG.error("{}: {}", r.name(), e.getMessage());
                refined.add(failed(r, start, e.getMessage(), e.category()));
            } catch (RuntimeException e) {
                LOG.error("{}: unexpected failure", r.name(), e);
                refined.add(failed(r, start, "internal error: " + e, ErrorCategory.INTERNAL));
            }
        }

        RunReport report = report(runId, source, request, started, outcomes, refined);
        FaultPoints.reached("report.before-write");
        reports.write(report);
        register(project, reports, report, samples);
        return report;
    }

    /**
     * The datasets in rounds, each run after the one before: a dataset whose foreign key or lookup reads another
     * dataset of this run comes in a later round, so that it checks against the valid table as this run left it.
     * Without such rules there is one round, in declaration order. Datasets that read each other (a cycle) cannot
     * all come after the others: the first declared of them goes first. Within a round the datasets run
     * {@code parallelism} at a time.
     */
    static List<List<DatasetSpec>> rounds(List<DatasetSpec> datasets) {
        Set<String> planned = new HashSet<>();
        datasets.forEach(d -> planned.add(d.qualifiedName()));
        Set<String> placed = new HashSet<>();
        List<DatasetSpec> remaining = new ArrayList<>(datasets);
        List<List<DatasetSpec>> rounds = new ArrayList<>();
        while (!remaining.isEmpty()) {
            List<DatasetSpec> round = remaining.stream().filter(d -> d.ruleInputs().stream()
                    .allMatch(in -> in.equals(d.qualifiedName()) || !planned.contains(in) || placed.contains(in)))
                    .toList();
            if (round.isEmpty()) {
                round = List.of(remaining.get(0));
            }
            round.forEach(d -> placed.add(d.qualifiedName()));
            remaining.removeAll(round);
            rounds.add(round);
        }
        return rounds;
    }

    /** One dataset's part of a run; called from several threads at once when the source allows it. */
    private interface DatasetRun {
        List<DatasetOutcome> run(DatasetSpec dataset);
    }

    /**
     * Runs every dataset, {@code parallelism} at a time, and returns their outcomes in declaration order. The
     * datasets share the SparkSession (Spark schedules concurrent jobs) and nothing else: each has its own raw
     * folder and tables; writing the report and the connector's after-commit hook take turns.
     */
    private static List<List<DatasetOutcome>> runAll(List<DatasetSpec> datasets, int parallelism, DatasetRun each) {
        if (parallelism <= 1) {
            return datasets.stream().map(each::run).toList();
        }
        java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallelism,
                r -> {
                    Thread t = new Thread(r, "sluice-dataset-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<List<DatasetOutcome>>> futures = new ArrayList<>();
            for (DatasetSpec dataset : datasets) {
                futures.add(pool.submit(() -> each.run(dataset)));
            }
            List<List<DatasetOutcome>> outcomes = new ArrayList<>();
            for (java.util.concurrent.Future<List<DatasetOutcome>> f : futures) {
                outcomes.add(await(f));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T await(java.util.concurrent.Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(StandardErrorCode.INTERRUPTED, "interrupted while datasets were running;"
                    + " the run did not finish, run it again", e);
        } catch (java.util.concurrent.ExecutionException e) {
            // runDataset turns every exception into an outcome: what arrives here is an Error (out of memory, …)
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private List<DatasetOutcome> runDataset(DatasetSpec dataset, SourceSpec source, SourceConnector connector,
                                            Lander lander, DatasetPublisher publisher, RunRequest request,
                                            String runId, Configuration hadoopConf) {
        List<DatasetOutcome> outcomes = new ArrayList<>();
        long start = System.nanoTime();
        RawZone raw = new RawZone(sluice.lake(), source.name(), dataset.name(), hadoopConf);
        try {
            // the extract block is bound once per run: the handle lands, reads, recounts and tidies up
            DatasetSource bound = connector.bind(dataset);
            RunAttempts attempts = new RunAttempts(publisher, connector, bound, hadoopConf, sluice.clock());
            // earlier runs first, each once: a run that fails again is recorded and reported, and newer deliveries
            // are still landed (see RunAttempts for the order and what merge and overwrite datasets do)
            RunAttempts.Pass earlier = attempts.retryOutstanding(dataset, raw);
            outcomes.addAll(earlier.outcomes());
            Lander.Landing landing = lander.landBatch(bound, dataset, raw, hadoopConf, request.runDate(), runId,
                    request.mode());
            Optional<Manifest> landed = landing.manifest();
            if (landed.isPresent() && landed.get().rejected()) {
                outcomes.add(attempts.rejected(dataset, landed.get(), start));
                attempts.afterCommit(dataset, landed.get());
            } else if (landed.isPresent() && earlier.holding().isPresent()) {
                outcomes.add(RunAttempts.held(dataset, landed.get(), earlier.holding().get(), start));
            } else if (landed.isPresent()) {
                outcomes.add(attempts.attempt(dataset, raw, landed.get(), false, false, System.nanoTime()));
            } else if (landing.waiting().isPresent()) {
                outcomes.add(waiting(dataset, start, landing.waiting().get()));
            } else if (outcomes.isEmpty()) {
                outcomes.add(DatasetOutcome.nothingNew(dataset.qualifiedName(), (System.nanoTime() - start) / 1e9));
            }
        } catch (SluiceException e) {
            LOG.error("{}: {}", dataset.qualifiedName(), e.getMessage());
            outcomes.add(failed(dataset, runId, start, e.getMessage(), e.category()));
        } catch (RuntimeException e) {
            // landing failed (a publish failure is an outcome of RunAttempts): no run was sealed, nothing to record
            Optional<String> unreadable = RunAttempts.unreadableFile(e);
            if (unreadable.isPresent()) {
                String message = dataset.qualifiedName() + ": a delivered file cannot be read: " + unreadable.get()
                        + " (replace the delivery and run again)";
                LOG.error(message);
                outcomes.add(failed(dataset, runId, start, message, ErrorCategory.SOURCE));
            } else {
                LOG.error("{}: unexpected failure", dataset.qualifiedName(), e);
                outcomes.add(failed(dataset, runId, start, "internal error: " + e, ErrorCategory.INTERNAL));
            }
        }
        return outcomes;
    }

    private RunReport report(String runId, SourceSpec source, RunRequest request, Instant started,
                             List<DatasetOutcome> outcomes, List<RefinedOutcome> refined) {
        RunStatus status = overall(outcomes, refined);
        return new RunReport(RunReport.VERSION, runId, source.name(), request.runDate(), started,
                sluice.clock().instant(), status, status.exitCode(), outcomes, refined, Optional.empty());
    }

    private void register(Project project, RunReports reports, RunReport report, TableSamples samples) {
        register(sluice, project, reports, report, samples);
    }

    /** Hands a report to the catalog and marks it registered; a catalog failure never fails the run. */
    static void register(Sluice sluice, Project project, RunReports reports, RunReport report, TableSamples samples) {
        try {
            sluice.registrar().register(project, sluice.lake(), report, samples);
            reports.markRegistered(report);
        } catch (RuntimeException e) {
            LOG.error("Registering run {} in the catalog failed; the data is published, the next run registers it: {}",
                    report.runId(), e.toString());
        }
    }

    /** Registers the reports of runs killed before they reached the catalog: their data may be committed. */
    private void registerInterrupted(Project project, RunReports reports, String source) {
        for (RunReport interrupted : reports.unregistered(source)) {
            LOG.info("Registering run {} of {}, interrupted before it reached the catalog", interrupted.runId(), source);
            register(project, reports, interrupted, TableSamples.none());
        }
    }

    private static DatasetOutcome waiting(DatasetSpec dataset, long start, String reason) {
        return DatasetOutcome.builder(dataset.qualifiedName(), DatasetOutcome.Status.WAITING)
                .seconds((System.nanoTime() - start) / 1e9).message(reason).build();
    }

    private static DatasetOutcome failed(DatasetSpec dataset, String runId, long start, String message,
                                         ErrorCategory category) {
        return DatasetOutcome.builder(dataset.qualifiedName(), DatasetOutcome.Status.FAILED).runId(runId)
                .seconds((System.nanoTime() - start) / 1e9).message(message).failure(category).build();
    }

    private static RefinedOutcome failed(RefinedSpec refined, long start, String message, ErrorCategory category) {
        return new RefinedOutcome(refined.name(), RefinedOutcome.Status.FAILED, 0, Optional.empty(), java.util.Map.of(),
                (System.nanoTime() - start) / 1e9, Optional.of(message), Optional.of(category));
    }

    static RunStatus overall(List<DatasetOutcome> outcomes, List<RefinedOutcome> refined) {
        return RunStatus.of(outcomes, refined);
    }

    /** The report as JSON, as written to the lake and printed by {@code --report -}. */
    public static String toJson(RunReport report) {
        try {
            return RunReports.JSON.writeValueAsString(report);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
