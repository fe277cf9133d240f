package io.sluice.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * One way of ingesting the generated tables, measured by {@link Benchmark}. Each run writes into a fresh folder;
 * only {@link #run} is timed, the counts are read afterwards.
 */
sealed interface Contender permits FloorJob, SluiceRun, RowBaseline {
    /** Short name in the result table: {@code floor}, {@code sluice}, {@code baseline}. */
    String name();

    /** How many tables it ingests at the same time (1: one after the other); equal for every contender of a run. */
    int tablesAtOnce();

    /** Ingests every table once, writing under {@code out} (empty). */
    void run(Path out);

    /** What the last run wrote, per table; read after the clock stopped. */
    Map<String, TableCounts> counts(Path out);

    /** The phase a root Spark execution of a run belongs to (from its plan), for the per-phase figures. */
    String phaseOf(SparkWork.Execution execution, Path out);

    /** Phases the last run timed in code rather than through Spark (e.g. the catalog registration), in seconds. */
    default Map<String, Double> timedPhases() {
        return Map.of();
    }

    /** The name of the time outside Spark executions and {@link #timedPhases()}. */
    default String outsideSpark() {
        return "driver";
    }

    /**
     * Rows of one table after a run.
     *
     * @param raw   records read from the delivered files
     * @param valid rows in the valid output (for the floor: every row written)
     * @param error rows in the error output (0 for the floor, which validates nothing)
     */
    record TableCounts(long raw, long valid, long error) {
    }
}
