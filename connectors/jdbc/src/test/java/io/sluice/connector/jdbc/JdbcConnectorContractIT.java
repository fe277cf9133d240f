package io.sluice.connector.jdbc;

import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.ConnectorContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The jdbc connector meets the connector contract against a real PostgreSQL: an incremental table (a watermark
 * column), each delivery inserting rows above the last watermark.
 */
@ExtendWith(PostgresExtension.class)
class JdbcConnectorContractIT extends ConnectorContract {
    private static final AtomicInteger TABLES = new AtomicInteger();

    private PostgresServer pg;
    private String table;
    private int nextId = 1;

    @BeforeEach
    void createTable(PostgresServer server) {
        pg = server;
        table = "contract_" + TABLES.incrementAndGet();
        pg.execute("DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " (id int, note text)");
    }

    @Override
    protected Class<? extends SourceConnectorFactory> factoryClass() {
        return JdbcConnectorFactory.class;
    }

    @Override
    protected String type() {
        return "jdbc";
    }

    @Override
    protected SourceConnector connector() {
        return Landings.connector(pg);
    }

    @Override
    protected DatasetSpec dataset() {
        return Landings.dataset(Map.of("table", table, "incremental", Map.of("column", "id", "type", "number")),
                columns());
    }

    @Override
    protected DatasetSpec brokenDataset() {
        return Landings.dataset(Map.of("table", table, "incremental", Map.of("colunm", "id")), columns());
    }

    @Override
    protected long deliver() {
        int records = 3;
        pg.execute("INSERT INTO " + table + " SELECT i, 'n' || i FROM generate_series(" + nextId + ", "
                + (nextId + records - 1) + ") AS i");
        nextId += records;
        return records;
    }

    /** The password the source's {@code ${secret:pg}} reference resolves to. */
    @Override
    protected Optional<String> secret() {
        return Optional.of(pg.password());
    }

    private static List<ColumnSpec> columns() {
        return List.of(ColumnSpec.of("id", ColumnType.of(ColumnType.Kind.INT), true),
                ColumnSpec.of("note", ColumnType.of(ColumnType.Kind.STRING), true));
    }
}
