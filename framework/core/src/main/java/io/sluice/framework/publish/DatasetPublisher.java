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
import io.sluice.framework.spark.DeltaTables;
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
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Validates one landed run of a dataset and publishes it: rejected rows to the error table, then (when the
 * rejected share is within {@code error.max_ratio}) valid rows to the valid table, then marks the raw run
 * committed.
 *
 * <p>Every write is idempotent per run id, so a run interrupted anywhere is published again, unchanged, by the
 * next run: the error table and an append-mode valid table replace the rows of this run id
 * ({@code replaceWhere _run_id = …}) in one Delta commit; overwrite replaces the table; merge upserts on the key.
 * The counts come from the same pass that writes the error table ({@link Observation}), and the raw count from
 * the landing manifest, so {@code raw = valid + error} is checked, not assumed, before anything reaches valid.
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

    public DatasetOutcome publish(DatasetSource source, DatasetSpec declared, Manifest manifest, RawZone raw) {
        long start = System.nanoTime();
        DatasetSpec dataset = withImplicitKeyRule(declared);
        String runId = manifest.runId();
        Timestamp ingestedAt = Timestamp.from(manifest.landedAt());

        Dataset<Row> rawRows = source.read(spark, new LandedBatch(manifest.files()));
        CompiledValidation validation = ValidationCompiler.compile(spark, dataset, rawRows.schema());
        String validPath = lake.valid(dataset.source(), dataset.name());
        if (!replacesValidTable(dataset, manifest.batch())) {
            // before anything is written: a type change the valid table cannot take is refused with what to do
            ValidTables.prepare(spark, validPath, dataset, validation.valid(validation.check(rawRows)).schema());
        }
        // Validated once, kept for both writes: the raw text is parsed and checked a single time (the benchmark
        // measured the second parse as the largest avoidable cost).
        long landedBytes = manifest.files().stream().mapToLong(io.sluice.connector.LandedFile::size).sum();
        Dataset<Row> checked = validation.check(rawRows).persist(keepLevel(landedBytes,
                Runtime.getRuntime().maxMemory(), spark.sparkContext().isLocal()));
        FaultPoints.reached("validate.compiled");
        try {
            return publishChecked(dataset, manifest, raw, validation, checked, runId, ingestedAt, start);
        } finally {
            checked.unpersist(false);
        }
    }

    private DatasetOutcome publishChecked(DatasetSpec dataset, Manifest manifest, RawZone raw,
                                          CompiledValidation validation, Dataset<Row> checked, String runId,
                                          Timestamp ingestedAt, long start) {
        // observation names are unique per session while in use: datasets of one run are published side by side
        String tag = dataset.source() + "_" + dataset.name() + "_" + runId.replace('-', '_');
        Observation counts = new Observation("sluice_counts_" + tag);
        Dataset<Row> observed = checked.observe(counts, count(lit(1)).as("rows"),
                sum(when(validation.isValid(), 1).otherwise(0)).as("valid"));
        // The top rejection reasons are counted while the error rows are written, on those rows only (a second
        // read of the error table cost a Delta snapshot, a scan and a shuffle per dataset).
        Observation reasons = new Observation("sluice_reasons_" + tag);
        Dataset<Row> errors = stamp(validation.errors(observed, reasons), runId, ingestedAt);
        String errorPath = lake.error(dataset.source(), dataset.name());
        // a DataFrameWriter save even for a new table: the observed counts are lost in a CREATE TABLE AS SELECT
        var errorWriter = errors.write().format("delta").mode("overwrite");
        if (manifest.batch().isSnapshot()) {
            // a full extract's rejected rows replace those of the earlier extracts, as its valid rows do
            errorWriter.option("overwriteSchema", "true");
        } else {
            errorWriter.option("replaceWhere", RUN_ID + " = '" + runId + "'").option("mergeSchema", "true");
        }
        errorWriter.save(errorPath);
        FaultPoints.reached("publish.after-error-write");
        java.util.Map<String, Object> observedCounts = observed(counts);
        long rows = asLong(observedCounts.get("rows"));
        long validRows = asLong(observedCounts.get("valid"));
        long errorRows = rows - validRows;
        Optional<Long> errorVersion = DeltaTables.lastCommit(spark, errorPath).map(DeltaTables.LastCommit::version);
        List<ErrorReason> topErrors = errorRows == 0 ? List.of() : topErrors(validation.reasons(), observed(reasons));

        if (rows != manifest.records()) {
            throw new SluiceException(StandardErrorCode.RAW_COUNT_MISMATCH, dataset.qualifiedName()
                    + ": run " + runId + " landed " + manifest.records() + " records but validation read " + rows
                    + "; nothing was published to valid (please report this with the run's raw folder)");
        }
        double ratio = rows == 0 ? 0 : (double) errorRows / rows;
        if (ratio > dataset.maxErrorRatio()) {
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

        String validPath = lake.valid(dataset.source(), dataset.name());
        FaultPoints.reached("publish.before-valid-write");
        // Delta may commit nothing for an empty append or merge, and the last commit's metrics would then be an
        // earlier run's: with no valid row there is nothing to add (overwrite must still empty the table, and a
        // first run creates it, empty, so that readers and refined queries find it).
        Dataset<Row> validRowsOfRun = stamp(validation.valid(checked), runId, ingestedAt);
        Optional<Long> validVersion;
        boolean replaces = replacesValidTable(dataset, manifest.batch());
        if (validRows == 0 && !replaces && DeltaTables.exists(spark, validPath)) {
            validVersion = DeltaTables.lastCommit(spark, validPath).map(DeltaTables.LastCommit::version);
        } else {
            DeltaTables.LastCommit commit = replaces ? replaceValid(dataset, validRowsOfRun, validPath)
                    : writeValid(dataset, validRowsOfRun, validPath, runId);
            long written = commit.rowsWritten();
            if (written != validRows) {
                throw new SluiceException(StandardErrorCode.VALID_COUNT_MISMATCH, dataset.qualifiedName()
                        + ": run " + runId + " validated " + validRows + " valid rows but wrote " + written + " (version "
                        + commit.version() + " of the valid table; please report this with the run's raw folder)");
            }
            validVersion = Optional.of(commit.version());
        }
        FaultPoints.reached("publish.after-valid-write");
        describeTables(dataset, validPath, errorPath);
        // from the rows still kept on local disk: the catalog need not read the table back (a run without valid
        // rows leaves the sample to the table, which may hold earlier runs' rows)
        if (validRows > 0) {
            samples.take(validPath, validRowsOfRun);
        }
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
     * Where the checked rows are kept between the two writes: in memory when Spark runs in this JVM and the run is
     * small next to the heap (its landed bytes at most a sixteenth of it; a checked row of TPC-H lineitem takes
     * about 2.4 times its CSV text), so no row is written to local disk and read back (docs/benchmark.md,
     * "Measurements behind the code"). Spark still moves blocks to disk if memory runs short. A larger
     * run, or one on a cluster, keeps them on local disk, so that it never fills the heap.
     */
    public static StorageLevel keepLevel(long landedBytes, long maxHeapBytes, boolean local) {
        return local && landedBytes <= maxHeapBytes / 16 ? StorageLevel.MEMORY_AND_DISK() : StorageLevel.DISK_ONLY();
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

    /** Replaces the valid table's rows (and schema) by those of this run, in one commit. */
    private DeltaTables.LastCommit replaceValid(DatasetSpec dataset, Dataset<Row> valid, String path) {
        if (!DeltaTables.exists(spark, path)) {
            DeltaTables.create(valid, path, dataset.description(), properties(dataset));
        } else {
            valid.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path);
        }
        return DeltaTables.lastCommit(spark, path).orElseThrow();
    }

    /** Writes the valid rows of a run; returns the commit that wrote them. */
    public DeltaTables.LastCommit writeValid(DatasetSpec dataset, Dataset<Row> valid, String path, String runId) {
        WriteMode mode = dataset.validMode();
        if (!DeltaTables.exists(spark, path)) {
            DeltaTables.create(valid, path, dataset.description(), properties(dataset));
        } else if (mode == WriteMode.MERGE) {
            String on = dataset.keyColumns().stream()
                    .map(c -> "t.`" + c.name() + "` = s.`" + c.name() + "`")
                    .collect(Collectors.joining(" AND "));
            var merge = DeltaTable.forPath(spark, path).as("t").merge(valid.as("s"), on);
            if (dataset.drift() == io.sluice.metadata.DriftPolicy.EVOLVE) {
                merge = merge.withSchemaEvolution();
            }
            merge.whenMatched().updateAll().whenNotMatched().insertAll().execute();
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
    private static java.util.Map<String, Object> observed(Observation counts) {
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
