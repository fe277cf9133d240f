package io.sluice.connector.teradata;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.Connectors;
import io.sluice.connector.jdbc.JdbcConnector;
import io.sluice.connector.jdbc.JdbcConnectorFactory;
import io.sluice.connector.jdbc.TestDescriptors;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeradataConnectorFactoryTest {
    @Test
    void bothFactoriesAreFoundByServiceLoader() {
        Connectors connectors = Connectors.discover(getClass().getClassLoader());
        assertThat(connectors.types()).contains("jdbc", "teradata");
        assertThat(connectors.factory("jdbc")).isInstanceOf(JdbcConnectorFactory.class);
        assertThat(connectors.factory("teradata")).isInstanceOf(TeradataConnectorFactory.class);
        assertThat(connectors.factory("teradata").create(TestDescriptors.source("teradata", Map.of("host", "dw",
                "user", "etl", "password", "${secret:dw}")), TestDescriptors.context(Map.of())))
                .isInstanceOf(JdbcConnector.class);
    }
}
