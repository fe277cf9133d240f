package io.sluice.connector.teradata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.jdbc.TestDescriptors;
import io.sluice.metadata.DescriptorException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeradataConnectionTest {
    private static TeradataConnection bind(Map<String, Object> connection) {
        return TeradataConnection.bind(TestDescriptors.source("teradata", connection).connection());
    }

    @Test
    void buildsTheUrlParametersFromTypedFields() {
        TeradataConnection c = bind(Map.of("host", "${env:DW_HOST}", "user", "etl", "password", "${secret:dw}",
                "database", "SALES", "port", 1026, "tmode", "ansi", "fastexport", true, "logmech", "LDAP",
                "encrypt_data", true));
        assertThat(c.jdbc().url()).isEqualTo("jdbc:teradata://${env:DW_HOST}/DATABASE=SALES,DBS_PORT=1026,"
                + "CHARSET=UTF8,TMODE=ANSI,TYPE=FASTEXPORT,LOGMECH=LDAP,ENCRYPTDATA=ON");
        assertThat(c.jdbc().driver()).contains("com.teradata.jdbc.TeraDriver");
        assertThat(c.jdbc().fetchSize()).isEqualTo(10_000);
    }

    @Test
    void defaultsToUtf8AndTheSystemTransactionMode() {
        TeradataConnection c = bind(Map.of("host", "dw.example.com", "user", "etl", "password", "${env:DW_PW}"));
        assertThat(c.jdbc().url()).isEqualTo("jdbc:teradata://dw.example.com/CHARSET=UTF8,TMODE=DEFAULT");
        assertThat(c.logmech()).isEqualTo(Optional.empty());
    }

    @Test
    void rejectsFreeTextWhereATypedFieldBelongs() {
        assertThatThrownBy(() -> bind(Map.of("host", "dw", "user", "etl", "password", "${env:P}", "tmode", "ORACLE")))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("descriptors/shop.yaml:4: /connection/tmode: unknown tmode 'ORACLE' (expected one of:"
                        + " ANSI, DEFAULT, TERA)");
        assertThatThrownBy(() -> bind(Map.of("host", "dw/TMODE=TERA", "user", "etl", "password", "${env:P}")))
                .hasMessage("descriptors/shop.yaml:5: /connection/host: 'dw/TMODE=TERA' is not a host name (write"
                        + " e.g. dw.example.com or \"${env:DW_HOST}\"; connection parameters are fields of their own)");
        assertThatThrownBy(() -> bind(Map.of("host", "dw", "user", "etl", "password", "${env:P}", "url", "x")))
                .hasMessage("descriptors/shop.yaml:5: /connection/url: unknown field 'url' (expected one of: charset,"
                        + " database, driver, encrypt_data, fastexport, fetch_size, host, logmech, password, port,"
                        + " tmode, user)");
    }
}
