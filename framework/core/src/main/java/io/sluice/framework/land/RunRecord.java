package io.sluice.framework.land;

import io.sluice.metadata.ErrorCategory;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One landed run of a dataset with its state, as {@code sluice runs list} shows it.
 *
 * @param manifest the run's manifest (its files and record counts, as last counted)
 * @param folder   the run's raw folder
 * @param state    where the run stands
 * @param reason   why it failed, was refused or set aside
 * @param category the kind of failure of a {@link RunState#FAILED} run
 * @param attempts how many times publishing (or counting it again) failed
 * @param since    when it entered its state (empty for a landed or published run of an older version)
 * @param by       who set it aside, for a {@link RunState#DISCARDED} run
 */
public record RunRecord(Manifest manifest, String folder, RunState state, Optional<String> reason,
                        Optional<ErrorCategory> category, int attempts, Optional<Instant> since, Optional<String> by) {
    public RunRecord {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(by, "by");
    }

    public String runId() {
        return manifest.runId();
    }
}
