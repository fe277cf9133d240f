package io.sluice.framework.run;

import io.sluice.metadata.Project;

/**
 * The one seam through which a run tells the outside world what it did: the catalog registers assets, runs
 * and lineage from here. Called once per run, after every table write; a failure here never undoes the run.
 */
public interface Registrar {
    void register(Project project, LakeLayout lake, RunReport report);

    /** Registers nothing: for lakes without a catalog. */
    static Registrar none() {
        return (project, lake, report) -> { };
    }
}
