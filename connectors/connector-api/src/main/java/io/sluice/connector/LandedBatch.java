package io.sluice.connector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run landed for one dataset.
 *
 * @param files     the landed files
 * @param watermark for incremental sources: the high watermark this batch covers; the framework commits it with
 *                  the batch (in the run's manifest) and hands it back as {@link LandingTarget#watermark()} next time
 */
public record LandedBatch(List<LandedFile> files, Optional<String> watermark) {
    public LandedBatch {
        files = List.copyOf(files);
        Objects.requireNonNull(watermark, "watermark");
    }

    public LandedBatch(List<LandedFile> files) {
        this(files, Optional.empty());
    }

    public static LandedBatch empty() {
        return new LandedBatch(List.of());
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    public long records() {
        return files.stream().mapToLong(LandedFile::records).sum();
    }
}
