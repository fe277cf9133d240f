package io.sluice.framework.land;

import io.sluice.connector.LandedFile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What one run landed for one dataset, written as {@code _manifest.json} in the run's raw folder once every
 * file is copied. A raw run folder without a manifest is an interrupted landing and is discarded.
 *
 * @param runId     the run that landed the files
 * @param source    source name
 * @param dataset   dataset name
 * @param runDate   the run date ({@code ingest_date} partition)
 * @param landedAt  when the landing finished; also the {@code _ingested_at} of the rows
 * @param files     the landed files with sizes, checksums and record counts
 * @param watermark the high watermark an incremental extract covered; committed with the data it describes
 */
public record Manifest(int version, String runId, String source, String dataset, LocalDate runDate,
                       Instant landedAt, List<LandedFile> files, Optional<String> watermark) {
    public static final int CURRENT_VERSION = 1;

    public Manifest {
        files = List.copyOf(files);
        watermark = watermark == null ? Optional.empty() : watermark;
    }

    public long records() {
        return files.stream().mapToLong(LandedFile::records).sum();
    }
}
