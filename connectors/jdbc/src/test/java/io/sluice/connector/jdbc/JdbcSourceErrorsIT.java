package io.sluice.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.SourceConnector;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Failures a user must act on: one line each, naming the source descriptor, never the password. */
@ExtendWith(PostgresExtension.class)
class JdbcSourceErrorsIT {
    private static final String WRONG = "Wr0ng-Passw0rd-9f2c";

    private static SluiceException landFailing(SourceConnector connector, String table, Path raw) {
        try {
            Landings.land(connector, Landings.dataset(Map.of("table", table)), raw.resolve("run"));
        } catch (SluiceException e) {
            return e;
        }
        throw new AssertionError("the landing did not fail");
    }

    private static void assertOneLineWithoutSecret(SluiceException e, String password) {
        assertThat(e.category()).isEqualTo(ErrorCategory.SOURCE);
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(password);
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(password);
    }

    @Test
    void aWrongPassword(PostgresServer pg, @TempDir Path raw) {
        SluiceException e = landFailing(Landings.connector(pg.url(), pg.user(), WRONG), "big", raw);
        assertThat(e.code()).isEqualTo("SOURCE_AUTH");
        assertThat(e).hasMessage("descriptors/shop.yaml: source 'shop' refused the login of user 'postgres' at "
                + pg.url() + " (SQLState 28P01); check connection.user and the password ${secret:pg} refers to");
        assertOneLineWithoutSecret(e, WRONG);
        assertThat(Landings.filesBelow(raw)).isEmpty();
    }

    @Test
    void anUnreachableServer(PostgresServer pg, @TempDir Path raw) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/postgres?connectTimeout=5";
        SluiceException e = landFailing(Landings.connector(url, pg.user(), pg.password()), "big", raw);
        assertThat(e.code()).isEqualTo("SOURCE_UNREACHABLE");
        assertThat(e).hasMessage("descriptors/shop.yaml: source 'shop' is unreachable at jdbc:postgresql://127.0.0.1:"
                + closed + "/postgres (SQLState 08001); check the host and port in its connection settings and that"
                + " the database accepts connections from this machine");
        assertOneLineWithoutSecret(e, pg.password());
    }

    @Test
    void aMissingTable(PostgresServer pg, @TempDir Path raw) {
        assertThatThrownBy(() -> Landings.land(Landings.connector(pg), Landings.dataset(Map.of("table",
                "public.nope")), raw.resolve("run")))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("SOURCE_TABLE_MISSING");
                    assertOneLineWithoutSecret(e, pg.password());
                })
                .hasMessage("descriptors/shop.yaml: source 'shop': table public.nope of dataset 'orders' does not"
                        + " exist or is not visible to user 'postgres' (SQLState 42P01); check extract.table in"
                        + " descriptors/shop/orders.yaml and the user's grants");
    }

    /**
     * A misspelt watermark column is a descriptor to fix: exit 2, not worth a retry (it was SOURCE_QUERY_FAILED,
     * exit 3, before). A misspelt range split column is refused before any query, as DESCRIPTOR_INVALID.
     */
    @Test
    void anUnknownIncrementalColumnIsADescriptorProblem(PostgresServer pg, @TempDir Path raw) {
        pg.execute("DROP TABLE IF EXISTS columns_t; CREATE TABLE columns_t (id int, note text);"
                + " INSERT INTO columns_t VALUES (1, 'a')");
        assertThatThrownBy(() -> Landings.land(Landings.connector(pg), Landings.dataset(Map.of("table", "columns_t",
                "incremental", Map.of("column", "idd", "type", "number"))), raw.resolve("run")))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("SOURCE_COLUMN_UNKNOWN");
                    assertThat(e.category()).isEqualTo(ErrorCategory.DESCRIPTOR);
                    assertThat(e.category().exitCode()).isEqualTo(2);
                    assertThat(e.category().retryable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(pg.password());
                })
                .hasMessageStartingWith("descriptors/shop.yaml: source 'shop': a column the extract of dataset"
                        + " 'orders' names does not exist in table columns_t (SQLState 42703): ")
                .hasMessageContaining("idd")
                .hasMessageEndingWith("; correct the column in extract.split, extract.incremental or extract.query in"
                        + " descriptors/shop/orders.yaml");
        assertThat(Landings.filesBelow(raw)).isEmpty();
    }

    @Test
    void anUnknownColumnInAQueryIsADescriptorProblem(PostgresServer pg, @TempDir Path raw) {
        pg.execute("DROP TABLE IF EXISTS columns_q; CREATE TABLE columns_q (id int)");
        assertThatThrownBy(() -> Landings.land(Landings.connector(pg), Landings.dataset(Map.of("query",
                "SELECT id, nope FROM columns_q")), raw.resolve("run")))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("SOURCE_COLUMN_UNKNOWN");
                    assertThat(e.category()).isEqualTo(ErrorCategory.DESCRIPTOR);
                });
    }
}
