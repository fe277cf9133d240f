package io.sluice.bench;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sluice.connector.Connectors;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.SourceConnector;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.land.Lander;
import io.sluice.framework.land.Manifest;
import io.sluice.framework.land.RawZone;
import io.sluice.framework.run.RunIds;
import io.sluice.framework.validate.CompiledValidation;
import io.sluice.framework.validate.ValidationCompiler;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.Project;
import io.sluice.metadata.SourceSpec;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A measuring prototype, not a product path: Sluice's land and validation (the same {@link Lander}, files
 * connector read and {@link ValidationCompiler}) with the publish step changed to check every record once. The
 * checked rows are kept on local disk ({@code DISK_ONLY}) while the error and then the valid table are written from
 * them, the counts come from an {@link Observation} on the first write, and the Delta bookkeeping reads (history,
 * top errors) are left out. Run it with {@code --contenders floor,sluice,sluice-1pass} to see what the proposed
 * change to {@code DatasetPublisher} would save.
 */
final class OnePassPrototype implements Contender {
    private final SparkSession spark;
    private final Project project;
    private final SourceConnector connector;
    private final Map<String, TableCounts> last = new LinkedHashMap<>();

    OnePassPrototype(SparkSession spark, Path projectDir, Project project) {
        this.spark = spark;
        this.project = project;
        SourceSpec source = project.source(BenchProject.SOURCE).orElseThrow();
        this.connector = Connectors.discover(OnePassPrototype.class.getClassLoader()).factory(source.connector())
                .create(source, new io.sluice.connector.ConnectorContext(projectDir, s -> s));
    }

    @Override
    public String name() {
        return "sluice-1pass";
    }

    @Override
    public void run(Path out) {
        last.clear();
        LakeLayout lake = new LakeLayout(out.toString());
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Clock clock = Clock.systemUTC();
        String runId = RunIds.next(clock);
        for (DatasetSpec dataset : project.datasetsOf(BenchProject.SOURCE)) {
            RawZone raw = new RawZone(lake, dataset.source(), dataset.name(), conf);
            io.sluice.connector.DatasetSource bound = connector.bind(dataset);
            Manifest manifest = new Lander(spark, clock).land(bound, dataset, raw, conf, SluiceRun.RUN_DATE, runId)
                    .orElseThrow(() -> new IllegalStateException(dataset.qualifiedName() + ": nothing landed"));
            Dataset<Row> rows = bound.read(spark, new LandedBatch(manifest.files()));
            CompiledValidation validation = ValidationCompiler.compile(spark, dataset, rows.schema());
            Dataset<Row> checked = validation.check(rows).persist(StorageLevel.DISK_ONLY());
            try {
                Observation counts = new Observation("bench_counts_" + dataset.name());
                Dataset<Row> observed = checked.observe(counts, count(lit(1)).as("rows"),
                        sum(when(validation.isValid(), 1).otherwise(0)).as("valid"));
                Timestamp at = Timestamp.from(manifest.landedAt());
                validation.errors(observed).withColumn("_run_id", lit(runId)).withColumn("_ingested_at", lit(at))
                        .write().format("delta").mode("overwrite").save(lake.error(dataset.source(), dataset.name()));
                Map<String, Object> seen = counts.getAsJava();
                long total = ((Number) seen.get("rows")).longValue();
                long valid = seen.get("valid") == null ? 0 : ((Number) seen.get("valid")).longValue();
                validation.valid(checked).withColumn("_run_id", lit(runId)).withColumn("_ingested_at", lit(at))
                        .write().format("delta").mode("overwrite").save(lake.valid(dataset.source(), dataset.name()));
                raw.markCommitted(manifest);
                last.put(dataset.name(), new TableCounts(manifest.records(), valid, total - valid));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the counts of " + dataset.qualifiedName(), e);
            } finally {
                checked.unpersist(true);
            }
        }
    }

    @Override
    public Map<String, TableCounts> counts(Path out) {
        return Map.copyOf(last);
    }

    @Override
    public String phaseOf(SparkWork.Execution execution, Path out) {
        LakeLayout lake = new LakeLayout(out.toString());
        if (execution.writes(lake.error(BenchProject.SOURCE, ""))) {
            return "validate+write error";
        }
        if (execution.writes(lake.valid(BenchProject.SOURCE, ""))) {
            return "write valid";
        }
        return "bookkeeping";
    }

    @Override
    public String outsideSpark() {
        return "land+driver";
    }
}
