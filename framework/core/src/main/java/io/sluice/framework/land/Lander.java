package io.sluice.framework.land;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.DatasetSource;
import io.sluice.connector.ExtractMode;
import io.sluice.connector.LandingContext;
import io.sluice.metadata.DatasetSpec;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lands what is new of one dataset into a fresh raw run folder and seals it with its manifest. */
public final class Lander {
    private static final Logger LOG = LoggerFactory.getLogger(Lander.class);

    private final SparkSession spark;
    private final Clock clock;

    /** @param spark the engine handed to connectors that extract with Spark */
    public Lander(SparkSession spark, Clock clock) {
        this.spark = spark;
        this.clock = clock;
    }

    /**
     * Lands new files of {@code dataset}. Returns the sealed manifest, or empty when the source delivered
     * nothing that an earlier run has not landed already (the run folder is then removed again).
     */
    public Optional<Manifest> land(DatasetSource connector, DatasetSpec dataset, RawZone raw,
                                   Configuration hadoopConf, LocalDate runDate, String runId) {
        return land(connector, dataset, raw, hadoopConf, runDate, runId, ExtractMode.INCREMENTAL);
    }

    /** As {@link #land(DatasetSource, DatasetSpec, RawZone, Configuration, LocalDate, String)}, choosing a full reload or not. */
    public Optional<Manifest> land(DatasetSource connector, DatasetSpec dataset, RawZone raw,
                                   Configuration hadoopConf, LocalDate runDate, String runId,
                                   ExtractMode mode) {
        return landBatch(connector, dataset, raw, hadoopConf, runDate, runId, mode).manifest();
    }

    /**
     * Lands new files of {@code dataset}: a sealed manifest of files to publish, a sealed manifest of a rejected
     * delivery (kept, never published), nothing new, or a delivery still waiting for its completion signal.
     */
    public Landing landBatch(DatasetSource connector, DatasetSpec dataset, RawZone raw, Configuration hadoopConf,
                             LocalDate runDate, String runId, ExtractMode mode) {
        raw.discardInterruptedLandings();
        Set<String> ledger = raw.landedChecksums();
        String folder = raw.createRunFolder(runDate, runId);
        Optional<String> watermark = mode == ExtractMode.FULL ? Optional.empty() : raw.lastWatermark();
        LandedBatch batch = connector.land(new LandingContext(spark, folder, hadoopConf, ledger::contains, watermark,
                mode, raw.earlierBatches()));
        io.sluice.framework.fault.FaultPoints.reached("land.after-copy");
        if (batch.status() == LandedBatch.Status.WAITING) {
            LOG.info("{}: {}", dataset.qualifiedName(), batch.reason().orElseThrow());
            raw.deleteRunFolder(folder);
            return new Landing(Optional.empty(), batch.reason());
        }
        if (batch.isEmpty()) {
            LOG.info("{}: nothing new to land", dataset.qualifiedName());
            raw.deleteRunFolder(folder);
            return new Landing(Optional.empty(), Optional.empty());
        }
        Manifest manifest = new Manifest(Manifest.CURRENT_VERSION, runId, dataset.source(), dataset.name(), runDate,
                clock.instant(), batch.files(), batch.watermark(), batch.status(), batch.reason(), batch.attributes(),
                batch.extent());
        io.sluice.framework.fault.FaultPoints.reached("land.before-manifest");
        raw.writeManifest(folder, manifest);
        io.sluice.framework.fault.FaultPoints.reached("land.after-manifest");
        if (manifest.rejected()) {
            LOG.warn("{}: delivery rejected, kept in {}: {}", dataset.qualifiedName(), folder, batch.reason().orElseThrow());
        } else {
            LOG.info("{}: landed {} file(s), {} record(s) into {}", dataset.qualifiedName(), batch.files().size(),
                    manifest.records(), folder);
        }
        return new Landing(Optional.of(manifest), Optional.empty());
    }

    /**
     * What a landing produced.
     *
     * @param manifest the sealed manifest (landed or rejected), empty when nothing new or waiting
     * @param waiting  why a delivery is not complete yet
     */
    public record Landing(Optional<Manifest> manifest, Optional<String> waiting) {
    }
}
