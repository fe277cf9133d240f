package io.sluice.connector;

import io.sluice.metadata.DatasetSpec;

/**
 * One source, its {@code connection} block bound by {@link SourceConnectorFactory#create}. Binds each of the
 * source's datasets into a {@link DatasetSource}, the handle the framework lands, reads and describes the dataset
 * through for the length of a run.
 */
public interface SourceConnector {

    /**
     * Binds the dataset's {@code extract} block, once, into the connector's typed settings, without touching the
     * source.
     *
     * @throws io.sluice.metadata.DescriptorException naming the descriptor file and line of every wrong setting
     */
    DatasetSource bind(DatasetSpec dataset);

    /**
     * Checks the dataset's {@code extract} block without touching the source, for {@code sluice validate}: binds it
     * and discards the handle.
     *
     * @throws io.sluice.metadata.DescriptorException as {@link #bind} does
     */
    default void check(DatasetSpec dataset) {
        bind(dataset);
    }
}
