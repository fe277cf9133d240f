package io.sluice.connector;

import org.apache.hadoop.conf.Configuration;

/**
 * A {@link DatasetSource} whose landed files' record counts (and readability) depend on the dataset's
 * {@code extract} settings, e.g. the encoding or the quoting of text files. Before a failed or refused run is
 * retried with the current descriptor, the framework has the source count its raw files again, so that the
 * check {@code raw = valid + error} holds against the descriptor the run is published with.
 */
public interface SupportsRecount {

    /**
     * The files of {@code landed}, already in the raw zone, counted again under the current descriptor.
     *
     * @return a {@link LandedBatch.Status#LANDED} batch with the new counts (same paths, sizes and checksums), or
     *         a {@link LandedBatch.Status#REJECTED} one with the reason when a file cannot be read as declared
     */
    LandedBatch recount(LandedBatch landed, Configuration hadoopConf);
}
