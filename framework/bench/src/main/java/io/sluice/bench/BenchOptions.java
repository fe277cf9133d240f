package io.sluice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of one benchmark run.
 *
 * @param scale        TPC-H scale factor (fractions allowed: 0.01 ≈ 60 k lineitem rows, 1 ≈ 6 M)
 * @param rounds       measured rounds; the median of each contender is reported
 * @param warmup       unmeasured rounds first (JIT, code generation, Delta's first-use costs)
 * @param corruptShare share of rows given a defect
 * @param seed         seed of the corruption
 * @param work         folder for generated data (reused across runs) and each run's output (deleted after it)
 * @param out          where to write the JSON result, if anywhere
 * @param contenders   which contenders to run, in this order in the first round (rotated each round)
 * @param master       Spark master of the session {@link Benchmark#main} builds
 * @param sparkConf    extra Spark settings of that session
 * @param plans        write each run's SQL executions with their physical plans next to the outputs
 * @param keep         keep each run's output instead of deleting it
 * @param tablesAtOnce how many tables every contender ingests at the same time: 2 side by side (Sluice's
 *                     {@code parallelism}), 1 one after the other
 */
public record BenchOptions(double scale, int rounds, int warmup, double corruptShare, long seed, Path work,
                           Optional<Path> out, List<String> contenders, String master, Map<String, String> sparkConf,
                           boolean plans, boolean keep, int tablesAtOnce) {
    public static final List<String> CONTENDERS = List.of("floor", "sluice", "baseline");
    static final String USAGE = """
            usage: run-bench.sh [--scale SF] [--rounds N] [--warmup N] [--corrupt SHARE] [--seed N] [--work DIR]
                                [--out FILE] [--contenders floor,sluice,baseline] [--master URL] [--conf KEY=VALUE]...
                                [--tables-at-once 1|2] [--plans] [--keep]
              --scale       TPC-H scale factor, fractions allowed (default 0.1; 1 = 6 M lineitem rows)
              --rounds      measured rounds, median and min-max reported (default 5)
              --warmup      unmeasured rounds first (default 1)
              --corrupt     share of rows given a defect (default 0.01)
              --seed        seed of the corruption (default 42)
              --work        data and scratch folder (default ./bench-work; generated data is reused)
              --out         also write the result as JSON to this file
              --contenders  comma-separated subset of floor, sluice, baseline (default all three); overhead
                            (contender - floor of the same round) needs floor
              --tables-at-once
                            tables every contender ingests at the same time: 2 side by side (default), 1 one
                            after the other
              --master      Spark master (default local[*])
              --conf        a Spark setting, repeatable (default spark.sql.shuffle.partitions=8)
              --plans       write every Spark execution with its physical plan to <work>/plans-*.txt
              --keep        keep every run's output tables under <work>/runs""";

    public BenchOptions {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(out, "out");
        contenders = List.copyOf(contenders);
        Objects.requireNonNull(master, "master");
        sparkConf = Map.copyOf(sparkConf);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale " + scale + " must be above 0 (e.g. 0.01, 0.1 or 1)");
        }
        if (rounds < 1 || warmup < 0) {
            throw new IllegalArgumentException("--rounds must be at least 1 and --warmup at least 0 (got "
                    + rounds + " and " + warmup + ")");
        }
        if (!(corruptShare >= 0 && corruptShare <= 1)) {
            throw new IllegalArgumentException("--corrupt " + corruptShare + " must be a share within 0 and 1 (e.g. 0.01 for 1%)");
        }
        for (String c : contenders) {
            if (!CONTENDERS.contains(c)) {
                throw new IllegalArgumentException("unknown contender '" + c + "' (expected some of: "
                        + String.join(", ", CONTENDERS) + ")");
            }
        }
        if (tablesAtOnce < 1 || tablesAtOnce > TpchTables.ALL.size()) {
            throw new IllegalArgumentException("--tables-at-once " + tablesAtOnce + " must be 1 (one table after the"
                    + " other) or " + TpchTables.ALL.size() + " (side by side)");
        }
        if (contenders.isEmpty()) {
            throw new IllegalArgumentException("--contenders names none (expected some of: " + String.join(", ", CONTENDERS) + ")");
        }
    }

    /** The defaults: SF 0.1, 5 rounds after 1 warm-up, 1% corrupted, every contender, tables side by side. */
    public static BenchOptions defaults(Path work) {
        return new BenchOptions(0.1, 5, 1, 0.01, 42, work, Optional.empty(), CONTENDERS, "local[*]",
                Map.of("spark.sql.shuffle.partitions", "8"), false, false, TpchTables.ALL.size());
    }

    public BenchOptions withScale(double newScale, int newRounds, int newWarmup) {
        return new BenchOptions(newScale, newRounds, newWarmup, corruptShare, seed, work, out, contenders, master,
                sparkConf, plans, keep, tablesAtOnce);
    }

    public BenchOptions withCorruptShare(double share) {
        return new BenchOptions(scale, rounds, warmup, share, seed, work, out, contenders, master, sparkConf, plans,
                keep, tablesAtOnce);
    }

    public BenchOptions withTablesAtOnce(int tables) {
        return new BenchOptions(scale, rounds, warmup, corruptShare, seed, work, out, contenders, master, sparkConf,
                plans, keep, tables);
    }

    /**
     * Parses command-line arguments.
     *
     * @throws IllegalArgumentException naming the argument that is wrong and what is expected
     */
    public static BenchOptions parse(String[] args) {
        BenchOptions d = defaults(Path.of("bench-work"));
        double scale = d.scale;
        int rounds = d.rounds;
        int warmup = d.warmup;
        double corrupt = d.corruptShare;
        long seed = d.seed;
        Path work = d.work;
        Optional<Path> out = Optional.empty();
        List<String> contenders = d.contenders;
        String master = d.master;
        Map<String, String> conf = new LinkedHashMap<>(d.sparkConf);
        boolean plans = false;
        boolean keep = false;
        int tablesAtOnce = d.tablesAtOnce;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--plans" -> plans = true;
                case "--keep" -> keep = true;
                case "--scale", "--rounds", "--warmup", "--corrupt", "--seed", "--work", "--out", "--contenders",
                     "--master", "--conf", "--tables-at-once" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--scale" -> scale = number(a, v);
                        case "--rounds" -> rounds = (int) whole(a, v);
                        case "--warmup" -> warmup = (int) whole(a, v);
                        case "--corrupt" -> corrupt = number(a, v);
                        case "--seed" -> seed = whole(a, v);
                        case "--work" -> work = Path.of(v);
                        case "--out" -> out = Optional.of(Path.of(v));
                        case "--contenders" -> contenders = splitList(v);
                        case "--master" -> master = v;
                        case "--tables-at-once" -> tablesAtOnce = (int) whole(a, v);
                        case "--conf" -> {
                            int eq = v.indexOf('=');
                            if (eq <= 0) {
                                throw new IllegalArgumentException("--conf '" + v + "' is not KEY=VALUE (e.g. --conf spark.sql.shuffle.partitions=4)");
                            }
                            conf.put(v.substring(0, eq), v.substring(eq + 1));
                        }
                        default -> throw new IllegalStateException("unhandled option " + a);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'\n" + USAGE);
            }
        }
        return new BenchOptions(scale, rounds, warmup, corrupt, seed, work, out, contenders, master, conf, plans, keep,
                tablesAtOnce);
    }

    private static List<String> splitList(String v) {
        List<String> names = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                names.add(s.trim());
            }
        }
        return names;
    }

    private static double number(String option, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + v + "' is not a number (e.g. " + option + " 0.1)");
        }
    }

    private static long whole(String option, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + v + "' is not a whole number (e.g. " + option + " 3)");
        }
    }
}
