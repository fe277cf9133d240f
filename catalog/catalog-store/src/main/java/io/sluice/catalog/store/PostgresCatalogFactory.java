package io.sluice.catalog.store;

import io.sluice.catalog.Catalog;
import io.sluice.catalog.CatalogFactory;
import java.time.Clock;

/**
 * The shared catalog: {@code jdbc:postgresql://host:port/database}. The schema is created in the connection's
 * default schema on first use; the user needs the right to create tables there once.
 */
public final class PostgresCatalogFactory implements CatalogFactory {
    @Override
    public String scheme() {
        return "postgresql";
    }

    @Override
    public Catalog open(String jdbcUrl) {
        return JdbcCatalog.open(new PostgresDialect(), jdbcUrl, Clock.systemUTC());
    }
}
