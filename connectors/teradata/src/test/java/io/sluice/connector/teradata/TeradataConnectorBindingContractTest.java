package io.sluice.connector.teradata;

import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.connector.jdbc.TestDescriptors;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.ConnectorBindingContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The teradata connector meets the binding part of the connector contract. No Teradata server runs here, so the
 * landing part is not run: the SQL it sends is checked as text by {@link TeradataSqlTest}, and the landing code it
 * shares with the jdbc connector runs the whole contract against PostgreSQL ({@code JdbcConnectorContractIT}).
 */
class TeradataConnectorBindingContractTest extends ConnectorBindingContract {
    private static final String PASSWORD = "td-s3cret-value";

    @Override
    protected Class<? extends SourceConnectorFactory> factoryClass() {
        return TeradataConnectorFactory.class;
    }

    @Override
    protected String type() {
        return "teradata";
    }

    @Override
    protected SourceConnector connector() {
        return new TeradataConnectorFactory().create(TestDescriptors.source("teradata", Map.of("host",
                "dw.example.com", "user", "loader", "password", "${secret:td}")),
                TestDescriptors.context(Map.of("SLUICE_SECRET_TD", PASSWORD)));
    }

    @Override
    protected DatasetSpec dataset() {
        return TestDescriptors.dataset("orders", Map.of("table", "SALES.ORDERS", "split",
                Map.of("hash", "ORDER_ID", "partitions", 4)), List.of());
    }

    @Override
    protected DatasetSpec brokenDataset() {
        return TestDescriptors.dataset("orders", Map.of("tabel", "SALES.ORDERS"), List.of());
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(PASSWORD);
    }
}
