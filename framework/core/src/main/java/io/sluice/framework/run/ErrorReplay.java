package io.sluice.framework.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.connector.RawColumns;
import io.sluice.framework.land.RawZone;
import io.sluice.framework.publish.DatasetPublisher;
import io.sluice.framework.publish.ValidTables;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.report.RunReports;
import io.sluice.framework.report.RunStatus;
import io.sluice.compat.delta.DeltaTables;
import io.sluice.framework.validate.CompiledValidation;
import io.sluice.framework.validate.ValidationCompiler;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.Project;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sluice errors replay}: validates rejected rows again with the current descriptor; rows that now pass move
 * to the valid table exactly once and leave the error table.
 *
 * <p>Two tables cannot change in one Delta commit, so a replay is journalled: before any write, a journal
 * ({@code _sluice/replays/<source>.<dataset>.json}) records the replay id, the error table version read and the
 * runs replayed. The valid write replaces the rows of the replay id (or merges on the key), the error write
 * replaces the rows of each replayed run; both are recomputed from that same error table version, so a replay
 * killed anywhere is completed, unchanged, by the next replay of the dataset. A replay that finds nothing newly
 * valid commits nothing: running it twice changes nothing.
 */
public final class ErrorReplay {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReplay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RAW_RECORD = "_raw_record";

    private final Sluice sluice;

    public ErrorReplay(Sluice sluice) {
        this.sluice = sluice;
    }

    /**
     * Replays the error rows of {@code source.dataset}, of one run or of every run, holding the source's run lock.
     *
     * @return the replay's report (one dataset outcome; status PUBLISHED when rows moved, NOTHING_NEW otherwise)
     */
    public RunReport replay(Project project, String source, String datasetName, Optional<String> run) {
        DatasetSpec declared = project.dataset(source + "." + datasetName).orElseThrow(() -> new SluiceException(
                StandardErrorCode.DATASET_UNKNOWN, "no dataset '" + datasetName + "' in source '" + source + "'"));
        Configuration conf = sluice.spark().sparkContext().hadoopConfiguration();
        try (RunLock lock = RunLock.acquire(sluice.lake(), "source-" + source, conf, sluice.clock(),
                SourceRunner.STALE_LOCK)) {
            Instant started = sluice.clock().instant();
            DatasetSpec dataset = DatasetPublisher.withImplicitKeyRule(declared);
            Path journalPath = new Path(sluice.lake().root() + "/_sluice/replays/" + source + "." + datasetName + ".json");
            Optional<Journal> pending = readJournal(journalPath, conf);
            if (pending.isPresent()) {
                LOG.info("{}: completing replay {} left unfinished by an earlier process", dataset.qualifiedName(),
                        pending.get().replayId());
                DatasetOutcome finished = apply(dataset, pending.get());
                deleteJournal(journalPath, conf);
                return report(project, dataset, pending.get().replayId(), started, finished);
            }
            String errorPath = sluice.lake().error(source, datasetName);
            String replayId = "replay-" + RunIds.next(sluice.clock());
            if (!DeltaTables.exists(sluice.spark(), errorPath)) {
                return report(project, dataset, replayId, started, nothing(dataset));
            }
            long version = DeltaTables.lastCommit(sluice.spark(), errorPath).orElseThrow().version();
            List<RunStamp> runs = runs(errorPath, version, run);
            if (runs.isEmpty()) {
                if (run.isPresent()) {
                    throw new SluiceException(StandardErrorCode.RUN_UNKNOWN, dataset.qualifiedName()
                            + " has no error rows of run '" + run.get() + "' (see `sluice catalog show "
                            + "error." + dataset.qualifiedName() + "` for its runs)");
                }
                return report(project, dataset, replayId, started, nothing(dataset));
            }
            // refused up front, before the journal: a type change the valid table cannot take
            prepareValidTable(dataset, sluice.spark().read().format("delta").option("versionAsOf", version)
                    .load(errorPath));
            Journal journal = new Journal(replayId, version, runs);
            writeJournal(journalPath, conf, journal);
            DatasetOutcome outcome = apply(dataset, journal);
            deleteJournal(journalPath, conf);
            return report(project, dataset, replayId, started, outcome);
        }
    }

