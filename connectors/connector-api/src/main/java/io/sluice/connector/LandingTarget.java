package io.sluice.connector;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;

/**
 * Where and how a connector lands one dataset for one run.
 *
 * @param directory      the run's raw folder, {@code raw/<source>/<dataset>/ingest_date=…/run=<run_id>}, as a
 *                       Hadoop path URI; it exists and is empty
 * @param hadoopConf     configuration for the lake's file system (local, abfss)
 * @param alreadyLanded  true for the SHA-256 of a file an earlier run of this dataset has landed
 * @param watermark      for incremental sources: the high watermark the last landed run covered (its rows are
 *                       in the lake); empty on the first run or when {@code mode} is {@link ExtractMode#FULL}
 * @param mode           incremental (only what is new) or a full reload
 * @param earlierBatches the {@link LandedBatch#attributes()} of every earlier landed or rejected batch of this
 *                       dataset, oldest first, each with {@code _status} (LANDED or REJECTED) and {@code _run_id}
 *                       added; lets a feed number re-deliveries
 */
public record LandingTarget(String directory, Configuration hadoopConf, Predicate<String> alreadyLanded,
                            Optional<String> watermark, ExtractMode mode, List<Map<String, String>> earlierBatches) {
    public LandingTarget {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(hadoopConf, "hadoopConf");
        Objects.requireNonNull(alreadyLanded, "alreadyLanded");
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(mode, "mode");
        earlierBatches = List.copyOf(earlierBatches);
    }

    public LandingTarget(String directory, Configuration hadoopConf, Predicate<String> alreadyLanded,
                         Optional<String> watermark, ExtractMode mode) {
        this(directory, hadoopConf, alreadyLanded, watermark, mode, List.of());
    }

    /** An incremental landing with no watermark (file sources). */
    public LandingTarget(String directory, Configuration hadoopConf, Predicate<String> alreadyLanded) {
        this(directory, hadoopConf, alreadyLanded, Optional.empty(), ExtractMode.INCREMENTAL);
    }

    /** Whether a run extracts only what is new or everything again. */
    public enum ExtractMode { INCREMENTAL, FULL }
}
