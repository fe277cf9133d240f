package io.sluice.catalog;

/** Which way {@link Catalog#lineage} walks from an asset. */
public enum LineageDirection {
    /** Towards what the asset was made from (refined → valid → raw → source). */
    UPSTREAM,
    /** Towards what was made from the asset. */
    DOWNSTREAM
}