    /** Recomputes the replay from the journalled error table version and writes both tables, each idempotently. */
    private DatasetOutcome apply(DatasetSpec dataset, Journal journal) {
        long start = System.nanoTime();
        String errorPath = sluice.lake().error(dataset.source(), dataset.name());
        String validPath = sluice.lake().valid(dataset.source(), dataset.name());
        Dataset<Row> table = sluice.spark().read().format("delta").option("versionAsOf", journal.errorVersion())
                .load(errorPath);
        Timestamp now = Timestamp.from(sluice.clock().instant());
        List<Dataset<Row>> checkedRuns = new ArrayList<>();
        List<Dataset<Row>> valids = new ArrayList<>();
        List<StillRejected> rejected = new ArrayList<>();
        long candidates = 0;
        long moved = 0;
        try {
            for (RunStamp stamp : journal.runs()) {
                Dataset<Row> rawLike = asRaw(dataset, table.where(col(DatasetPublisher.RUN_ID).equalTo(stamp.runId())));
                CompiledValidation validation = ValidationCompiler.compile(sluice.spark(), dataset, rawLike.schema());
                Dataset<Row> checked = validation.check(rawLike).persist(StorageLevel.DISK_ONLY());
                checkedRuns.add(checked);
                Row counts = checked.agg(count(lit(1)), sum(when(validation.isValid(), 1).otherwise(0))).first();
                long runMoved = counts.isNullAt(1) ? 0 : counts.getLong(1);
                candidates += counts.getLong(0);
                moved += runMoved;
                if (runMoved > 0) {
                    valids.add(validation.valid(checked).withColumn(DatasetPublisher.RUN_ID, lit(journal.replayId()))
                            .withColumn(DatasetPublisher.INGESTED_AT, lit(now)));
                }
                rejected.add(new StillRejected(stamp.runId(), validation.errors(checked)
                        .withColumn(DatasetPublisher.RUN_ID, lit(stamp.runId()))
                        .withColumn(DatasetPublisher.INGESTED_AT, lit(Timestamp.from(Instant.parse(stamp.ingestedAt())))),
                        runMoved));
            }
            if (moved == 0) {
                LOG.info("{}: none of {} error rows passes the current descriptor; nothing changed",
                        dataset.qualifiedName(), candidates);
                return outcome(dataset, journal.replayId(), DatasetOutcome.Status.NOTHING_NEW, candidates, 0, start,
                        Optional.empty(), Optional.empty());
            }
            Dataset<Row> valid = valids.stream().reduce(Dataset::unionByName).orElseThrow();
            prepareValidTable(dataset, table);
            // replayed rows join the table: in overwrite mode too (overwriting would drop every other row)
            DatasetSpec adding = dataset.validMode() == io.sluice.metadata.WriteMode.OVERWRITE
                    ? dataset.withValidMode(io.sluice.metadata.WriteMode.APPEND) : dataset;
            long written = new DatasetPublisher(sluice.spark(), sluice.lake())
                    .writeValid(adding, valid, validPath, journal.replayId()).rowsWritten();
            if (written != moved) {
                throw new SluiceException(StandardErrorCode.REPLAY_COUNT_MISMATCH, dataset.qualifiedName()
                        + ": replay " + journal.replayId() + " found " + moved + " valid rows but wrote " + written
                        + "; the journal is kept, run the replay again");
            }
            for (StillRejected still : rejected) {
                if (still.moved() > 0) {
                    // the current descriptor may declare columns the error table lacks (a new nullable column)
                    still.rows().write().format("delta").mode("overwrite")
                            .option("replaceWhere", DatasetPublisher.RUN_ID + " = '" + still.runId() + "'")
                            .option("mergeSchema", "true")
                            .save(errorPath);
                }
            }
            LOG.info("{}: replay {} moved {} of {} error rows to valid", dataset.qualifiedName(), journal.replayId(),
                    moved, candidates);
            return outcome(dataset, journal.replayId(), DatasetOutcome.Status.PUBLISHED, candidates, moved, start,
                    DeltaTables.lastCommit(sluice.spark(), validPath).map(DeltaTables.LastCommit::version),
                    DeltaTables.lastCommit(sluice.spark(), errorPath).map(DeltaTables.LastCommit::version));
        } finally {
            checkedRuns.forEach(d -> d.unpersist(false));
        }
    }

    /** Widens or extends the valid table for the rows the current descriptor makes of {@code errorRows}. */
    private void prepareValidTable(DatasetSpec dataset, Dataset<Row> errorRows) {
        Dataset<Row> rawLike = asRaw(dataset, errorRows);
        CompiledValidation validation = ValidationCompiler.compile(sluice.spark(), dataset, rawLike.schema());
        ValidTables.prepare(sluice.spark(), sluice.lake().valid(dataset.source(), dataset.name()), dataset,
                validation.valid(validation.check(rawLike)).schema());
    }

