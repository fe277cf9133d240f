package io.sluice.connector.files;

import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.ConnectorContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The files connector reading JSON lines meets the connector contract. */
class FilesJsonConnectorContractTest extends ConnectorContract {
    private int deliveries;

    @Override
    protected Class<? extends SourceConnectorFactory> factoryClass() {
        return FilesConnectorFactory.class;
    }

    @Override
    protected String type() {
        return FilesConnectorFactory.TYPE;
    }

    @Override
    protected SourceConnector connector() {
        return Fixtures.connector(landing());
    }

    @Override
    protected DatasetSpec dataset() {
        return Fixtures.dataset(Map.of("path", "events/*.jsonl"), "id", "kind");
    }

    @Override
    protected DatasetSpec brokenDataset() {
        // a delimiter applies to csv and tsv only
        return Fixtures.dataset(Map.of("path", "events/*.jsonl", "delimiter", ";"), "id", "kind");
    }

    @Override
    protected long deliver() {
        deliveries++;
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < deliveries + 1; i++) {
            lines.append("{\"id\":\"").append(deliveries).append('-').append(i).append("\",\"kind\":\"k\"}\n");
        }
        Fixtures.write(landing().resolve("events/batch" + deliveries + ".jsonl"), lines.toString());
        return deliveries + 1;
    }

    private Path landing() {
        return sourceFolder("landing");
    }
}
