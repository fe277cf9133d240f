package io.sluice.framework.register;

import io.sluice.catalog.Asset;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Column;
import io.sluice.catalog.ColumnEdge;
import io.sluice.catalog.DescriptorRef;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.RowCounts;
import io.sluice.catalog.RunFinish;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunStart;
import io.sluice.catalog.Zone;
import io.sluice.connector.ConnectorContext;
import io.sluice.connector.Connectors;
import io.sluice.connector.SourceDescription;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.ErrorReason;
import io.sluice.framework.refine.RefinedBuilder;
import io.sluice.framework.report.RefinedOutcome;
import io.sluice.framework.report.Registrar;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.report.TableSamples;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.Descriptor;
import io.sluice.metadata.Project;
import io.sluice.metadata.RefinedSpec;
import io.sluice.metadata.SourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a run in the catalog: every asset the run's datasets have in each zone (source, raw, valid, error,
 * refined) with its schema, owner, tags and descriptor; one run record per dataset and refined dataset; and the
 * lineage edges source → raw → valid/error → refined. Only descriptor text and run facts are stored: never a
 * connection setting, never a resolved reference.
 */
public final class CatalogRegistrar implements Registrar {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRegistrar.class);
    /** The namespace refined datasets are registered under: {@code refined.default.<name>}. */
    public static final String REFINED_NAMESPACE = "default";
    /** Rows kept as a sample of each valid and refined table. */
    public static final int SAMPLE_ROWS = io.sluice.framework.report.TableSamples.ROWS;

    private final Catalog catalog;
    private final SparkSession spark;
    private final Path projectDir;
    private final SourceDescriber sources;

    /**
     * A registrar that asks the connectors on the class path where a dataset's source keeps it, resolving their
     * settings' references against the process environment.
     */
    public CatalogRegistrar(Catalog catalog, SparkSession spark, Path projectDir) {
        this(catalog, spark, projectDir, SourceDescriber.of(Connectors.discover(CatalogRegistrar.class.getClassLoader()),
                new ConnectorContext(projectDir, System::getenv)));
    }

    /** @param sources where a dataset's source keeps it, for its {@code source} asset */
    public CatalogRegistrar(Catalog catalog, SparkSession spark, Path projectDir, SourceDescriber sources) {
        this.catalog = catalog;
        this.spark = spark;
        this.projectDir = projectDir;
        this.sources = sources;
    }

    @Override
    public void register(Project project, LakeLayout lake, RunReport report, TableSamples samples) {
        long start = System.nanoTime();
        SourceSpec source = project.source(report.source()).orElseThrow();
        List<LineageEdge> edges = new ArrayList<>();
        List<RunFinish> finishes = new ArrayList<>();
        for (DatasetOutcome outcome : report.datasets()) {
            DatasetSpec dataset = project.dataset(outcome.dataset()).orElseThrow();
            registerDataset(source, dataset, lake);
            io.sluice.framework.fault.FaultPoints.reached("register.after-assets");
            AssetName valid = AssetName.of(Zone.VALID, dataset.source(), dataset.name());
            // a run published by a later process (after a crash) keeps its own id
            String runId = outcome.runId() != null ? outcome.runId() : report.runId();
            RunKey key = new RunKey(runId, dataset.source(), dataset.name());
            startRun(new RunStart(key, runId.equals(report.runId()) ? report.runDate()
                    : new io.sluice.framework.land.RawZone(lake, dataset.source(), dataset.name(),
                            spark.sparkContext().hadoopConfiguration()).runDateOf(runId).orElse(report.runDate()),
                    report.startedAt()));
            io.sluice.framework.fault.FaultPoints.reached("register.after-start-run");
            RunFinish finish = switch (outcome.status()) {
                case PUBLISHED, NOTHING_NEW, WAITING -> RunFinish.succeeded(key, report.endedAt(),
                        RowCounts.ingested(outcome.raw(), outcome.valid(), outcome.error()));
                case THRESHOLD_EXCEEDED, FAILED, REJECTED -> RunFinish.failed(key, report.endedAt(), outcome.message().orElse(
                        outcome.status().name())).withRows(RowCounts.ingested(outcome.raw(), outcome.valid(), outcome.error()));
            };
            if (outcome.status() == DatasetOutcome.Status.NOTHING_NEW || outcome.status() == DatasetOutcome.Status.WAITING) {
                finish = finish.withNothingNew();
            }
            finish = finish.withTopErrors(outcome.topErrors().stream().map(CatalogRegistrar::reason).toList());
            if (outcome.validVersion().isPresent()) {
                finish = finish.withDeltaVersion(outcome.validVersion().get());
            }
            if (outcome.watermark().isPresent()) {
                finish = finish.withWatermark(outcome.watermark().get());
            }
            finishes.add(finish);
            if (outcome.status() == DatasetOutcome.Status.PUBLISHED) {
                samples.profiles(lake.valid(dataset.source(), dataset.name()))
                        .ifPresent(profiles -> catalog.recordProfiles(key, profiles));
                recordSample(valid, lake.valid(dataset.source(), dataset.name()), samples);
                edges.add(LineageEdge.of(valid.in(Zone.SOURCE), valid.in(Zone.RAW), runId));
                edges.add(LineageEdge.of(valid.in(Zone.RAW), valid, runId));
                edges.add(LineageEdge.of(valid.in(Zone.RAW), valid.in(Zone.ERROR), runId));
            }
        }
        for (RefinedOutcome outcome : report.refined()) {
            RefinedSpec refined = project.refined(outcome.name()).orElseThrow();
            AssetName name = AssetName.of(Zone.REFINED, REFINED_NAMESPACE, refined.name());
            if (outcome.status() == RefinedOutcome.Status.WRITTEN || outcome.status() == RefinedOutcome.Status.UNCHANGED) {
                Asset.Builder asset = describe(Asset.builder(name, lake.refined(refined.name()), "delta")
                        .columns(deltaColumns(lake.refined(refined.name()))), refined, refined.owner());
                refined.freshness().ifPresent(asset::freshness);
                catalog.register(asset.build());
            }
            RunKey key = new RunKey(report.runId(), REFINED_NAMESPACE, refined.name());
            startRun(new RunStart(key, report.runDate(), report.startedAt()));
            RunFinish finish = outcome.status() == RefinedOutcome.Status.FAILED
                    ? RunFinish.failed(key, report.endedAt(), outcome.message().orElse("failed"))
                    : RunFinish.succeeded(key, report.endedAt(), new RowCounts(0, 0, 0, outcome.rows()));
            if (outcome.status() == RefinedOutcome.Status.UNCHANGED
                    || outcome.status() == RefinedOutcome.Status.WAITING_FOR_INPUT) {
                finish = finish.withNothingNew();
            }
            if (outcome.version().isPresent()) {
                finish = finish.withDeltaVersion(outcome.version().get());
            }
            finishes.add(finish);
            if (outcome.status() == RefinedOutcome.Status.WRITTEN) {
                recordSample(name, lake.refined(refined.name()), samples);
            }
            // also when unchanged: the run that wrote it may have been killed before its report held the outcome,
            // and its lineage would then never be recorded (found by CrashSafetyIT: killed at report.before-write)
            if (outcome.status() == RefinedOutcome.Status.WRITTEN || outcome.status() == RefinedOutcome.Status.UNCHANGED) {
                for (String input : refined.inputs()) {
                    edges.add(new LineageEdge(inputAsset(input), name, report.runId(), Optional.of(refined.sql())));
                }
                recordColumnLineage(name, refined, outcome, lake);
            }
        }
        // lineage first, so that each run's COMPLETE event names the datasets this run wrote
        io.sluice.framework.fault.FaultPoints.reached("register.before-lineage");
        catalog.recordLineage(edges);
        io.sluice.framework.fault.FaultPoints.reached("register.after-lineage");
        finishes.forEach(this::finishRun);
        LOG.info("Registered run {} of {} in the catalog in {} ms", report.runId(), report.source(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Registration is repeated for a report whose first registration a crash interrupted: a run already started
     * or finished in the catalog is left as it is.
     */
    private void startRun(RunStart start) {
        try {
            catalog.startRun(start);
        } catch (io.sluice.catalog.RunConflictException e) {
            LOG.debug("run {} already started in the catalog: {}", start.key(), e.getMessage());
        }
    }

    private void finishRun(RunFinish finish) {
        try {
            catalog.finishRun(finish);
        } catch (io.sluice.catalog.RunConflictException e) {
            LOG.debug("run {} already finished in the catalog: {}", finish.key(), e.getMessage());
        }
    }

    private void registerDataset(SourceSpec source, DatasetSpec dataset, LakeLayout lake) {
        AssetName valid = AssetName.of(Zone.VALID, dataset.source(), dataset.name());
        List<Column> declared = dataset.columns().stream().map(Column::from).toList();
        Optional<String> owner = dataset.owner().or(source::owner);
        SourceDescription where = sourceDescription(source, dataset);
        String rawFormat = where.format();
        catalog.register(describe(Asset.builder(valid.in(Zone.SOURCE), where.location(), rawFormat)
                .columns(declared), dataset, owner).build());
        catalog.register(describe(Asset.builder(valid.in(Zone.RAW), lake.raw(dataset.source(), dataset.name()), rawFormat)
                .columns(declared), dataset, owner).build());
        List<Column> validColumns = new ArrayList<>(declared);
        validColumns.add(Column.of("_source_file", "string", true));
        validColumns.add(Column.of("_run_id", "string", false));
        validColumns.add(Column.of("_ingested_at", "timestamp", false));
        if (dataset.drift() == io.sluice.metadata.DriftPolicy.EVOLVE || dataset.drift() == io.sluice.metadata.DriftPolicy.RESCUE) {
            // columns the source added (evolve) or the rescue map live in the table, not in the descriptor
            validColumns.addAll(driftColumns(lake.valid(dataset.source(), dataset.name()), validColumns));
        }
        Asset.Builder validAsset = describe(Asset.builder(valid, lake.valid(dataset.source(), dataset.name()), "delta")
                .columns(validColumns), dataset, owner);
        dataset.freshness().ifPresent(validAsset::freshness);
        catalog.register(validAsset.build());
        List<Column> errorColumns = new ArrayList<>();
        for (ColumnSpec c : dataset.columns()) {
            errorColumns.add(new Column(c.name(), "string", true, Optional.of("original value as delivered"), c.pii()));
        }
        errorColumns.add(Column.of("_raw_record", "string", true));
        errorColumns.add(Column.of("_errors", "array<struct<column:string,rule:string,message:string>>", false));
        errorColumns.add(Column.of("_source_file", "string", true));
        errorColumns.add(Column.of("_line", "long", true));
        errorColumns.add(Column.of("_run_id", "string", false));
        errorColumns.add(Column.of("_ingested_at", "timestamp", false));
        catalog.register(describe(Asset.builder(valid.in(Zone.ERROR), lake.error(dataset.source(), dataset.name()), "delta")
                .columns(errorColumns), dataset, owner).build());
    }

    /**
     * A few rows of the table for the catalog's dataset page, as the run took them or else read from the table;
     * the catalog masks PII columns before storing them.
     */
    private void recordSample(AssetName name, String location, TableSamples samples) {
        TableSamples.Sample sample = samples.at(location)
                .orElseGet(() -> TableSamples.of(spark.read().format("delta").load(location)));
        catalog.recordSample(name, sample.columns(), sample.rows());
    }

    /**
     * Where the source keeps the data (the landing glob of a file source, the table of a database) and its raw
     * format, as the dataset's connector describes them. A dataset its connector no longer binds (a report of an
     * interrupted run whose descriptor changed since) is registered under the connector's name.
     */
    private SourceDescription sourceDescription(SourceSpec source, DatasetSpec dataset) {
        try {
            return sources.describe(source, dataset);
        } catch (io.sluice.metadata.SluiceException e) {
            LOG.warn("{}: registered without its source location: {}", dataset.qualifiedName(), e.getMessage());
            return new SourceDescription(source.connector() + ":" + dataset.name(), source.connector());
        }
    }

    private Asset.Builder describe(Asset.Builder builder, Descriptor descriptor, Optional<String> owner) {
        owner.ifPresent(builder::owner);
        descriptor.description().ifPresent(builder::description);
        builder.tags(descriptor.tags());
        descriptorRef(descriptor).ifPresent(builder::descriptor);
        return builder;
    }

    private Optional<DescriptorRef> descriptorRef(Descriptor descriptor) {
        Path file = projectDir.resolve(descriptor.origin().file());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return Optional.of(new DescriptorRef(descriptor.origin().file(), HexFormat.of().formatHex(digest)));
        } catch (IOException | NoSuchAlgorithmException e) {
            LOG.warn("Could not hash descriptor {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private List<Column> driftColumns(String validPath, List<Column> known) {
        if (!io.delta.tables.DeltaTable.isDeltaTable(spark, validPath)) {
            return List.of();
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        known.forEach(c -> names.add(c.name()));
        return deltaColumns(validPath).stream().filter(c -> !names.contains(c.name())).toList();
    }

    private List<Column> deltaColumns(String path) {
        List<Column> columns = new ArrayList<>();
        for (StructField f : spark.read().format("delta").load(path).schema().fields()) {
            columns.add(Column.of(f.name(), f.dataType().simpleString(), f.nullable()));
        }
        return columns;
    }

    /**
     * The refined table's column lineage, from the analyzed plan of its SQL over the input versions it was built
     * from. Never fails the registration: without it the page shows table lineage only.
     */
    private void recordColumnLineage(AssetName name, RefinedSpec refined, RefinedOutcome outcome, LakeLayout lake) {
        try {
            List<ColumnEdge> columns = new ArrayList<>();
            new RefinedBuilder(spark, lake).columnLineage(refined, outcome.inputVersions()).forEach((column, sources) ->
                    sources.forEach(s -> columns.add(new ColumnEdge(inputAsset(s.input()), s.column(), name, column))));
            catalog.recordColumnLineage(name, columns);
        } catch (RuntimeException e) {
            LOG.warn("{}: column lineage not recorded: {}", refined.name(), e.toString());
        }
    }

    private static AssetName inputAsset(String input) {
        int dot = input.indexOf('.');
        return dot < 0 ? AssetName.of(Zone.REFINED, REFINED_NAMESPACE, input)
                : AssetName.of(Zone.VALID, input.substring(0, dot), input.substring(dot + 1));
    }

    private static io.sluice.catalog.ErrorReason reason(ErrorReason e) {
        return new io.sluice.catalog.ErrorReason((e.column() == null ? "" : e.column() + ": ") + e.rule(), e.count());
    }
}