    /** Error rows in the shape a text connector reads: declared columns as text plus the bookkeeping columns. */
    private static Dataset<Row> asRaw(DatasetSpec dataset, Dataset<Row> errors) {
        List<Column> columns = new ArrayList<>();
        for (ColumnSpec c : dataset.columns()) {
            boolean present = List.of(errors.columns()).contains(c.name());
            // named as the source names it, which the validation binds the column by
            columns.add((present ? col("`" + c.name() + "`") : lit(null)).cast(DataTypes.StringType)
                    .as(c.sourceName()));
        }
        columns.add(col(RawColumns.SOURCE_FILE));
        columns.add(col(RawColumns.LINE));
        columns.add(col(RAW_RECORD).as(RawColumns.CORRUPT_RECORD));
        return errors.select(columns.toArray(Column[]::new));
    }

    private List<RunStamp> runs(String errorPath, long version, Optional<String> run) {
        Dataset<Row> table = sluice.spark().read().format("delta").option("versionAsOf", version).load(errorPath);
        if (run.isPresent()) {
            table = table.where(col(DatasetPublisher.RUN_ID).equalTo(run.get()));
        }
        List<RunStamp> runs = new ArrayList<>();
        // one row per run: a handful of run ids, never the data
        for (Row r : table.groupBy(DatasetPublisher.RUN_ID).agg(org.apache.spark.sql.functions.max(DatasetPublisher.INGESTED_AT))
                .orderBy(DatasetPublisher.RUN_ID).collectAsList()) {
            if (!r.getString(0).startsWith("replay-")) {
                runs.add(new RunStamp(r.getString(0), r.getTimestamp(1).toInstant().toString()));
            }
        }
        return runs;
    }

    private DatasetOutcome nothing(DatasetSpec dataset) {
        return outcome(dataset, null, DatasetOutcome.Status.NOTHING_NEW, 0, 0, System.nanoTime(), Optional.empty(),
                Optional.empty());
    }

    private static DatasetOutcome outcome(DatasetSpec dataset, String replayId, DatasetOutcome.Status status,
                                          long candidates, long moved, long start, Optional<Long> validVersion,
                                          Optional<Long> errorVersion) {
        return DatasetOutcome.builder(dataset.qualifiedName(), status).runId(replayId).raw(candidates).valid(moved)
                .error(candidates - moved).validVersion(validVersion).errorVersion(errorVersion)
                .seconds((System.nanoTime() - start) / 1e9)
                .message("replay: " + moved + " of " + candidates + " error rows now pass and moved to valid")
                .build();
    }

    private RunReport report(Project project, DatasetSpec dataset, String replayId, Instant started, DatasetOutcome outcome) {
        RunReport report = new RunReport(RunReport.VERSION, replayId, dataset.source(),
                sluice.clock().instant().atZone(java.time.ZoneOffset.UTC).toLocalDate(), started, sluice.clock().instant(),
                RunStatus.SUCCEEDED, 0, List.of(outcome), List.of(), Optional.of("errors replay"));
        if (outcome.status() == DatasetOutcome.Status.PUBLISHED) {
            RunReports reports = new RunReports(sluice.lake(), sluice.spark().sparkContext().hadoopConfiguration());
            reports.write(report);
            try {
                sluice.registrar().register(project, sluice.lake(), report);
                reports.markRegistered(report);
            } catch (RuntimeException e) {
                LOG.error("Registering replay {} in the catalog failed; the rows are moved, the next run of the source "
                        + "registers it: {}", replayId, e.toString());
            }
        }
        return report;
    }

    private static Optional<Journal> readJournal(Path path, Configuration conf) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(path)) {
                return Optional.of(JSON.readValue(in, Journal.class));
            }
        } catch (IOException e) {
            throw RawZone.storageError("read the replay journal " + path, e);
        }
    }

    private static void writeJournal(Path path, Configuration conf, Journal journal) {
        try {
            RawZone.writeAtomically(path, conf, out -> JSON.writeValue(out, journal));
        } catch (IOException e) {
            throw RawZone.storageError("write the replay journal " + path, e);
        }
    }

    private static void deleteJournal(Path path, Configuration conf) {
        try {
            path.getFileSystem(conf).delete(path, false);
        } catch (IOException e) {
            LOG.warn("Could not delete the finished replay journal {}: {} (the next replay completes it again, "
                    + "changing nothing)", path, e.getMessage());
        }
    }

    /** What a replay reads, written before it writes anything. */
    record Journal(String replayId, long errorVersion, List<RunStamp> runs) {
    }

    /** A replayed run: its id and the {@code _ingested_at} its error rows keep. */
    record RunStamp(String runId, String ingestedAt) {
    }

    /** A replayed run's rows that still fail, to write back in place of its error rows. */
    private record StillRejected(String runId, Dataset<Row> rows, long moved) {
    }
}
