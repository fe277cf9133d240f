package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedBatch;
import io.sluice.framework.land.Manifest;
import io.sluice.framework.land.RunRecord;
import io.sluice.framework.land.RunState;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import io.sluice.metadata.WriteMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which outstanding runs a newer published run makes obsolete: a run that replaced the valid table (overwrite, or a
 * full extract under the default mode) supersedes every older one, and an older snapshot is superseded by any newer
 * published run. An older increment of an append dataset is not: it adds its own rows.
 */
class SupersededRunsTest {

    private static DatasetSpec dataset(WriteMode mode) {
        return new DatasetSpec("d", "s", Optional.empty(), Optional.empty(), List.of(),
                new Options(Map.of(), Origin.unknown("d.yaml"), "/extract"), List.of(), List.of(), DriftPolicy.RESCUE,
                mode, DatasetSpec.DEFAULT_MAX_ERROR_RATIO, Origin.unknown("d.yaml"));
    }

    private static RunRecord run(String id, RunState state, LandedBatch.Extent extent) {
        Manifest manifest = new Manifest(Manifest.CURRENT_VERSION, id, "s", "d", LocalDate.of(2026, 12, 1),
                Instant.parse("2026-12-01T00:00:00Z"), List.of(), Optional.empty(), LandedBatch.Status.LANDED,
                Optional.empty(), Map.of(), extent);
        return new RunRecord(manifest, "raw/" + id, state, Optional.empty(), Optional.empty(), 0, Optional.empty(),
                Optional.empty());
    }

    @Test
    void anOlderSnapshotIsSupersededByANewerPublishedSnapshotUnderTheDefaultMode() {
        List<RunRecord> runs = List.of(run("r1", RunState.FAILED, LandedBatch.Extent.SNAPSHOT),
                run("r2", RunState.PUBLISHED, LandedBatch.Extent.SNAPSHOT));
        assertThat(RunAttempts.supersededBy(dataset(WriteMode.APPEND), runs, 0)).map(RunRecord::runId).hasValue("r2");
    }

    @Test
    void anOlderIncrementIsSupersededByANewerFullReload() {
        List<RunRecord> runs = List.of(run("r1", RunState.FAILED, LandedBatch.Extent.INCREMENT),
                run("r2", RunState.PUBLISHED, LandedBatch.Extent.SNAPSHOT));
        assertThat(RunAttempts.supersededBy(dataset(WriteMode.APPEND), runs, 0)).map(RunRecord::runId).hasValue("r2");
    }

    @Test
    void anOlderIncrementOfAnAppendDatasetIsNotSupersededByNewerIncrements() {
        List<RunRecord> runs = List.of(run("r1", RunState.FAILED, LandedBatch.Extent.INCREMENT),
                run("r2", RunState.PUBLISHED, LandedBatch.Extent.INCREMENT));
        assertThat(RunAttempts.supersededBy(dataset(WriteMode.APPEND), runs, 0)).isEmpty();
    }

    @Test
    void aMergeDatasetSupersedesNothing() {
        List<RunRecord> runs = List.of(run("r1", RunState.FAILED, LandedBatch.Extent.SNAPSHOT),
                run("r2", RunState.PUBLISHED, LandedBatch.Extent.SNAPSHOT));
        assertThat(RunAttempts.supersededBy(dataset(WriteMode.MERGE), runs, 0)).isEmpty();
    }

    @Test
    void overwriteSupersedesAnyOlderOutstandingRun() {
        List<RunRecord> runs = List.of(run("r1", RunState.FAILED, LandedBatch.Extent.INCREMENT),
                run("r2", RunState.PUBLISHED, LandedBatch.Extent.INCREMENT),
                run("r3", RunState.FAILED, LandedBatch.Extent.INCREMENT));
        assertThat(RunAttempts.supersededBy(dataset(WriteMode.OVERWRITE), runs, 0)).map(RunRecord::runId).hasValue("r2");
        assertThat(RunAttempts.supersededBy(dataset(WriteMode.OVERWRITE), runs, 2)).isEmpty();
    }
}
