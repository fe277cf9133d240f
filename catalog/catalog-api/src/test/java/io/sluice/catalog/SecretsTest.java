package io.sluice.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void redactsPasswordsInUrlsAndParameters() {
        assertThat(Secrets.redact("jdbc:postgresql://bob:s3cr%40t@db:5432/x?ssl=true&password=p&user=bob"))
                .isEqualTo("jdbc:postgresql://bob:***@db:5432/x?ssl=true&password=***&user=bob");
        assertThat(Secrets.redact("https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&sig=AbC%2Bd"))
                .isEqualTo("https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&sig=***");
        assertThat(Secrets.redact("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=xyz==;Suffix=core"))
                .isEqualTo("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=***;Suffix=core");
        assertThat(Secrets.redact("jdbc:teradata://dw/USER=bob,PASSWORD=x,LOGMECH=TD2"))
                .isEqualTo("jdbc:teradata://dw/USER=bob,PASSWORD=***,LOGMECH=TD2");
        assertThat(Secrets.redact("db_password=x")).isEqualTo("db_password=***");
    }

    @Test
    void leavesLocationsWithoutCredentialsAlone() {
        for (String location : new String[] {
                "abfss://lake@account.dfs.core.windows.net/valid/dealer_dw/sales",
                "jdbc:postgresql://db:5432/sales?user=bob",
                "/lake/valid/dealer_dw/sales",
                "SALES.VEHICLE_SALES"}) {
            assertThat(Secrets.containsSecret(location)).as(location).isFalse();
            assertThat(Secrets.redact(location)).isEqualTo(location);
            Secrets.requireNoSecret("x", location);
        }
    }

    @Test
    void refusesParametersNamingTheParameter() {
        assertThatThrownBy(() -> Secrets.requireNoSecret("raw.feeds.hits location",
                "https://acct.blob.core.windows.net/c?sig=abc"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("raw.feeds.hits location: 'https://acct.blob.core.windows.net/c?sig=***' contains"
                        + " credentials (a 'sig=' parameter); the catalog never stores secrets: register it without"
                        + " credentials and pass them through ${env:…} or ${secret:…} instead");
    }
}
