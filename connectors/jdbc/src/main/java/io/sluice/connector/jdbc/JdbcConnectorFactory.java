package io.sluice.connector.jdbc;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.metadata.SourceSpec;

/** {@code connector: jdbc}: any database with a JDBC driver on the class path, read with ANSI SQL. */
public final class JdbcConnectorFactory implements SourceConnectorFactory {
    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public SourceConnector create(SourceSpec source, ConnectorContext context) {
        return new JdbcConnector(source, JdbcConnection.bind(source.connection()), SqlDialect.ansi(), context);
    }
}
