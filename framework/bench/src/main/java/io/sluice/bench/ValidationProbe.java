package io.sluice.bench;

import io.sluice.connector.Connectors;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.connector.SourceConnector;
import io.sluice.framework.spark.SparkSessions;
import io.sluice.framework.validate.CompiledValidation;
import io.sluice.framework.validate.ValidationCompiler;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.metadata.Project;
import io.sluice.metadata.SourceSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measuring tool, not part of the benchmark's table: times the steps of Sluice's validation of one generated
 * table, each written to Spark's {@code noop} sink, so that a change in {@code framework/validate} can be
 * measured without landing or Delta. Arguments: the benchmark's work folder (after one benchmark run generated
 * the data and the project), the table, the repetitions, and optionally {@code plans} to log the physical plans.
 */
public final class ValidationProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationProbe.class);

    private ValidationProbe() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        Path work = Path.of(args[0]).toAbsolutePath();
        String table = args[1];
        int reps = Integer.parseInt(args[2]);
        boolean plans = args.length > 3 && args[3].equals("plans");
        SparkSession spark = SparkSessions.create("sluice-probe", "local[*]", Map.of());
        try {
            Path projectDir = work.resolve("project");
            Project project = DescriptorLoader.load(projectDir, projectDir.resolve("descriptors"));
            SourceSpec source = project.source(BenchProject.SOURCE).orElseThrow();
            DatasetSpec dataset = project.dataset(BenchProject.SOURCE + "." + table).orElseThrow();
            SourceConnector connector = Connectors.discover(ValidationProbe.class.getClassLoader())
                    .factory(source.connector()).create(source, new io.sluice.connector.ConnectorContext(projectDir, s -> s));
            LandedBatch batch = batch(Path.of(source.connection().string("landing").orElseThrow()).resolve(table));
            io.sluice.connector.DatasetSource bound = connector.bind(dataset);
            Supplier<Dataset<Row>> raw = () -> bound.read(spark, batch);
            CompiledValidation validation = ValidationCompiler.compile(spark, dataset, raw.get().schema());
            if (plans) {
                validation.check(raw.get()).explain("formatted");
                validation.check(raw.get()).explain("codegen");
            }
            if (args.length > 3 && args[3].equals("ab")) {
                // A/B against another build of the compiler on the class path (args[4]: its class name)
                Object other = Class.forName(args[4]).getMethod("compile", SparkSession.class, DatasetSpec.class,
                        org.apache.spark.sql.types.StructType.class).invoke(null, spark, dataset, raw.get().schema());
                java.lang.reflect.Method otherCheck = other.getClass().getMethod("check", Dataset.class);
                for (int r = 0; r < reps; r++) {
                    time("A/B other check+persist", () -> persisted(invoke(otherCheck, other, raw.get())));
                    time("A/B this check+persist", () -> persisted(validation.check(raw.get())));
                    time("A/B read", () -> noop(raw.get()));
                }
                return;
            }
            if (args.length > 3 && args[3].equals("check")) {
                // only the checking projection, for a profiler
                for (int r = 0; r < reps; r++) {
                    time("check", () -> noop(validation.check(raw.get())));
                }
                return;
            }
            if (args.length > 3 && args[3].equals("breakdown")) {
                // job 1 of the publisher taken apart, next to the floor's own typed read
                TpchTables.Table typed = TpchTables.ALL.stream().filter(t -> t.name().equals(table)).findFirst()
                        .orElseThrow();
                String landing = Path.of(source.connection().string("landing").orElseThrow()).resolve(table)
                        .toString();
                for (int r = 0; r < reps; r++) {
                    time("floor typed read", () -> noop(spark.read().schema(typed.typedSchema())
                            .option("header", "true").csv(landing)));
                    time("raw read", () -> noop(raw.get()));
                    time("check", () -> noop(validation.check(raw.get())));
                    time("check+persist", () -> persisted(validation.check(raw.get())));
                }
                return;
            }
            if (args.length > 3 && args[3].equals("keep")) {
                // how the checked rows are kept for the publisher's two writes
                for (int r = 0; r < reps; r++) {
                    for (StorageLevel level : List.of(StorageLevel.DISK_ONLY(), StorageLevel.MEMORY_AND_DISK())) {
                        time("persist " + level.description() + " + both", () -> bothFrom(validation,
                                validation.check(raw.get()).persist(level)));
                    }
                    time("two passes", () -> {
                        noop(validation.errors(validation.check(raw.get())));
                        noop(validation.valid(validation.check(raw.get())));
                    });
                }
                return;
            }
            for (int r = 0; r < reps; r++) {
                time("read", () -> noop(raw.get()));
                time("check", () -> noop(validation.check(raw.get())));
                time("typed only", () -> noop(validation.check(raw.get()).select(dataset.columns().stream()
                        .map(c -> org.apache.spark.sql.functions.col(c.name())).toArray(org.apache.spark.sql.Column[]::new))));
                time("failed only", () -> noop(validation.check(raw.get()).select(validation.isValid())));
                time("persist+both", () -> bothFrom(validation,
                        validation.check(raw.get()).persist(StorageLevel.DISK_ONLY())));
            }
        } finally {
            spark.stop();
        }
    }

    /** The publisher's two writes from kept checked rows (to the noop sink), then the rows dropped. */
    private static void bothFrom(CompiledValidation validation, Dataset<Row> checked) {
        noop(validation.errors(checked));
        noop(validation.valid(checked));
        checked.unpersist(true);
    }

    /** What the publisher does first: the checked rows kept on local disk (counted to fill the cache). */
    private static void persisted(Dataset<Row> checked) {
        Dataset<Row> kept = checked.persist(StorageLevel.DISK_ONLY());
        kept.count();
        kept.unpersist(true);
    }

    @SuppressWarnings("unchecked")
    private static Dataset<Row> invoke(java.lang.reflect.Method check, Object compiled, Dataset<Row> raw) {
        try {
            return (Dataset<Row>) check.invoke(compiled, raw);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void noop(Dataset<Row> df) {
        df.write().format("noop").mode("overwrite").save();
    }

    private static void time(String step, Runnable work) {
        long start = System.nanoTime();
        work.run();
        LOG.info("probe {}: {} s", step, String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
    }

    private static LandedBatch batch(Path dir) {
        List<LandedFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                String header;
                try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    header = in.readLine();
                }
                files.add(new LandedFile(p.toString(), p.toString(), Files.size(p), "probe", 0,
                        Arrays.asList(header.split(","))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LandedBatch(files);
    }
}
