package io.sluice.connector;

import io.sluice.metadata.SourceSpec;

/**
 * Entry point of a source connector, found with {@link java.util.ServiceLoader} by its {@link #type()}: the
 * value of a source descriptor's {@code connector:} field.
 */
public interface SourceConnectorFactory {
    /** Short name used in descriptors, e.g. {@code files}. Unique among the factories on the class path. */
    String type();

    /**
     * Binds the source's {@code connection} block into the connector's typed settings. Fails with a
     * {@link io.sluice.metadata.DescriptorException} pointing at the descriptor line when a setting is wrong.
     */
    SourceConnector create(SourceSpec source, ConnectorContext context);
}
