package io.sluice.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcConnectionTest {
    private static JdbcConnection bind(Map<String, Object> connection) {
        return JdbcConnection.bind(TestDescriptors.source("jdbc", connection).connection());
    }

    @Test
    void keepsReferencesUnresolvedUntilConnectTime() {
        JdbcConnection c = bind(Map.of("url", "${env:DB_URL}", "user", "app", "password", "${secret:db}"));
        assertThat(c).isEqualTo(new JdbcConnection("${env:DB_URL}", "app", "${secret:db}", Optional.empty(), 10_000));
        JdbcConnection.Resolved r = c.resolve(TestDescriptors.context(Map.of(
                "DB_URL", "jdbc:postgresql://db:5432/shop?ssl=true", "SLUICE_SECRET_DB", "s3cret")).resolver(io.sluice.metadata.Origin.unknown("s.yaml"), "/connection"));
        assertThat(r.password()).isEqualTo("s3cret");
        assertThat(r.toString()).isEqualTo("Resolved[url=jdbc:postgresql://db:5432/shop, user=app, password=***]");
    }

    @Test
    void aLiteralPasswordIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> bind(Map.of("url", "jdbc:postgresql://db/shop", "user", "app",
                "password", "hunter2")))
                .hasMessage("descriptors/shop.yaml:7: /connection/password: a password must come from the"
                        + " environment or a secret store (write \"${secret:name}\" or \"${env:NAME}\"); remove it"
                        + " from the descriptor and rotate it")
                .message().doesNotContain("hunter2");
    }

    @Test
    void rejectsUnknownKeysAndBadValues() {
        assertThatThrownBy(() -> bind(Map.of("url", "jdbc:x:y", "user", "u", "password", "${env:P}", "fetchsize", 5)))
                .hasMessage("descriptors/shop.yaml:4: /connection/fetchsize: unknown field 'fetchsize' (expected one"
                        + " of: driver, fetch_size, password, url, user)");
        assertThatThrownBy(() -> bind(Map.of("url", "postgresql://db", "user", "u", "password", "${env:P}")))
                .hasMessage("descriptors/shop.yaml:5: /connection/url: 'postgresql://db' is not a JDBC URL (write"
                        + " e.g. jdbc:postgresql://host:5432/db or \"${env:DB_URL}\")");
    }

    @Test
    void urlsAreShownWithoutParametersOrCredentials() {
        assertThat(Redaction.url("jdbc:postgresql://u:pw@db:5432/shop?password=pw", "pw"))
                .isEqualTo("jdbc:postgresql://db:5432/shop");
        assertThat(Redaction.url("jdbc:sqlserver://db:1433;password=pw;databaseName=x", "pw"))
                .isEqualTo("jdbc:sqlserver://db:1433");
        assertThat(Redaction.url("jdbc:teradata://dw/DATABASE=S,CHARSET=UTF8", "pw")).isEqualTo("jdbc:teradata://dw");
        assertThat(Redaction.text("login failed for pw\nretry", "pw")).isEqualTo("login failed for *** retry");
    }
}
