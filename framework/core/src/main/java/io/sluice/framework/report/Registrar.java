package io.sluice.framework.report;

import io.sluice.framework.lake.LakeLayout;
import io.sluice.metadata.Project;

/**
 * The one seam through which a run tells the outside world what it did: the catalog registers assets, runs
 * and lineage from here. Called once per run, after every table write; a failure here never undoes the run.
 */
public interface Registrar {
    /**
     * @param samples rows of the tables the run wrote, taken while writing them; a table without one is read
     */
    void register(Project project, LakeLayout lake, RunReport report, TableSamples samples);

    /** Registers a report without samples (one read back from the lake). */
    default void register(Project project, LakeLayout lake, RunReport report) {
        register(project, lake, report, TableSamples.none());
    }

    /** Registers nothing: for lakes without a catalog. */
    static Registrar none() {
        return (project, lake, report, samples) -> { };
    }
}
