package io.sluice.framework.land;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandingTarget;
import io.sluice.connector.SourceConnector;
import io.sluice.metadata.DatasetSpec;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lands what is new of one dataset into a fresh raw run folder and seals it with its manifest. */
public final class Lander {
    private static final Logger LOG = LoggerFactory.getLogger(Lander.class);

    private final Clock clock;

    public Lander(Clock clock) {
        this.clock = clock;
    }

    /**
     * Lands new files of {@code dataset}. Returns the sealed manifest, or empty when the source delivered
     * nothing that an earlier run has not landed already (the run folder is then removed again).
     */
    public Optional<Manifest> land(SourceConnector connector, DatasetSpec dataset, RawZone raw,
                                   Configuration hadoopConf, LocalDate runDate, String runId) {
        return land(connector, dataset, raw, hadoopConf, runDate, runId, LandingTarget.ExtractMode.INCREMENTAL);
    }

    /** As {@link #land(SourceConnector, DatasetSpec, RawZone, Configuration, LocalDate, String)}, choosing a full reload or not. */
    public Optional<Manifest> land(SourceConnector connector, DatasetSpec dataset, RawZone raw,
                                   Configuration hadoopConf, LocalDate runDate, String runId,
                                   LandingTarget.ExtractMode mode) {
        raw.discardInterruptedLandings();
        Set<String> ledger = raw.landedChecksums();
        String folder = raw.createRunFolder(runDate, runId);
        Optional<String> watermark = mode == LandingTarget.ExtractMode.FULL ? Optional.empty() : raw.lastWatermark();
        LandedBatch batch = connector.land(dataset, new LandingTarget(folder, hadoopConf, ledger::contains, watermark, mode));
        if (batch.isEmpty()) {
            LOG.info("{}: nothing new to land", dataset.qualifiedName());
            raw.deleteRunFolder(folder);
            return Optional.empty();
        }
        Manifest manifest = new Manifest(Manifest.CURRENT_VERSION, runId, dataset.source(), dataset.name(), runDate,
                clock.instant(), batch.files(), batch.watermark());
        raw.writeManifest(folder, manifest);
        LOG.info("{}: landed {} file(s), {} record(s) into {}", dataset.qualifiedName(), batch.files().size(),
                manifest.records(), folder);
        return Optional.of(manifest);
    }
}
