package io.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.framework.report.ErrorReason;
import io.sluice.framework.spark.SparkSessions;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.metadata.Project;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark of issue 5: generates TPC-H {@code lineitem} and {@code orders} as CSV with a share of corrupted
 * rows, then runs the contenders (floor, sluice, row-at-a-time baseline) interleaved in one SparkSession, a few
 * warm-up rounds first, and reports the median of the measured rounds. Correctness is checked on every run (raw
 * = valid + error, and exactly the corrupted rows rejected); time never is.
 *
 * <p>{@code main} prints the table and writes the JSON result: {@code io.sluice.bench.Benchmark --scale 0.1
 * --rounds 3 --out bench-result.json} (see {@code run-bench.sh} and {@code docs/benchmark.md}).
 */
public final class Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SparkSession spark;
    private final BenchOptions options;

    public Benchmark(SparkSession spark, BenchOptions options) {
        this.spark = spark;
        this.options = options;
    }

    /** Exit codes: 0 every run correct, 1 a count did not add up, 2 bad arguments. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("fixed-cost")) {
            System.exit(FixedCostBench.cli(java.util.Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args.length > 0 && args[0].equals("jdbc")) {
            System.exit(JdbcBench.cli(java.util.Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSessions.create("sluice-bench", options.master(), options.sparkConf());
        int exit;
        try {
            BenchResult result = new Benchmark(spark, options).run();
            PrintStream out = System.out;
            out.print(ResultTable.render(result));
            options.out().ifPresent(file -> {
                writeJson(file, result);
                out.println("result written to " + file.toAbsolutePath());
            });
            out.flush();
            exit = result.correct() ? 0 : 1;
        } finally {
            spark.stop();
        }
        System.exit(exit);
    }

    /** Generates (or reuses) the data, runs every round and summarises. */
    public BenchResult run() {
        Path work = options.work().toAbsolutePath().normalize();
        TpchCsvGenerator.GeneratedData data = new TpchCsvGenerator(options.scale(), options.corruptShare(), options.seed())
                .generate(work.resolve("data"));
        Path landing = Path.of(data.dir());
        Path projectDir = work.resolve("project");
        int atOnce = options.tablesAtOnce();
        Project project = DescriptorLoader.load(projectDir, BenchProject.write(projectDir, landing, atOnce));

        Map<String, Contender> available = new LinkedHashMap<>();
        available.put("floor", new FloorJob(spark, landing, atOnce));
        available.put("sluice", new SluiceRun(spark, projectDir, project, null));
        available.put("baseline", new RowBaseline(spark, landing, atOnce));
        List<Contender> chosen = options.contenders().stream().map(available::get).toList();

        List<BenchResult.Measurement> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Contender c : chosen) {
            if (c.tablesAtOnce() != atOnce) {
                problems.add(f("%s ingests %d table(s) at once, the others %d: the comparison is not fair",
                        c.name(), c.tablesAtOnce(), atOnce));
            }
        }
        SparkWork recorder = SparkWork.attach(spark);
        TaskCpu cpu = TaskCpu.attach(spark);
        try {
            int total = options.warmup() + options.rounds();
            for (int round = 0; round < total; round++) {
                boolean warmup = round < options.warmup();
                for (int i = 0; i < chosen.size(); i++) {
                    // rotate the order each round so no contender always runs on a cold (or warm) JVM
                    Contender c = chosen.get((i + round) % chosen.size());
                    BenchResult.Measurement m = measure(c, round, warmup, work, recorder, cpu);
                    runs.add(m);
                    problems.addAll(check(c, m, data));
                    LOG.info("{} round {}{}: {} s", c.name(), round, warmup ? " (warm-up)" : "",
                            String.format(Locale.ROOT, "%.2f", m.seconds()));
                }
            }
        } finally {
            cpu.detach();
            SparkWork.detach(spark, recorder);
        }
        runs = withOverhead(runs);

        List<BenchResult.Summary> summaries = new ArrayList<>();
        for (Contender c : chosen) {
            summaries.add(summarise(c.name(), runs.stream().filter(m -> m.contender().equals(c.name()) && !m.warmup()).toList(), data));
        }
        summaries = overFloor(summaries);
        List<BenchResult.Measurement> measured = runs.stream().filter(m -> !m.warmup()).toList();
        BenchResult.Machine machine = new BenchResult.Machine(Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576.0,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                measured.stream().mapToDouble(m -> Math.min(m.loadBefore(), m.loadAfter())).min().orElse(-1),
                measured.stream().mapToDouble(m -> Math.max(m.loadBefore(), m.loadAfter())).max().orElse(-1));
        return new BenchResult(
                new BenchResult.Settings(options.scale(), options.rounds(), options.warmup(), options.corruptShare(),
                        options.seed(), options.master(), options.sparkConf(), atOnce),
                new BenchResult.Data(data.rows(), data.bytes(), data.corrupted(), data.tables()),
                machine, summaries, ratios(summaries), runs, problems);
    }

    private BenchResult.Measurement measure(Contender c, int round, boolean warmup, Path work, SparkWork recorder,
                                            TaskCpu cpu) {
        Path out = work.resolve("runs").resolve("round-" + round).resolve(c.name());
        deleteTree(out);
        createDirectories(out);
        // start every run from a collected heap, so one run's garbage is not charged to the next
        System.gc();
        cpu.awaitDelivered();
        recorder.reset();
        double loadBefore = load();
        HeapWatch.Heap heap;
        TaskCpu.Window window = cpu.open();
        long processCpuBefore = processCpuNanos();
        long start = System.nanoTime();
        try (HeapWatch watch = new HeapWatch()) {
            c.run(out);
            heap = watch.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double jvmCpu = (processCpuNanos() - processCpuBefore) / 1e9;
        double loadAfter = load();
        // also waits for the SQL execution events SparkWork reads: they were posted before the marker job's
        TaskCpu.Usage tasks = cpu.close(window);
        Map<String, SparkWork.PhaseWork> spark = recorder.byPhase(e -> c.phaseOf(e, out));
        if (options.plans()) {
            writePlans(work.resolve("plans-" + c.name() + "-round" + round + ".txt"), recorder.describe());
        }
        Map<String, Double> timed = c.timedPhases();
        // a timed phase (register) includes the Spark executions it ran: count them once
        double inSpark = recorder.busySeconds(e -> c.phaseOf(e, out), phase -> !timed.containsKey(phase));
        double outside = seconds - inSpark - timed.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put(c.outsideSpark(), Math.max(0, outside));
        spark.forEach((phase, w) -> phases.put(phase, w.seconds()));
        phases.putAll(timed);
        Map<String, Contender.TableCounts> counts = c.counts(out);
        if (!options.keep()) {
            deleteTree(out);
        }
        return new BenchResult.Measurement(c.name(), round, warmup, c.tablesAtOnce(), seconds, null,
                tasks.cpuSeconds(), tasks.runSeconds(), jvmCpu, phases, spark, heap, loadBefore, loadAfter, counts);
    }

    /** The runs with their validation overhead: wall time minus the floor's of the same round (none without floor). */
    static List<BenchResult.Measurement> withOverhead(List<BenchResult.Measurement> runs) {
        Map<Integer, Double> floorOfRound = new LinkedHashMap<>();
        runs.stream().filter(m -> m.contender().equals("floor"))
                .forEach(m -> floorOfRound.put(m.round(), m.seconds()));
        return runs.stream().map(m -> floorOfRound.containsKey(m.round())
                ? m.withOverhead(m.seconds() - floorOfRound.get(m.round())) : m).toList();
    }

    /**
     * CPU of the whole JVM since it started, in nanoseconds: in {@code local[*]} the executor's task threads, the
     * driver, GC and the JIT compilers all run in it; -1 where the platform does not tell.
     */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** The correctness checks of one run, as messages; empty when the counts are right. */
    private static List<String> check(Contender c, BenchResult.Measurement m, TpchCsvGenerator.GeneratedData data) {
        List<String> problems = new ArrayList<>();
        String run = c.name() + " round " + m.round();
        if (c instanceof SluiceRun s) {
            s.failures().forEach(f -> problems.add(run + ": " + f));
        }
        for (TpchCsvGenerator.GeneratedTable g : data.tables()) {
            Contender.TableCounts k = m.counts().get(g.name());
            String where = run + " " + g.name();
            if (k == null) {
                problems.add(where + ": no counts (the table was not written)");
                continue;
            }
            if (c instanceof FloorJob) {
                if (k.valid() != g.rows()) {
                    problems.add(f("%s: wrote %,d rows, generated %,d", where, k.valid(), g.rows()));
                }
                continue;
            }
            if (k.raw() != g.rows()) {
                problems.add(f("%s: read %,d raw rows, generated %,d", where, k.raw(), g.rows()));
            }
            if (k.valid() + k.error() != k.raw()) {
                problems.add(f("%s: raw %,d != valid %,d + error %,d", where, k.raw(), k.valid(), k.error()));
            }
            if (k.error() != g.corrupted()) {
                String reasons = c instanceof SluiceRun s ? "; top rejection reasons: " + topErrors(s, g.name()) : "";
                problems.add(f("%s: rejected %,d rows but %,d were corrupted (by defect: %s)%s", where, k.error(),
                        g.corrupted(), g.byKind(), reasons));
            }
        }
        return problems;
    }

    private static String topErrors(SluiceRun s, String table) {
        return s.lastReport().datasets().stream().filter(o -> o.dataset().endsWith("." + table))
                .flatMap(o -> o.topErrors().stream())
                .map((ErrorReason e) -> e.column() + "/" + e.rule() + " x" + e.count())
                .collect(Collectors.joining(", "));
    }

    private BenchResult.Summary summarise(String name, List<BenchResult.Measurement> runs, TpchCsvGenerator.GeneratedData data) {
        double median = median(runs, BenchResult.Measurement::seconds);
        Map<String, Double> phases = new LinkedHashMap<>();
        runs.forEach(m -> m.phases().keySet().forEach(p -> phases.putIfAbsent(p, 0.0)));
        phases.replaceAll((p, zero) -> median(runs, m -> m.phases().getOrDefault(p, 0.0)));
        Map<String, Double> phaseTasks = new LinkedHashMap<>();
        runs.forEach(m -> m.spark().keySet().forEach(p -> phaseTasks.putIfAbsent(p, 0.0)));
        phaseTasks.replaceAll((p, zero) -> median(runs, m -> m.spark().getOrDefault(p, SparkWork.PhaseWork.NONE)
                .taskSeconds()));
        boolean overhead = !runs.isEmpty() && runs.stream().allMatch(m -> m.overheadSeconds() != null);
        return new BenchResult.Summary(name, runs.size(),
                runs.stream().mapToInt(BenchResult.Measurement::tablesAtOnce).max().orElse(0),
                BenchResult.Spread.of(runs, BenchResult.Measurement::seconds),
                overhead ? BenchResult.Spread.of(runs, BenchResult.Measurement::overheadSeconds) : null,
                BenchResult.Spread.of(runs, BenchResult.Measurement::taskCpuSeconds),
                BenchResult.Spread.of(runs, BenchResult.Measurement::jvmCpuSeconds),
                null, null, median,
                runs.stream().mapToDouble(BenchResult.Measurement::seconds).min().orElse(0),
                runs.stream().mapToDouble(BenchResult.Measurement::seconds).max().orElse(0),
                median == 0 ? 0 : data.rows() / median, median == 0 ? 0 : data.bytes() / 1e6 / median, phases,
                phaseTasks,
                runs.stream().mapToDouble(m -> m.heap().peakUsedMb()).max().orElse(0),
                runs.stream().mapToDouble(m -> m.heap().liveAfterGcMb()).max().orElse(0),
                median(runs, m -> m.heap().gcSeconds()),
                median(runs, m -> m.spark().values().stream().mapToDouble(SparkWork.PhaseWork::taskSeconds).sum()),
                median(runs, m -> m.spark().values().stream().mapToLong(SparkWork.PhaseWork::inputBytes).sum() / 1e6));
    }

    /** The summaries with their median wall time and task CPU over the floor's; unchanged without floor. */
    private static List<BenchResult.Summary> overFloor(List<BenchResult.Summary> summaries) {
        BenchResult.Summary floor = summaries.stream().filter(s -> s.contender().equals("floor")).findFirst()
                .orElse(null);
        if (floor == null) {
            return summaries;
        }
        return summaries.stream().map(s -> s.withOverFloor(
                ratio(s.wall().median(), floor.wall().median()), ratio(s.taskCpu().median(), floor.taskCpu().median())))
                .toList();
    }

    private static Double ratio(double a, double b) {
        return b > 0 ? a / b : null;
    }

    private static BenchResult.Ratios ratios(List<BenchResult.Summary> summaries) {
        Map<String, BenchResult.Summary> by = summaries.stream()
                .collect(Collectors.toMap(BenchResult.Summary::contender, s -> s));
        Double sluiceOverFloor = by.containsKey("sluice") && by.containsKey("floor")
                ? ratio(by.get("sluice").medianSeconds(), by.get("floor").medianSeconds()) : null;
        Double baselineOverSluice = by.containsKey("baseline") && by.containsKey("sluice")
                ? ratio(by.get("baseline").medianSeconds(), by.get("sluice").medianSeconds()) : null;
        Double overheadShare = by.containsKey("baseline") && by.containsKey("sluice")
                && by.get("sluice").overhead() != null && by.get("baseline").overhead() != null
                ? ratio(by.get("sluice").overhead().median(), by.get("baseline").overhead().median()) : null;
        return new BenchResult.Ratios(sluiceOverFloor, baselineOverSluice, overheadShare);
    }

    static double median(List<BenchResult.Measurement> runs, ToDoubleFunction<BenchResult.Measurement> value) {
        double[] v = runs.stream().mapToDouble(value).sorted().toArray();
        if (v.length == 0) {
            return 0;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The 1-minute load average, as {@code uptime} shows it; -1 where the platform has none. */
    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void writeJson(Path file, BenchResult result) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = parent.resolve("." + file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), result);
            Files.move(tmp, file.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the result to " + file + ": " + e.getMessage(), e);
        }
    }

    static BenchResult readJson(Path file) {
        try {
            return JSON.readValue(file.toFile(), BenchResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a result from " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writePlans(Path file, List<String> executions) {
        try {
            Files.writeString(file, String.join("\n\n", executions), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the plans to " + file, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
