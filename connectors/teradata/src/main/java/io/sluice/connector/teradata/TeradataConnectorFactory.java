package io.sluice.connector.teradata;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.connector.jdbc.JdbcConnector;
import io.sluice.metadata.SourceSpec;

/** {@code connector: teradata}: a Teradata warehouse, with typed session options, hash splits and access locks. */
public final class TeradataConnectorFactory implements SourceConnectorFactory {
    @Override
    public String type() {
        return "teradata";
    }

    @Override
    public SourceConnector create(SourceSpec source, ConnectorContext context) {
        return new JdbcConnector(source, TeradataConnection.bind(source.connection()).jdbc(), new TeradataSql(),
                context);
    }
}
