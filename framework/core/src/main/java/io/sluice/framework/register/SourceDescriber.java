package io.sluice.framework.register;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.Connectors;
import io.sluice.connector.SourceDescription;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.SourceSpec;

/**
 * Where a dataset's source keeps it, for the catalog: asked of the dataset's connector, which alone knows its
 * {@code extract} keys.
 */
@FunctionalInterface
public interface SourceDescriber {
    /** The description of {@code dataset}, a dataset of {@code source}. */
    SourceDescription describe(SourceSpec source, DatasetSpec dataset);

    /** Binds the dataset with its connector among {@code connectors} and asks the bound dataset. */
    static SourceDescriber of(Connectors connectors, ConnectorContext context) {
        return (source, dataset) -> connectors.factory(source.connector()).create(source, context).bind(dataset)
                .describe();
    }
}
