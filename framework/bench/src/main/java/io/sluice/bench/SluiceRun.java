package io.sluice.bench;

import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.connector.Connectors;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.plan.RunRequest;
import io.sluice.framework.register.CatalogRegistrar;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.Registrar;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.run.Sluice;
import io.sluice.framework.run.SourceRunner;
import io.sluice.metadata.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;

/**
 * Sluice itself: the real {@link SourceRunner} path (land to raw, validate into valid + error, register, write
 * the run report) on the generated files, into a fresh lake per run, registering into the embedded catalog as
 * {@code sluice run} does. The catalog seam is timed by wrapping the {@link Registrar}; everything else is
 * attributed from the outside by {@link SparkWork}.
 */
final class SluiceRun implements Contender {
    /** The run date of every benchmark run: a fixed date keeps the raw layout identical across runs. */
    static final LocalDate RUN_DATE = LocalDate.of(2026, 1, 15);

    private final SparkSession spark;
    private final Path projectDir;
    private final Project project;
    private final Connectors connectors;
    private final Registrar registrar;
    private double registerSeconds;
    private final List<long[]> registerWindows = new java.util.ArrayList<>();
    private RunReport last;

    /**
     * @param registrar the catalog seam the run reports to; null: the {@link CatalogRegistrar} over the embedded
     *                  catalog in each run's lake, as {@code sluice run} does
     */
    SluiceRun(SparkSession spark, Path projectDir, Project project, Registrar registrar) {
        this.spark = spark;
        this.projectDir = projectDir;
        this.project = project;
        this.connectors = Connectors.discover(SluiceRun.class.getClassLoader());
        this.registrar = registrar;
    }

    @Override
    public String name() {
        return "sluice";
    }

    /** The source's {@code parallelism}, bounded by its datasets, as {@code SourceRunner} applies it. */
    @Override
    public int tablesAtOnce() {
        return Math.min(project.source(BenchProject.SOURCE).orElseThrow().parallelism(),
                project.datasetsOf(BenchProject.SOURCE).size());
    }

    @Override
    public void run(Path out) {
        registerSeconds = 0;
        registerWindows.clear();
        if (registrar != null) {
            runWith(registrar, out);
            return;
        }
        // as `sluice run` does without catalog.url: the embedded catalog file in the lake
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(out))) {
            runWith(new CatalogRegistrar(catalog, spark, projectDir), out);
        }
    }

    private void runWith(Registrar real, Path out) {
        Registrar timed = (p, lake, report, samples) -> {
            long start = System.nanoTime();
            long from = System.currentTimeMillis();
            try {
                real.register(p, lake, report, samples);
            } finally {
                registerSeconds += (System.nanoTime() - start) / 1e9;
                registerWindows.add(new long[] {from, System.currentTimeMillis()});
            }
        };
        Sluice sluice = new Sluice(spark, projectDir, new LakeLayout(out.toString()), connectors,
                UnaryOperator.identity(), Clock.systemUTC(), timed);
        last = new SourceRunner(sluice).run(project, new RunRequest(BenchProject.SOURCE, Optional.empty(), RUN_DATE));
    }

    /** The report of the last run. */
    RunReport lastReport() {
        if (last == null) {
            throw new IllegalStateException("sluice has not run yet");
        }
        return last;
    }

    @Override
    public Map<String, TableCounts> counts(Path out) {
        Map<String, TableCounts> counts = new LinkedHashMap<>();
        for (DatasetOutcome o : lastReport().datasets()) {
            String table = o.dataset().substring(o.dataset().indexOf('.') + 1);
            counts.put(table, new TableCounts(o.raw(), o.valid(), o.error()));
        }
        return counts;
    }

    /** Per dataset: status and, when it did not publish, why; empty when every dataset published. */
    List<String> failures() {
        return lastReport().datasets().stream().filter(o -> o.status() != DatasetOutcome.Status.PUBLISHED)
                .map(o -> o.dataset() + ": " + o.status() + o.message().map(m -> " (" + m + ")").orElse(""))
                .toList();
    }

    @Override
    public String phaseOf(SparkWork.Execution execution, Path out) {
        // the catalog's sample reads run inside the timed register phase
        for (long[] w : registerWindows) {
            if (execution.start >= w[0] && execution.start <= w[1]) {
                return "register";
            }
        }
        LakeLayout lake = new LakeLayout(out.toString());
        String error = lake.error(BenchProject.SOURCE, "");
        String valid = lake.valid(BenchProject.SOURCE, "");
        // the one pass: one job validates and writes both zones' files into the staging folder
        if (execution.writes(lake.staging(BenchProject.SOURCE, ""))) {
            return "validate+write both";
        }
        if (execution.writes(error)) {
            return "validate+write error";
        }
        if (execution.writes(valid)) {
            return "write valid";
        }
        return "bookkeeping";
    }

    @Override
    public Map<String, Double> timedPhases() {
        return Map.of("register", registerSeconds);
    }

    @Override
    public String outsideSpark() {
        return "land+driver";
    }
}
