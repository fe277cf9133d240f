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
import io.sluice.metadata.DescriptorLoader;
import io.sluice.metadata.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;

/**
 * The fixed cost per dataset (issue 5: a source with 50 small datasets in one JVM in at most 60 s, at most 0.5 s
 * per dataset beyond Spark's work on the data): one {@code files} source with {@code datasets} tiny CSV datasets
 * (five typed, checked columns, one bad row each), run through the real {@link SourceRunner} path with the
 * {@link CatalogRegistrar} and the embedded catalog, as {@code sluice run} does; into a fresh lake each round.
 *
 * <p>Where the time goes is attributed by the call site of each Spark execution ({@code save at
 * DatasetPublisher.java}, {@code collectAsList at DeltaTables.java}, …) and by the catalog registration.
 */
final class FixedCostBench {
    static final String SOURCE = "small";

    private final SparkSession spark;
    private final Path work;
    private final int datasets;
    private final int rows;

    FixedCostBench(SparkSession spark, Path work, int datasets, int rows) {
        this.spark = spark;
        this.work = work;
        this.datasets = datasets;
        this.rows = rows;
    }

    /**
     * One measured round.
     *
     * @param seconds     wall time of the whole run
     * @param register    of which the catalog registration
     * @param bySite      summed durations of the root executions of each call site, seconds (datasets are
     *                    published side by side: these overlap)
     * @param sparkBusy   the seconds during which at least one Spark execution ran
     * @param executions  Spark root executions
     * @param published   datasets published with raw = valid + error and exactly one rejected row
     */
    record Round(double seconds, double register, Map<String, Double> bySite, double sparkBusy, int executions,
                 int published, double loadBefore) {
        double perDataset(int n) {
            return seconds / n;
        }

        double spark() {
            return bySite.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    static final String USAGE = """
            usage: run-bench.sh fixed-cost [--datasets N] [--rows N] [--rounds N] [--warmup N] [--work DIR]
              --datasets  small datasets in the one source (default 50)
              --rows      rows per dataset, the last one bad (default 100)
              --rounds    measured rounds, median reported (default 3)
              --warmup    unmeasured rounds first (default 1)
              --work      scratch folder (default ./bench-work)""";

    /** {@code run-bench.sh fixed-cost …}: prints the table; exit code 0 when every run was correct, 1 if not, 2 on a bad argument. */
    static int cli(String[] args) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("--datasets", "50", "--rows", "100", "--rounds", "3",
                "--warmup", "1", "--work", "bench-work"));
        for (int i = 0; i < args.length; i += 2) {
            if (!values.containsKey(args[i]) || i + 1 >= args.length) {
                System.err.println("unknown argument or missing value: '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            values.put(args[i], args[i + 1]);
        }
        int n;
        int rowCount;
        int rounds;
        int warmup;
        try {
            n = Integer.parseInt(values.get("--datasets"));
            rowCount = Integer.parseInt(values.get("--rows"));
            rounds = Integer.parseInt(values.get("--rounds"));
            warmup = Integer.parseInt(values.get("--warmup"));
        } catch (NumberFormatException e) {
            System.err.println("--datasets, --rows, --rounds and --warmup take whole numbers: " + e.getMessage());
            return 2;
        }
        if (n < 1 || rowCount < 2 || rounds < 1 || warmup < 0) {
            System.err.println("--datasets must be at least 1, --rows at least 2, --rounds at least 1\n" + USAGE);
            return 2;
        }
        Path dir = Path.of(values.get("--work")).toAbsolutePath().normalize();
        SparkSession session = io.sluice.framework.spark.SparkSessions.create("sluice-bench-fixed-cost", "local[*]",
                Map.of("spark.sql.shuffle.partitions", "8"));
        try {
            FixedCostBench bench = new FixedCostBench(session, dir, n, rowCount);
            List<Round> measured = bench.measure(rounds, warmup);
            System.out.print(bench.render(measured));
            System.out.flush();
            return measured.stream().allMatch(r -> r.published() == n) ? 0 : 1;
        } finally {
            session.stop();
        }
    }

    /** Warm-up rounds, then the measured rounds (returned). */
    List<Round> measure(int rounds, int warmup) {
        Project project = prepare();
        SparkWork recorder = SparkWork.attach(spark);
        List<Round> measured = new ArrayList<>();
        try {
            for (int i = 0; i < warmup + rounds; i++) {
                Round r = run(project, work.resolve("runs").resolve("fixed-cost-" + i), recorder);
                Benchmark.deleteTree(work.resolve("runs").resolve("fixed-cost-" + i));
                org.slf4j.LoggerFactory.getLogger(FixedCostBench.class).info("fixed cost round {}{}: {} s", i,
                        i < warmup ? " (warm-up)" : "", String.format(Locale.ROOT, "%.2f", r.seconds()));
                if (i >= warmup) {
                    measured.add(r);
                }
            }
        } finally {
            SparkWork.detach(spark, recorder);
        }
        return measured;
    }

    /** Writes the landing files and the descriptor (once; reused when present). */
    Project prepare() {
        Path dir = work.resolve("fixed-cost-" + datasets + "x" + rows);
        Path landing = dir.resolve("landing");
        Path descriptors = dir.resolve("project").resolve("descriptors");
        StringBuilder y = new StringBuilder();
        y.append("kind: source\nname: ").append(SOURCE).append("\nconnector: files\n")
                .append("connection: { landing: \"").append(landing.toAbsolutePath()).append("\" }\n")
                .append("owner: bench@sluice.invalid\n");
        try {
            for (int d = 0; d < datasets; d++) {
                String name = String.format(Locale.ROOT, "t%03d", d);
                Path folder = Files.createDirectories(landing.resolve(name));
                StringBuilder csv = new StringBuilder("id,name,amount,day,status\n");
                for (int r = 1; r <= rows; r++) {
                    // the last row of each dataset is bad: text in a number
                    String amount = r == rows ? "N/A" : (r * 7 % 1000) + "." + (r % 100 < 10 ? "0" : "") + r % 100;
                    csv.append(r).append(",name ").append(r).append(',').append(amount).append(",2026-01-")
                            .append(String.format(Locale.ROOT, "%02d", r % 28 + 1)).append(',')
                            .append(r % 2 == 0 ? "A" : "B").append('\n');
                }
                Files.writeString(folder.resolve("part-0.csv"), csv, StandardCharsets.UTF_8);
                y.append("---\nkind: dataset\nname: ").append(name).append("\nsource: ").append(SOURCE)
                        .append("\nextract: { path: \"").append(name).append("/*.csv\", format: csv, header: true }\n")
                        .append("schema:\n")
                        .append("  - { name: id, type: long, nullable: false, min: 1, key: true }\n")
                        .append("  - { name: name, type: string, nullable: false }\n")
                        .append("  - { name: amount, type: \"decimal(10,2)\", min: 0 }\n")
                        .append("  - { name: day, type: date }\n")
                        .append("  - { name: status, type: string, allowed: [\"A\", \"B\"] }\n")
                        .append("valid: { mode: append }\nerror: { max_ratio: 0.5 }\n");
            }
            Files.createDirectories(descriptors);
            Files.writeString(descriptors.resolve("small.yaml"), y, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the fixed-cost project under " + dir, e);
        }
        return DescriptorLoader.load(dir.resolve("project"), descriptors);
    }

    /** Runs the source once into a fresh lake under {@code out}. */
    Round run(Project project, Path out, SparkWork recorder) {
        Benchmark.deleteTree(out);
        Path projectDir = work.resolve("fixed-cost-" + datasets + "x" + rows).resolve("project");
        SparkWork.drain(spark);
        recorder.reset();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double[] register = {0};
        long start = System.nanoTime();
        RunReport report;
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(out))) {
            Registrar real = new CatalogRegistrar(catalog, spark, projectDir);
            Registrar timed = (p, lake, r, samples) -> {
                long t = System.nanoTime();
                try {
                    real.register(p, lake, r, samples);
                } finally {
                    register[0] += (System.nanoTime() - t) / 1e9;
                }
            };
            Sluice sluice = new Sluice(spark, projectDir, new LakeLayout(out.toString()),
                    Connectors.discover(FixedCostBench.class.getClassLoader()), UnaryOperator.identity(),
                    Clock.systemUTC(), timed);
            report = new SourceRunner(sluice).run(project, new RunRequest(SOURCE, Optional.empty(), SluiceRun.RUN_DATE));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        SparkWork.drain(spark);
        Map<String, Double> bySite = new TreeMap<>();
        int[] executions = {0};
        recorder.byPhase(e -> site(e.description)).forEach((site, w) -> {
            bySite.put(site, w.executionSeconds());
            executions[0] += w.executions();
        });
        double busy = recorder.busySeconds(e -> site(e.description), site -> true);
        int published = 0;
        for (DatasetOutcome o : report.datasets()) {
            if (o.status() == DatasetOutcome.Status.PUBLISHED && o.raw() == rows && o.error() == 1
                    && o.valid() == rows - 1) {
                published++;
            }
        }
        return new Round(seconds, register[0], bySite, busy, executions[0], published, load);
    }

    /** {@code save at DatasetPublisher.java:78} → {@code save at DatasetPublisher.java}. */
    static String site(String description) {
        String first = description.lines().findFirst().orElse("").trim();
        return first.replaceAll(":\\d+$", "");
    }

    /** Renders the rounds: wall, per dataset, Spark time by call site (median over the rounds). */
    String render(List<Round> rounds) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Fixed cost: %d datasets of %d rows in one source, %d round(s), load %.2f-%.2f%n",
                datasets, rows, rounds.size(), rounds.stream().mapToDouble(Round::loadBefore).min().orElse(-1),
                rounds.stream().mapToDouble(Round::loadBefore).max().orElse(-1)));
        double wall = median(rounds.stream().mapToDouble(Round::seconds).toArray());
        double register = median(rounds.stream().mapToDouble(Round::register).toArray());
        double inSpark = median(rounds.stream().mapToDouble(Round::spark).toArray());
        double busy = median(rounds.stream().mapToDouble(Round::sparkBusy).toArray());
        // the catalog sample reads are Spark executions inside the registration: "outside Spark" counts neither
        s.append(String.format(Locale.ROOT, "wall %.2f s (target <= 60 for 50), per dataset %.3f s; register %.2f s "
                        + "(its Spark reads included); Spark executions %.2f s summed over %d, running %.2f s of the"
                        + " wall; outside Spark %.2f s%n", wall, wall / datasets, register, inSpark,
                rounds.get(0).executions(), busy, wall - busy));
        Map<String, List<Double>> sites = new LinkedHashMap<>();
        rounds.forEach(r -> r.bySite().forEach((k, v) -> sites.computeIfAbsent(k, x -> new ArrayList<>()).add(v)));
        s.append("Spark executions by call site (median summed s, per dataset s; side by side, they overlap):\n");
        sites.entrySet().stream()
                .sorted((a, b) -> Double.compare(median(toArray(b.getValue())), median(toArray(a.getValue()))))
                .forEach(e -> s.append(String.format(Locale.ROOT, "  %-60s %7.2f  %6.3f%n", e.getKey(),
                        median(toArray(e.getValue())), median(toArray(e.getValue())) / datasets)));
        boolean correct = rounds.stream().allMatch(r -> r.published() == datasets);
        s.append(correct ? "correctness: OK - every dataset published with exactly its one bad row rejected\n"
                : "correctness: FAILED - published correctly: " + rounds.stream().map(r -> r.published() + "/" + datasets).toList() + "\n");
        return s.toString();
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
