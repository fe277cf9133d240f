package io.sluice.metadata;

/** What an unexpected source column does to a run. */
public enum DriftPolicy {
    /** Fail the dataset with a message naming the column. */
    FAIL,
    /** Keep unknown columns in a {@code _rescued} map column. */
    RESCUE,
    /** Add unknown columns to the valid table (Delta schema evolution). */
    EVOLVE,
    /** Drop unknown columns. */
    IGNORE
}
