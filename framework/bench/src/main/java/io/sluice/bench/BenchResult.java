package io.sluice.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured; written as JSON ({@code --out}) for comparison across commits.
 *
 * @param contenders one summary per contender over its measured rounds
 * @param runs       every single run, warm-ups included
 * @param problems   correctness failures (counts that do not add up); empty when every run was correct
 */
public record BenchResult(Settings settings, Data data, Machine machine, List<Summary> contenders, Ratios ratios,
                          List<Measurement> runs, List<String> problems) {
    public BenchResult {
        contenders = List.copyOf(contenders);
        runs = List.copyOf(runs);
        problems = List.copyOf(problems);
    }

    /** Whether every run's counts were right: raw = valid + error, and exactly the corrupted rows rejected. */
    public boolean correct() {
        return problems.isEmpty();
    }

    /** An unmodifiable copy that keeps the order of the phases as they happened. */
    static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    public Summary summary(String contender) {
        return contenders.stream().filter(s -> s.contender().equals(contender)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("contender " + contender + " did not run"));
    }

    /**
     * What was asked for.
     *
     * @param tablesAtOnce how many tables every contender ingested at the same time (2: side by side, 1: one after
     *                     the other)
     */
    public record Settings(double scale, int rounds, int warmup, double corruptShare, long seed, String master,
                           Map<String, String> sparkConf, int tablesAtOnce) {
        public Settings {
            sparkConf = ordered(sparkConf);
        }
    }

    /** The generated input: rows and CSV bytes over both tables. */
    public record Data(long rows, long bytes, long corrupted, List<TpchCsvGenerator.GeneratedTable> tables) {
        public Data {
            tables = List.copyOf(tables);
        }
    }

    /**
     * The machine during the measured runs: {@code loadMin}/{@code loadMax} are the 1-minute load averages seen
     * before and after the runs; other builds on the machine show up there.
     */
    public record Machine(int cores, double maxHeapMb, String java, String os, double loadMin, double loadMax) {
    }

    /**
     * One run of one contender.
     *
     * @param tablesAtOnce    how many tables it ingested at the same time
     * @param seconds         wall time of the run
     * @param overheadSeconds {@code seconds} minus the floor's wall time in the same round; null when the floor did
     *                        not run. The floor's own is 0.
     * @param taskCpuSeconds  summed {@code executorCpuTime} of the Spark tasks of the jobs the run started
     * @param taskRunSeconds  summed {@code executorRunTime} of those tasks (wall time of the tasks, I/O waits included)
     * @param jvmCpuSeconds   CPU the whole JVM used during the run (driver, local executor threads, GC, JIT):
     *                        minus {@code taskCpuSeconds} it is roughly the driver side's CPU; -1 if unknown
     * @param phases          seconds per phase; a Spark phase is the time during which one of its executions ran,
     *                        the rest is the time outside Spark (named by the contender, e.g. {@code land+driver})
     * @param spark           what Spark did per phase: executions, jobs, tasks, task time, bytes read and written
     */
    public record Measurement(String contender, int round, boolean warmup, int tablesAtOnce, double seconds,
                              Double overheadSeconds, double taskCpuSeconds, double taskRunSeconds,
                              double jvmCpuSeconds, Map<String, Double> phases,
                              Map<String, SparkWork.PhaseWork> spark, HeapWatch.Heap heap, double loadBefore,
                              double loadAfter, Map<String, Contender.TableCounts> counts) {
        public Measurement {
            phases = ordered(phases);
            spark = ordered(spark);
            counts = ordered(counts);
        }

        Measurement withOverhead(double overhead) {
            return new Measurement(contender, round, warmup, tablesAtOnce, seconds, overhead, taskCpuSeconds,
                    taskRunSeconds, jvmCpuSeconds, phases, spark, heap, loadBefore, loadAfter, counts);
        }
    }

    /** Median, lowest and highest of one figure over the measured rounds. */
    public record Spread(double median, double min, double max) {
        static <T> Spread of(List<T> runs, java.util.function.ToDoubleFunction<T> value) {
            double[] v = runs.stream().mapToDouble(value).sorted().toArray();
            if (v.length == 0) {
                return new Spread(0, 0, 0);
            }
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Spread(median, v[0], v[v.length - 1]);
        }
    }

    /**
     * One contender over its measured rounds: medians of wall time and phases, the highest heap figures.
     *
     * @param rowsPerSecond input rows (both tables) per second of median wall time
     * @param mbPerSecond   input CSV megabytes (10^6 bytes) per second of median wall time
     * @param inputMb       median bytes read by Spark tasks (MB): how often the input was scanned
     * @param medianPhases  median seconds during which each phase ran (phases of datasets published side by side
     *                      overlap), and the time outside Spark
     * @param medianPhaseTaskSeconds median task seconds of each Spark phase: where the work went, which adds up
     * @param tablesAtOnce  tables ingested at the same time
     * @param wall          wall time
     * @param overhead      validation overhead: wall time minus the floor's in the same round (null without floor)
     * @param taskCpu       summed task CPU ({@code executorCpuTime}) of the run's Spark jobs
     * @param jvmCpu        CPU of the whole JVM during the run (driver + local executor + GC + JIT)
     * @param wallOverFloor    median wall time over the floor's median (null without floor)
     * @param taskCpuOverFloor median task CPU over the floor's median (null without floor)
     */
    public record Summary(String contender, int runs, int tablesAtOnce, Spread wall, Spread overhead, Spread taskCpu,
                          Spread jvmCpu, Double wallOverFloor, Double taskCpuOverFloor,
                          double medianSeconds, double minSeconds, double maxSeconds,
                          double rowsPerSecond, double mbPerSecond, Map<String, Double> medianPhases,
                          Map<String, Double> medianPhaseTaskSeconds, double peakHeapMb, double liveHeapMb,
                          double gcSeconds, double taskSeconds, double inputMb) {
        public Summary {
            medianPhases = ordered(medianPhases);
            medianPhaseTaskSeconds = ordered(medianPhaseTaskSeconds);
        }

        Summary withOverFloor(Double wallRatio, Double taskCpuRatio) {
            return new Summary(contender, runs, tablesAtOnce, wall, overhead, taskCpu, jvmCpu, wallRatio, taskCpuRatio,
                    medianSeconds, minSeconds, maxSeconds, rowsPerSecond, mbPerSecond, medianPhases,
                    medianPhaseTaskSeconds, peakHeapMb, liveHeapMb, gcSeconds, taskSeconds, inputMb);
        }
    }

    /**
     * Median ratios; null when a contender of the pair did not run.
     *
     * @param sluiceOverheadOverBaseline sluice's median validation overhead over the baseline's (issue 18's target:
     *                                   at most 0.2)
     */
    public record Ratios(Double sluiceOverFloor, Double baselineOverSluice, Double sluiceOverheadOverBaseline) {
    }
}
