package io.sluice.connector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Where and how a {@link DatasetSource} lands one dataset for one run.
 *
 * @param engine         the run's Spark session, for connectors that extract with Spark (a parallel JDBC read)
 * @param directory      the run's raw folder, {@code raw/<source>/<dataset>/ingest_date=…/run=<run_id>}, as a
 *                       Hadoop path URI; it exists and is empty
 * @param hadoopConf     configuration for the lake's file system (local, abfss)
 * @param alreadyLanded  true for the SHA-256 of a file an earlier run of this dataset has landed
 * @param watermark      for incremental sources: the high watermark the last landed run covered (its rows are
 *                       in the lake); empty on the first run or when {@code mode} is {@link ExtractMode#FULL}
 * @param mode           incremental (only what is new) or a full reload
 * @param earlierBatches every earlier landed or rejected batch of this dataset, oldest first
 */
public record LandingContext(SparkSession engine, String directory, Configuration hadoopConf,
                             Predicate<String> alreadyLanded, Optional<String> watermark, ExtractMode mode,
                             List<EarlierBatch> earlierBatches) {
    public LandingContext {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(hadoopConf, "hadoopConf");
        Objects.requireNonNull(alreadyLanded, "alreadyLanded");
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(mode, "mode");
        earlierBatches = List.copyOf(earlierBatches);
    }

    /** An incremental landing with no watermark and no earlier batch (file sources, tests). */
    public LandingContext(SparkSession engine, String directory, Configuration hadoopConf,
                          Predicate<String> alreadyLanded) {
        this(engine, directory, hadoopConf, alreadyLanded, Optional.empty(), ExtractMode.INCREMENTAL, List.of());
    }

    /** This landing with other checksums reported as already landed. */
    public LandingContext withAlreadyLanded(Predicate<String> landed) {
        return new LandingContext(engine, directory, hadoopConf, landed, watermark, mode, earlierBatches);
    }
}
