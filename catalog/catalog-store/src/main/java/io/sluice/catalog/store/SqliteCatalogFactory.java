package io.sluice.catalog.store;

import io.sluice.catalog.Catalog;
import io.sluice.catalog.CatalogFactory;
import java.time.Clock;

/**
 * The embedded catalog: {@code jdbc:sqlite:<file>}, safe for several processes at once (WAL, busy timeout,
 * {@code BEGIN IMMEDIATE}, transactions retried on SQLITE_BUSY). The file and its folder are created on first use.
 */
public final class SqliteCatalogFactory implements CatalogFactory {
    @Override
    public String scheme() {
        return "sqlite";
    }

    @Override
    public Catalog open(String jdbcUrl) {
        return JdbcCatalog.open(new SqliteDialect(), jdbcUrl, Clock.systemUTC());
    }
}
