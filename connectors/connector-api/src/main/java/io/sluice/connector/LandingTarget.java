package io.sluice.connector;

import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;

/**
 * Where and how a connector lands one dataset for one run.
 *
 * @param directory      the run's raw folder, {@code raw/<source>/<dataset>/ingest_date=…/run=<run_id>}, as a
 *                       Hadoop path URI; it exists and is empty
 * @param hadoopConf     configuration for the lake's file system (local, abfss)
 * @param alreadyLanded  true for the SHA-256 of a file an earlier run of this dataset has landed
 */
public record LandingTarget(String directory, Configuration hadoopConf, Predicate<String> alreadyLanded) {
}
