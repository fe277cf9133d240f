package io.sluice.connector.files;

import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.ConnectorContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The files connector reading CSV files with a header meets the connector contract. */
class FilesCsvConnectorContractTest extends ConnectorContract {
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
        return Fixtures.dataset(Map.of("path", "inventory/*.csv"), "sku", "qty");
    }

    @Override
    protected DatasetSpec brokenDataset() {
        return Fixtures.dataset(Map.of("path", "inventory/*.csv", "delimeter", ";"), "sku", "qty");
    }

    @Override
    protected long deliver() {
        deliveries++;
        StringBuilder csv = new StringBuilder("sku,qty\n");
        for (int i = 0; i < deliveries + 2; i++) {
            csv.append("d").append(deliveries).append("-").append(i).append(',').append(i).append('\n');
        }
        Fixtures.write(landing().resolve("inventory/day" + deliveries + ".csv"), csv.toString());
        return deliveries + 2;
    }

    private Path landing() {
        return sourceFolder("landing");
    }
}
