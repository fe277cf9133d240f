package io.sluice.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.Connectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcConnectorFactoryTest {
    @Test
    void isFoundByServiceLoaderUnderItsShortName() {
        Connectors connectors = Connectors.discover(getClass().getClassLoader());
        assertThat(connectors.factory("jdbc")).isInstanceOf(JdbcConnectorFactory.class);
        assertThat(connectors.factory("jdbc").create(TestDescriptors.source("jdbc", Map.of("url",
                "jdbc:postgresql://db/shop", "user", "app", "password", "${secret:db}")), TestDescriptors.context(
                Map.of()))).isInstanceOf(JdbcConnector.class);
    }
}
