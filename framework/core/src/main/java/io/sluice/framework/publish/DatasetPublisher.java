package io.sluice.framework.publish;

import io.delta.tables.DeltaTable;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.DatasetSource;
import io.sluice.framework.fault.FaultPoints;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.land.Manifest;
import io.sluice.framework.land.RawZone;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.ErrorReason;
import io.sluice.framework.report.TableSamples;
import io.sluice.compat.delta.DeltaCommits;
import io.sluice.compat.delta.DeltaTables;
import io.sluice.compat.write.StagedFile;
import io.sluice.compat.write.ZoneSplitWriter;
import io.sluice.framework.validate.CompiledValidation;
import io.sluice.framework.validate.ValidationCompiler;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.RuleSpec;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import io.sluice.metadata.WriteMode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Validates one landed run of a dataset and publishes it: one Spark job checks every record once and writes each
 * row once, into the run's staged valid or error files; then, with the counts in hand, the error files are
 * committed to the error table, and (when the rejected share is within {@code error.max_ratio}) the valid files to
 * the valid table; then the raw run is marked committed. docs/benchmark.md, "The one-pass publish", has the steps.
 *
 * <p>A run interrupted anywhere is published again, unchanged, by the next run: staged files are never committed
 * by another attempt; a retried run first removes the rows an earlier attempt committed ({@code _run_id}) from the
 * tables it appends to; overwrite replaces the table in one commit; merge upserts on the key. The landed count (the
 * manifest), the counted rows ({@link Observation}) and the rows in the written files (their footers) must agree
 * before anything is committed.
 */
