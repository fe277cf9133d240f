package io.sluice.connector;

import java.util.List;

/** What one run landed for one dataset. */
public record LandedBatch(List<LandedFile> files) {
    public LandedBatch {
        files = List.copyOf(files);
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
