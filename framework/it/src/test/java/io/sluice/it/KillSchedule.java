package io.sluice.it;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded random schedule of kill points ({@code FaultPoints} name × hit) for chains of runs, each rerun killed
 * at the next point of its chain, drawn from the points an uninterrupted run of the same step passed (its trace).
 * The kills of a step are dealt to the chains in turn (kill i to chain i mod chains): each chain is a lake of its
 * own that goes through every step, so the chains can run side by side.
 *
 * <p>Why every scheduled point is reached: the points of a step are taken at increasing positions of the trace,
 * and the hit number of a point counts only its passes after the position of the previous kill of the same chain.
 * A rerun does at least everything the trace shows after that position (in the same order: datasets one after
 * the other, then refine, register, report), plus the work it redoes, so it passes the point at least that often.
 */
final class KillSchedule {
    /**
     * Each phase a kill must land in at least once somewhere in the schedule. The one-pass publish has three
     * points between its staged write and its commits: {@code publish.after-stage} (both zones' files staged),
     * {@code publish.error-files-moved} and {@code publish.valid-files-moved} (files moved into a table's folder,
     * not yet committed).
     */
    static final List<String> PHASES = List.of("run.", "land.", "validate.", "publish.after-stage",
            "publish.error-files-moved", "publish.after-error-write", "publish.valid-files-moved",
            "publish.after-valid-write", "publish.before-committed", "publish.after-committed", "refine.",
            "register.", "report.", "atomic-write.");

    private KillSchedule() {
    }

    /** One scheduled kill, of the lake {@code chain}. */
    record Kill(int step, int chain, String point, int hit) {
        String spec() {
            return point + "#" + hit;
        }
    }

    /**
     * @param traces  per step, the points an uninterrupted run passed, in order ({@code name#n} lines)
     * @param perStep how many kills each step gets
     * @param chains  how many lakes share the kills (1: one lake takes them all, one after the other)
     */
    static List<List<Kill>> plan(List<List<String>> traces, int[] perStep, long seed, int chains) {
        Random random = new Random(seed);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            List<List<Kill>> plan = draw(traces, perStep, random, chains);
            if (plan == null) {
                continue;
            }
            List<String> all = plan.stream().flatMap(List::stream).map(Kill::spec).toList();
            boolean distinct = new HashSet<>(all).size() == all.size();
            boolean covered = PHASES.stream().allMatch(p -> all.stream().anyMatch(k -> k.startsWith(p)));
            if (distinct && covered) {
                return plan;
            }
        }
        throw new IllegalStateException("no schedule of distinct kill points covering " + PHASES + " for seed " + seed);
    }

    /**
     * Walks each step's trace forward, each kill a random position not far after the previous one, skipping
     * positions whose point × hit an earlier kill took; null when it ran out of room (the caller draws again).
     * With one chain the draw is the same as before chains existed: a seed keeps its schedule.
     */
    private static List<List<Kill>> draw(List<List<String>> traces, int[] perStep, Random random, int chains) {
        List<List<Kill>> plan = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int step = 0; step < traces.size(); step++) {
            List<String> names = traces.get(step).stream().map(t -> t.substring(0, t.indexOf('#'))).toList();
            List<Kill> kills = new ArrayList<>();
            int previous = -1;
            int[] previousOfChain = new int[chains];
            java.util.Arrays.fill(previousOfChain, -1);
            for (int i = 0; i < perStep[step]; i++) {
                int chain = i % chains;
                int left = perStep[step] - i;
                int window = Math.max(1, 2 * (names.size() - 1 - previous) / left);
                List<Integer> candidates = new ArrayList<>();
                List<Kill> options = new ArrayList<>();
                for (int q = previous + 1; q <= Math.min(names.size() - left, previous + window); q++) {
                    String name = names.get(q);
                    int hit = (int) names.subList(previousOfChain[chain] + 1, q + 1).stream().filter(name::equals).count();
                    Kill kill = new Kill(step, chain, name, hit);
                    if (!taken.contains(kill.spec())) {
                        candidates.add(q);
                        options.add(kill);
                    }
                }
                if (candidates.isEmpty()) {
                    return null;
                }
                int pick = random.nextInt(candidates.size());
                kills.add(options.get(pick));
                taken.add(options.get(pick).spec());
                previous = candidates.get(pick);
                previousOfChain[chain] = previous;
            }
            plan.add(kills);
        }
        return plan;
    }

    /** The distinct point names of a trace. */
    static Set<String> points(List<String> trace) {
        Set<String> names = new java.util.TreeSet<>();
        trace.forEach(t -> names.add(t.substring(0, t.indexOf('#'))));
        return names;
    }
}