public final class DatasetPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetPublisher.class);
    public static final String RUN_ID = "_run_id";
    public static final String INGESTED_AT = "_ingested_at";
    private static final int TOP_ERRORS = 5;

    private final SparkSession spark;
    private final LakeLayout lake;
    private final java.util.function.Consumer<DatasetOutcome> beforeCommit;
    private final TableSamples samples;

    public DatasetPublisher(SparkSession spark, LakeLayout lake) {
        this(spark, lake, outcome -> { }, TableSamples.none());
    }

    /**
     * @param beforeCommit told of each published outcome before the raw run is marked committed, so that the run's
     *                     record survives a crash between the marker and the end of the run
     * @param samples      receives a few rows of each valid table written, for the catalog
     */
    public DatasetPublisher(SparkSession spark, LakeLayout lake, java.util.function.Consumer<DatasetOutcome> beforeCommit,
                            TableSamples samples) {
        this.spark = spark;
        this.lake = lake;
        this.beforeCommit = beforeCommit;
        this.samples = samples;
    }

    /** Publishes a run landed by this process: no earlier attempt can have written any of its rows. */
    public DatasetOutcome publish(DatasetSource source, DatasetSpec declared, Manifest manifest, RawZone raw) {
        return publish(source, declared, manifest, raw, false);
    }

    /**
     * @param retry whether an earlier attempt may have committed rows of this run (a run landed by an earlier
     *              process): they are removed, in the tables the run appends to, before its rows are committed
     *              again, so that each row of the run is in valid or in error once
     */
    public DatasetOutcome publish(DatasetSource source, DatasetSpec declared, Manifest manifest, RawZone raw,
                                  boolean retry) {
        long start = System.nanoTime();
        DatasetSpec dataset = withImplicitKeyRule(declared);
        String runId = manifest.runId();
        Timestamp ingestedAt = Timestamp.from(manifest.landedAt());

        Dataset<Row> rawRows = source.read(spark, new LandedBatch(manifest.files()));
        CompiledValidation validation = ValidationCompiler.compile(spark, dataset, rawRows.schema());
        String validPath = lake.valid(dataset.source(), dataset.name());
        String errorPath = lake.error(dataset.source(), dataset.name());
        Dataset<Row> checked = validation.check(rawRows);
        StructType validSchema = stamp(validation.valid(checked), runId, ingestedAt).schema();
        StructType errorSchema = stamp(validation.errors(checked), runId, ingestedAt).schema();
        boolean replaces = replacesValidTable(dataset, manifest.batch());
        if (!replaces) {
            // before anything is written: a type change the valid table cannot take is refused with what to do
            ValidTables.prepare(spark, validPath, dataset, validSchema);
        }
        FaultPoints.reached("validate.compiled");

        // One job reads and checks every row once and writes each row once, into the valid or the error files of
        // this run; nothing is cached, nothing is parsed twice. The counts come with it.
        String tag = dataset.source() + "_" + dataset.name() + "_" + runId.replace('-', '_');
        Observation metrics = new Observation("sluice_" + tag);
        CompiledValidation.Split split = validation.split(checked, metrics)
                .withColumn(RUN_ID, lit(runId)).withColumn(INGESTED_AT, lit(ingestedAt));
        Optional<ColumnProfiler> profiler = Optional.empty();
        if (ColumnProfiler.enabled()) {
            // observed by the same job as the counts: profiling adds aggregates, not a scan
            Map.Entry<CompiledValidation.Split, ColumnProfiler> profiled = ColumnProfiler.observe(split, dataset, tag);
            split = profiled.getKey();
            profiler = Optional.of(profiled.getValue());
        }
        String stagingRoot = lake.staging(dataset.source(), dataset.name());
        // a crashed attempt's files, of this run or another, are never committed: start from nothing
        deleteQuietly(stagingRoot);
        String staging = stagingRoot + "/" + runId;
        Map<String, List<StagedFile>> staged = ZoneSplitWriter.write(split.rows(), CompiledValidation.ZONE,
                split.columns(), staging);
        FaultPoints.reached("publish.after-stage");
        Map<String, Object> observed = observed(metrics);
        long rows = asLong(observed.get("rows"));
        long validRows = asLong(observed.get("valid"));
        long errorRows = rows - validRows;
        List<StagedFile> validFiles = staged.get(CompiledValidation.VALID);
        List<StagedFile> errorFiles = staged.get(CompiledValidation.ERROR);
        if (rows != manifest.records()) {
            throw new SluiceException(StandardErrorCode.RAW_COUNT_MISMATCH, dataset.qualifiedName()
                    + ": run " + runId + " landed " + manifest.records() + " records but validation read " + rows
                    + "; nothing was published (please report this with the run's raw folder)");
        }
        checkWritten(dataset, runId, "valid", validRows, validFiles, StandardErrorCode.VALID_COUNT_MISMATCH);
        checkWritten(dataset, runId, "error", errorRows, errorFiles, StandardErrorCode.ERROR_COUNT_MISMATCH);
        List<ErrorReason> topErrors = errorRows == 0 ? List.of() : topErrors(validation.reasons(), observed);

        Optional<Long> errorVersion = Optional.of(commitErrors(dataset, manifest, errorPath, errorSchema, errorFiles,
                retry));
        FaultPoints.reached("publish.after-error-write");

        double ratio = rows == 0 ? 0 : (double) errorRows / rows;
        if (ratio > dataset.maxErrorRatio()) {
            if (retry && !replaces && dataset.validMode() == WriteMode.APPEND && DeltaTables.exists(spark, validPath)) {
                // an earlier attempt may have published rows now rejected: they leave valid
                removeRun(validPath, runId);
            }
            deleteQuietly(stagingRoot);
            String limit = dataset.hasDefaultMaxErrorRatio()
                    ? "every row was rejected (without error.max_ratio a run fails when all its rows are rejected;"
                            + " write error: { max_ratio: 1.0 } to accept that)"
                    : "above error.max_ratio " + dataset.maxErrorRatio();
            String message = String.format(java.util.Locale.ROOT,
                    "%s: %d of %d rows rejected (%.2f%%), %s; nothing was published to valid."
                            + " Inspect %s, fix the data or the descriptor, and run again",
                    dataset.qualifiedName(), errorRows, rows, 100.0 * ratio, limit, errorPath);
            LOG.warn(message);
            return DatasetOutcome.builder(dataset.qualifiedName(), DatasetOutcome.Status.THRESHOLD_EXCEEDED)
                    .runId(runId).files(manifest.files().size()).raw(manifest.records()).error(errorRows)
                    .topErrors(topErrors).errorVersion(errorVersion).seconds(seconds(start)).message(message)
                    .watermark(manifest.watermark()).build();
        }

        FaultPoints.reached("publish.before-valid-write");
        // a sample from the run's own rows, read from one file: the catalog need not read the table back (a run
        // without valid rows leaves the sample to the table, which may hold earlier runs' rows)
        if (validRows > 0) {
            samples.take(validPath, spark.read().schema(zoneSchema(validSchema)).parquet(validFiles.get(0).path()));
        }
        profiler.ifPresent(p -> samples.profile(validPath, p.profiles()));
        Optional<Long> validVersion = commitValid(dataset, manifest, validPath, validSchema, validFiles, validRows,
                retry);
        FaultPoints.reached("publish.after-valid-write");
        deleteQuietly(stagingRoot);
        describeTables(dataset, validPath, errorPath);
        DatasetOutcome outcome = DatasetOutcome.builder(dataset.qualifiedName(), DatasetOutcome.Status.PUBLISHED)
                .runId(runId).files(manifest.files().size()).raw(manifest.records()).valid(validRows)
                .error(errorRows).topErrors(topErrors).validVersion(validVersion).errorVersion(errorVersion)
                .seconds(seconds(start)).watermark(manifest.watermark()).build();
        // recorded before the commit marker: a crash right after the marker must not lose the run's record
        beforeCommit.accept(outcome);
        FaultPoints.reached("publish.before-committed");
        raw.markCommitted(manifest);
        FaultPoints.reached("publish.after-committed");
        LOG.info("{}: run {} published raw={} valid={} error={}", dataset.qualifiedName(), runId, rows, validRows, errorRows);
        return outcome;
    }

    /**
     * Commits the run's rejected rows (possibly none) into the error table, in one commit: a full extract's replace
     * those of the earlier extracts, as its valid rows do; otherwise they are added, after any rows of an earlier
     * attempt of the run are removed.
     */
    private long commitErrors(DatasetSpec dataset, Manifest manifest, String path, StructType schema,
                              List<StagedFile> files, boolean retry) {
        boolean snapshot = manifest.batch().isSnapshot();
        if (!snapshot && DeltaTables.exists(spark, path)) {
            ValidTables.prepare(spark, path, dataset, schema, "error");
            if (retry) {
                removeRun(path, manifest.runId());
            }
        }
        DeltaCommits.MovedFiles moved = DeltaCommits.moveIn(spark, path, files);
        FaultPoints.reached("publish.error-files-moved");
        return DeltaCommits.commit(spark, moved, snapshot ? DeltaCommits.Replace.ALL : DeltaCommits.Replace.NOTHING,
                snapshot ? Optional.of(schema) : Optional.empty(), Optional.of(RUN_ID + " = '" + manifest.runId() + "'"),
                Optional.of(new DeltaCommits.NewTable(schema, errorComment(dataset), properties(dataset))));
    }

    /** Commits the run's valid rows as the dataset's mode says; the version of the valid table after it. */
    private Optional<Long> commitValid(DatasetSpec dataset, Manifest manifest, String path, StructType schema,
                                       List<StagedFile> files, long validRows, boolean retry) {
        boolean replaces = replacesValidTable(dataset, manifest.batch());
        boolean exists = DeltaTables.exists(spark, path);
        // with no valid row there is nothing to add (overwrite must still empty the table, and a first run creates
        // it, empty, so that readers and refined queries find it)
        if (validRows == 0 && !replaces && exists) {
            if (retry && dataset.validMode() == WriteMode.APPEND) {
                removeRun(path, manifest.runId());
            }
            return DeltaTables.lastCommit(spark, path).map(DeltaTables.LastCommit::version);
        }
        // a first run creates the table in the commit of its first files
        Optional<DeltaCommits.NewTable> create = Optional.of(new DeltaCommits.NewTable(schema, dataset.description(),
                properties(dataset)));
        if (replaces) {
            DeltaCommits.MovedFiles moved = DeltaCommits.moveIn(spark, path, files);
            FaultPoints.reached("publish.valid-files-moved");
            return Optional.of(DeltaCommits.commit(spark, moved, DeltaCommits.Replace.ALL, Optional.of(schema),
                    Optional.empty(), create));
        }
        if (dataset.validMode() == WriteMode.MERGE && exists) {
            // the slower path: Delta's MERGE reads the staged files back (docs/benchmark.md)
            Dataset<Row> staged = spark.read().schema(zoneSchema(schema))
                    .parquet(files.stream().map(StagedFile::path).toArray(String[]::new));
            DeltaTables.LastCommit commit = merge(dataset, staged, path);
            if (commit.rowsWritten() != validRows) {
                throw new SluiceException(StandardErrorCode.VALID_COUNT_MISMATCH, dataset.qualifiedName()
                        + ": run " + manifest.runId() + " validated " + validRows + " valid rows but merged "
                        + commit.rowsWritten() + " (version " + commit.version() + " of the valid table; please report"
                        + " this with the run's raw folder)");
            }
            return Optional.of(commit.version());
        }
        if (retry && exists) {
            removeRun(path, manifest.runId());
        }
        DeltaCommits.MovedFiles moved = DeltaCommits.moveIn(spark, path, files);
        FaultPoints.reached("publish.valid-files-moved");
        return Optional.of(DeltaCommits.commit(spark, moved, DeltaCommits.Replace.NOTHING, Optional.empty(),
                Optional.of(RUN_ID + " = '" + manifest.runId() + "'"), create));
    }

    /** The rows written for each zone, counted from the files' footers, are those the checks sent there. */
    private static void checkWritten(DatasetSpec dataset, String runId, String zone, long expected,
                                     List<StagedFile> files, StandardErrorCode code) {
        long written = files.stream().mapToLong(StagedFile::records).sum();
        if (written != expected) {
            throw new SluiceException(code, dataset.qualifiedName() + ": run " + runId + " validated " + expected
                    + " " + zone + " rows but wrote " + written + " into " + files.size() + " file(s); nothing was"
                    + " committed (please report this with the run's raw folder)");
        }
    }

    /** Removes an earlier attempt's rows of run {@code runId} from the table (one commit, none if it had none). */
    private void removeRun(String path, String runId) {
        DeltaTable.forPath(spark, path).delete(col(RUN_ID).equalTo(lit(runId)));
    }


    /** The staged files' schema: the table's, every column nullable (as they are written). */
    private static StructType zoneSchema(StructType table) {
        return (StructType) table.asNullable();
    }

    private void deleteQuietly(String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
        } catch (java.io.IOException e) {
            LOG.warn("could not remove the staging folder {}: {} (it is removed by the next publish)", path,
                    e.getMessage());
        }
    }

    /** The valid and error tables carry the dataset's description, owner and tags, for any Spark reader. */
    private void describeTables(DatasetSpec dataset, String validPath, String errorPath) {
        java.util.Map<String, String> properties = properties(dataset);
        DeltaTables.describe(spark, validPath, dataset.description(), properties);
        DeltaTables.describe(spark, errorPath, errorComment(dataset), properties);
    }

    private static java.util.Map<String, String> properties(DatasetSpec dataset) {
        java.util.Map<String, String> properties = new java.util.TreeMap<>();
        dataset.owner().ifPresent(o -> properties.put("sluice.owner", o));
        properties.put("sluice.tags", String.join(",", dataset.tags()));
        properties.put("sluice.dataset", dataset.qualifiedName());
        properties.put("sluice.descriptor", dataset.origin().file());
        return properties;
    }

    private static Optional<String> errorComment(DatasetSpec dataset) {
        return dataset.description().map(d -> "Rejected rows of " + dataset.qualifiedName() + ": " + d);
    }

    /**
     * Whether a run's valid rows replace the whole valid table: in {@code overwrite} mode, and for a full extract
     * (a snapshot of the source table) unless the dataset merges on its key. A full extract appended would add
     * every row of the table again on each run.
     */
    public static boolean replacesValidTable(DatasetSpec dataset, LandedBatch batch) {
        return dataset.validMode() == WriteMode.OVERWRITE
                || batch.isSnapshot() && dataset.validMode() != WriteMode.MERGE;
    }

    /** Writes the valid rows of a run; returns the commit that wrote them. */
    public DeltaTables.LastCommit writeValid(DatasetSpec dataset, Dataset<Row> valid, String path, String runId) {
        WriteMode mode = dataset.validMode();
        if (!DeltaTables.exists(spark, path)) {
            DeltaTables.create(valid, path, dataset.description(), properties(dataset));
        } else if (mode == WriteMode.MERGE) {
            return merge(dataset, valid, path);
        } else {
            var writer = valid.write().format("delta");
            switch (mode) {
                case APPEND -> writer.mode("overwrite").option("replaceWhere", RUN_ID + " = '" + runId + "'")
                        .option("mergeSchema", "true");
                case OVERWRITE -> writer.mode("overwrite").option("overwriteSchema", "true");
                default -> throw new IllegalStateException("unhandled write mode " + mode);
            }
            writer.save(path);
        }
        return DeltaTables.lastCommit(spark, path).orElseThrow();
    }

    /** Upserts {@code valid} into the valid table on the dataset's key; the commit that did it. */
    private DeltaTables.LastCommit merge(DatasetSpec dataset, Dataset<Row> valid, String path) {
        String on = dataset.keyColumns().stream()
                .map(c -> "t.`" + c.name() + "` = s.`" + c.name() + "`")
                .collect(Collectors.joining(" AND "));
        var merge = DeltaTable.forPath(spark, path).as("t").merge(valid.as("s"), on);
        if (dataset.drift() == io.sluice.metadata.DriftPolicy.EVOLVE) {
            merge = merge.withSchemaEvolution();
        }
        merge.whenMatched().updateAll().whenNotMatched().insertAll().execute();
        return DeltaTables.lastCommit(spark, path).orElseThrow();
    }

    /** The most frequent reasons, as the error table would give them: by count, then column, then rule. */
    static List<ErrorReason> topErrors(List<CompiledValidation.Reason> kinds, java.util.Map<String, Object> counted) {
        List<ErrorReason> all = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            long n = asLong(counted.get("reason_" + i));
            if (n > 0) {
                all.add(new ErrorReason(kinds.get(i).column(), kinds.get(i).rule(), n));
            }
        }
        all.sort(java.util.Comparator.comparingLong(ErrorReason::count).reversed()
                .thenComparing(ErrorReason::column, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                .thenComparing(ErrorReason::rule));
        return List.copyOf(all.subList(0, Math.min(TOP_ERRORS, all.size())));
    }

    /** Key columns identify a row: two rows of one run with the same key are both rejected. */
    public static DatasetSpec withImplicitKeyRule(DatasetSpec d) {
        List<String> keys = d.keyColumns().stream().map(ColumnSpec::name).toList();
        boolean declared = d.rules().stream().anyMatch(r -> r instanceof RuleSpec.Unique u && u.columns().equals(keys));
        if (keys.isEmpty() || declared) {
            return d;
        }
        List<RuleSpec> rules = new ArrayList<>(d.rules());
        rules.add(new RuleSpec.Unique("unique_key", keys, "/schema"));
        return d.withRules(rules);
    }

    private static Dataset<Row> stamp(Dataset<Row> rows, String runId, Timestamp ingestedAt) {
        return rows.withColumn(RUN_ID, lit(runId)).withColumn(INGESTED_AT, lit(ingestedAt));
    }

    /** The metrics of the pass that just ran; they are complete once the write has returned. */
    private static Map<String, Object> observed(Observation counts) {
        try {
            return counts.getAsJava();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(StandardErrorCode.INTERRUPTED, "interrupted while counting rows; the run did not finish,"
                    + " run it again", e);
        }
    }

    /** An observed aggregate: {@code sum} over no rows is null. */
    private static long asLong(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
