package io.sluice.catalog;

import java.util.Objects;

/**
 * Identifies one dataset's part of a run: a {@code sluice run} of a source records one run per dataset, all with
 * the same run id.
 *
 * @param runId   the run's id, shared by the datasets of one {@code sluice run}
 * @param source  source (or refined namespace) name
 * @param dataset dataset name
 */
public record RunKey(String runId, String source, String dataset) {
    public RunKey {
        Objects.requireNonNull(runId, "runId");
        if (runId.isBlank()) {
            throw new IllegalArgumentException("run id must not be blank");
        }
        // Validates source and dataset exactly as asset names do, so runs and assets always join.
        new AssetName(Zone.RAW, source, dataset);
    }

    @Override
    public String toString() {
        return source + "." + dataset + " run " + runId;
    }
}
