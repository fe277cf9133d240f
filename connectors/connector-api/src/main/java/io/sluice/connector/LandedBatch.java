package io.sluice.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run landed for one dataset.
 *
 * @param files      the landed files (for {@link Status#REJECTED}: the files kept in raw as evidence)
 * @param watermark  for incremental sources: the high watermark this batch covers; the framework commits it with
 *                   the batch (in the run's manifest) and hands it back as {@link LandingContext#watermark()} next time
 * @param status     whether the batch is to be validated and published
 * @param reason     why a batch is {@link Status#WAITING} or {@link Status#REJECTED}; one line, no secret
 * @param attributes what the connector wants recorded with the batch in the run's manifest and report, e.g. a
 *                   feed's {@code delivery} name and {@code version}; handed back as
 *                   {@link LandingContext#earlierBatches()} to later runs
 * @param extent     whether the batch holds only what is new ({@link Extent#INCREMENT}) or the whole current content
 *                   of the source ({@link Extent#SNAPSHOT}: a full extract), which replaces what earlier snapshots
 *                   published instead of being added to it
 */
public record LandedBatch(List<LandedFile> files, Optional<String> watermark, Status status, Optional<String> reason,
                          Map<String, String> attributes, Extent extent) {
    public LandedBatch {
        files = List.copyOf(files);
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        if (status != Status.LANDED && reason.isEmpty()) {
            throw new IllegalArgumentException("a " + status + " batch needs a reason");
        }
        extent = extent == null ? Extent.INCREMENT : extent;
    }

    /** A batch of what is new ({@link Extent#INCREMENT}). */
    public LandedBatch(List<LandedFile> files, Optional<String> watermark, Status status, Optional<String> reason,
                       Map<String, String> attributes) {
        this(files, watermark, status, reason, attributes, Extent.INCREMENT);
    }

    public LandedBatch(List<LandedFile> files, Optional<String> watermark) {
        this(files, watermark, Status.LANDED, Optional.empty(), Map.of());
    }

    public LandedBatch(List<LandedFile> files) {
        this(files, Optional.empty());
    }

    /** Nothing new. */
    public static LandedBatch empty() {
        return new LandedBatch(List.of());
    }

    /**
     * A full extract: the whole current content of the source, to publish in place of what earlier snapshots of
     * the dataset published (or merged on its key).
     */
    public static LandedBatch snapshot(List<LandedFile> files, Optional<String> watermark) {
        return new LandedBatch(files, watermark, Status.LANDED, Optional.empty(), Map.of(), Extent.SNAPSHOT);
    }

    /** Something is arriving but is not complete yet (no completion marker, quiet period not over): try later. */
    public static LandedBatch waiting(String reason) {
        return new LandedBatch(List.of(), Optional.empty(), Status.WAITING, Optional.of(reason), Map.of());
    }

    /**
     * A delivery that failed a declared check (counts, control totals, checksums, expected files): its files are
     * landed in raw and kept, nothing of it is published.
     */
    public static LandedBatch rejected(List<LandedFile> files, String reason, Map<String, String> attributes) {
        return new LandedBatch(files, Optional.empty(), Status.REJECTED, Optional.of(reason), attributes);
    }

    /** A complete batch to publish, with attributes to record (delivery name, version, …). */
    public static LandedBatch landed(List<LandedFile> files, Map<String, String> attributes) {
        return new LandedBatch(files, Optional.empty(), Status.LANDED, Optional.empty(), attributes);
    }

    /** True when nothing was landed and there is nothing to report: no files and not waiting. */
    public boolean isEmpty() {
        return files.isEmpty() && status == Status.LANDED;
    }

    public long records() {
        return files.stream().mapToLong(LandedFile::records).sum();
    }

    /** True for a full extract, whose rows replace those of earlier snapshots. */
    public boolean isSnapshot() {
        return extent == Extent.SNAPSHOT;
    }

    /** How much of the source a batch holds. */
    public enum Extent {
        /** Only what is new since the last landing (new files, rows above the watermark). */
        INCREMENT,
        /** The whole current content of the source table: a full extract. */
        SNAPSHOT
    }

    /** What the framework does with a batch. */
    public enum Status {
        /** Validate and publish the files. */
        LANDED,
        /** Incomplete delivery: nothing landed, not an error; the run reports it and exits with "waiting". */
        WAITING,
        /** Delivery failed its checks: files kept in raw with the reason, nothing published. */
        REJECTED
    }
}
