package io.sluice.bench;

import java.util.Locale;
import java.util.Map;

/** Renders a {@link BenchResult} as the plain-text table the benchmark prints. */
final class ResultTable {
    /** The targets of issues 5 and 18, printed next to the ratios. */
    static final double SLUICE_OVER_FLOOR_TARGET = 1.3;
    static final double BASELINE_OVER_SLUICE_TARGET = 10;
    static final double OVERHEAD_SHARE_TARGET = 0.2;

    private ResultTable() {
    }

    static String render(BenchResult r) {
        StringBuilder s = new StringBuilder();
        BenchResult.Data d = r.data();
        s.append(f("Sluice benchmark - TPC-H SF %s:", plain(r.settings().scale())));
        for (TpchCsvGenerator.GeneratedTable t : d.tables()) {
            s.append(f(" %s %,d rows (%,d corrupted),", t.name(), t.rows(), t.corrupted()));
        }
        s.append(f(" %,d rows, %.1f MB of CSV, %.2f%% corrupted%n", d.rows(), d.bytes() / 1e6,
                d.rows() == 0 ? 0 : 100.0 * d.corrupted() / d.rows()));
        BenchResult.Machine m = r.machine();
        s.append(f("%d measured round(s) after %d warm-up(s), order rotated each round; %d cores, max heap %.0f MB,"
                        + " load %.2f-%.2f (1-min average over the measured runs), %s%n", r.settings().rounds(),
                r.settings().warmup(), m.cores(), m.maxHeapMb(), m.loadMin(), m.loadMax(), m.java()));
        int atOnce = r.settings().tablesAtOnce();
        s.append(f("every contender ingests its %d tables %s%n%n", d.tables().size(),
                atOnce > 1 ? "side by side (" + atOnce + " at once)" : "one after the other"));
        s.append(f("%-10s %7s %21s %21s %21s %9s %7s %7s %10s %9s %6s%n", "contender", "tables", "wall s",
                "overhead s", "task CPU s", "JVM CPU s", "x floor", "x floor", "rows/s", "peak heap", "GC s"));
        s.append(f("%-10s %7s %21s %21s %21s %9s %7s %7s %10s %9s %6s%n", "", "at once", "median (min..max)",
                "median (min..max)", "median (min..max)", "median", "wall", "CPU", "", "MB", ""));
        for (BenchResult.Summary c : r.contenders()) {
            s.append(f("%-10s %7d %21s %21s %21s %9.2f %7s %7s %,10.0f %,9.0f %6.2f%n", c.contender(),
                    c.tablesAtOnce(), spread(c.wall()), c.overhead() == null ? "-" : spread(c.overhead()),
                    spread(c.taskCpu()), c.jvmCpu().median(), times(c.wallOverFloor()), times(c.taskCpuOverFloor()),
                    c.rowsPerSecond(), c.peakHeapMb(), c.gcSeconds()));
        }
        s.append(f("overhead = wall time - the floor's wall time in the same round; task CPU = summed executorCpuTime"
                + " of the run's Spark tasks;%nJVM CPU = CPU of the whole process during the run (driver, local"
                + " executor threads, GC, JIT): JVM CPU - task CPU ~ driver side%n"));
        s.append(f("%nphases (median seconds while the phase ran; phases of datasets run side by side overlap):%n"));
        for (BenchResult.Summary c : r.contenders()) {
            phaseLine(s, c.contender(), c.medianPhases());
        }
        s.append(f("%nphases (median task seconds: the Spark work of each phase, which adds up):%n"));
        for (BenchResult.Summary c : r.contenders()) {
            phaseLine(s, c.contender(), c.medianPhaseTaskSeconds());
        }
        s.append('\n');
        if (r.ratios().sluiceOverFloor() != null) {
            double v = r.ratios().sluiceOverFloor();
            s.append(f("sluice / floor    = %5.2f  (target <= %.1f: %s)%n", v, SLUICE_OVER_FLOOR_TARGET,
                    v <= SLUICE_OVER_FLOOR_TARGET ? "met" : "MISSED"));
        }
        if (r.ratios().baselineOverSluice() != null) {
            double v = r.ratios().baselineOverSluice();
            s.append(f("baseline / sluice = %5.2f  (target >= %.0f: %s)%n", v, BASELINE_OVER_SLUICE_TARGET,
                    v >= BASELINE_OVER_SLUICE_TARGET ? "met" : "MISSED"));
        }
        if (r.ratios().sluiceOverheadOverBaseline() != null) {
            double v = r.ratios().sluiceOverheadOverBaseline();
            s.append(f("sluice overhead / baseline overhead = %5.2f  (target <= %.1f: %s)%n", v, OVERHEAD_SHARE_TARGET,
                    v <= OVERHEAD_SHARE_TARGET ? "met" : "MISSED"));
        }
        if (r.correct()) {
            s.append(f("correctness: OK - in every run raw = valid + error and exactly the %,d corrupted rows were"
                    + " rejected%n", d.corrupted()));
        } else {
            s.append(f("correctness: FAILED (%d problem(s))%n", r.problems().size()));
            r.problems().forEach(p -> s.append("  - ").append(p).append('\n'));
        }
        return s.toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String spread(BenchResult.Spread v) {
        return f("%.2f (%.2f..%.2f)", v.median(), v.min(), v.max());
    }

    private static String times(Double ratio) {
        return ratio == null ? "-" : f("%.2f", ratio);
    }

    static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static void phaseLine(StringBuilder s, String contender, Map<String, Double> phases) {
        s.append(f("  %-12s", contender));
        String sep = "";
        for (Map.Entry<String, Double> p : phases.entrySet()) {
            s.append(sep).append(f(" %s %.2f", p.getKey(), p.getValue()));
            sep = " |";
        }
        s.append('\n');
    }
}
