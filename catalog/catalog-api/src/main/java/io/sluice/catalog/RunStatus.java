package io.sluice.catalog;

/** The state of one run of one dataset. */
public enum RunStatus {
    /** Started and not finished (or killed before it could finish). */
    RUNNING,
    /** Finished and committed. */
    SUCCEEDED,
    /** Finished with an error; nothing of it is visible in the zones. */
    FAILED;

    /** Whether this is a final state a run may finish with. */
    public boolean isFinal() {
        return this != RUNNING;
    }
}
