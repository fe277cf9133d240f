package io.sluice.framework.land;

/**
 * Where a landed run of a dataset stands. Derived from the files of its raw folder, so that every later process
 * reads the same answer: {@code _committed} makes it {@link #PUBLISHED}; otherwise {@code _state.json} (written
 * atomically, like the manifest) says {@link #FAILED}, {@link #REJECTED} or {@link #DISCARDED}; otherwise a
 * manifest of a rejected delivery makes it {@link #REJECTED} and any other manifest {@link #LANDED}. Manifests of
 * version 1 and 2 have no state file and read as before.
 */
public enum RunState {
    /** Sealed in raw, not published yet (a run interrupted before its commit marker): the next run publishes it. */
    LANDED,
    /** Its rows are committed to the valid and error tables; never ingested again. */
    PUBLISHED,
    /** Publishing it failed; later runs retry it with the current descriptor until it is published or discarded. */
    FAILED,
    /** The delivery was refused (at landing, or when counted again): kept in raw, never published as it is. */
    REJECTED,
    /** Set aside (by an operator, or superseded by a newer snapshot): kept in raw, never published, never retried. */
    DISCARDED;

    /** True for a run that later runs still try to publish. */
    public boolean outstanding() {
        return this == LANDED || this == FAILED || this == REJECTED;
    }
}
