package io.sluice.metadata;

/** How a run's rows reach a zone table. */
public enum WriteMode {
    /** Add the run's rows; re-running the same run replaces that run's rows, never duplicates them. */
    APPEND,
    /** Replace the whole table with the run's rows. */
    OVERWRITE,
    /** Upsert on the key columns (Delta MERGE). */
    MERGE
}
