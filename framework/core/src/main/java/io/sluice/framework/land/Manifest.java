package io.sluice.framework.land;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run landed for one dataset, written as {@code _manifest.json} in the run's raw folder once every
 * file is copied. A raw run folder without a manifest is an interrupted landing and is discarded.
 *
 * @param runId      the run that landed the files
 * @param source     source name
 * @param dataset    dataset name
 * @param runDate    the run date ({@code ingest_date} partition)
 * @param landedAt   when the landing finished; also the {@code _ingested_at} of the rows
 * @param files      the landed files with sizes, checksums and record counts
 * @param watermark  the high watermark an incremental extract covered; committed with the data it describes
 * @param status     {@link LandedBatch.Status#LANDED} (to publish) or {@link LandedBatch.Status#REJECTED} (a
 *                   delivery that failed its checks: kept as evidence, never published); absent in version 1
 * @param reason     why a delivery was rejected
 * @param attributes what the connector recorded with the batch (a feed's delivery name and version, …)
 * @param extent     a full extract ({@link LandedBatch.Extent#SNAPSHOT}) or only what is new; absent before
 *                   version 3, where every batch was published as an increment
 *
 * <p>Version 4 writes what a connector notes about a file in the file's {@code detail}; versions up to 3 wrote
 * the files connector's line marks in {@code marks}, read into {@code detail} by {@link LandedFiles}.
 */
public record Manifest(int version, String runId, String source, String dataset, LocalDate runDate,
                       Instant landedAt, List<LandedFile> files, Optional<String> watermark,
                       LandedBatch.Status status, Optional<String> reason, Map<String, String> attributes,
                       LandedBatch.Extent extent) {
    public static final int CURRENT_VERSION = 4;

    public Manifest {
        files = List.copyOf(files);
        watermark = watermark == null ? Optional.empty() : watermark;
        status = status == null ? LandedBatch.Status.LANDED : status;
        reason = reason == null ? Optional.empty() : reason;
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        extent = extent == null ? LandedBatch.Extent.INCREMENT : extent;
    }

    /** A manifest of an incremental batch. */
    public Manifest(int version, String runId, String source, String dataset, LocalDate runDate, Instant landedAt,
                    List<LandedFile> files, Optional<String> watermark, LandedBatch.Status status,
                    Optional<String> reason, Map<String, String> attributes) {
        this(version, runId, source, dataset, runDate, landedAt, files, watermark, status, reason, attributes,
                LandedBatch.Extent.INCREMENT);
    }

    /** A manifest of landed (publishable) files without attributes. */
    public Manifest(int version, String runId, String source, String dataset, LocalDate runDate, Instant landedAt,
                    List<LandedFile> files, Optional<String> watermark) {
        this(version, runId, source, dataset, runDate, landedAt, files, watermark, LandedBatch.Status.LANDED,
                Optional.empty(), Map.of());
    }

    public long records() {
        return files.stream().mapToLong(LandedFile::records).sum();
    }

    /** True for a delivery that failed its checks: sealed in raw, never published. */
    public boolean rejected() {
        return status == LandedBatch.Status.REJECTED;
    }

    /**
     * This run's manifest with its files counted again under the current descriptor: the counts, status and reason
     * of {@code counted}; the run id, dates, watermark and attributes stay the landing's.
     */
    public Manifest recounted(LandedBatch counted) {
        return new Manifest(CURRENT_VERSION, runId, source, dataset, runDate, landedAt, counted.files(), watermark,
                counted.status(), counted.reason(), attributes, extent);
    }

    /** The batch as the connector handed it over, for {@link io.sluice.connector.DatasetSource#afterCommit}. */
    public LandedBatch batch() {
        return new LandedBatch(files, watermark, status, reason, attributes, extent);
    }
}
