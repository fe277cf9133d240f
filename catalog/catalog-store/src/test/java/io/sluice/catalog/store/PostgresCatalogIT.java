package io.sluice.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.catalog.Catalog;
import io.sluice.catalog.CatalogContract;
import io.sluice.catalog.Catalogs;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract against a real PostgreSQL server (see {@link PostgresServer}). */
@ExtendWith(PostgresServer.Extension.class)
class PostgresCatalogIT extends CatalogContract {
    private String url;

    @BeforeEach
    void newDatabase(PostgresServer server) {
        url = server.newDatabaseUrl();
    }

    @Override
    protected String catalogUrl() {
        return url;
    }

    @Test
    void usesAWeightedTsvectorWithAGinIndex() throws Exception {
        catalog().register(sales());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'asset_search'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).contains("USING gin (search)");
        }
    }

    @Test
    void concurrentFirstOpensMigrateOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Boolean> open = () -> {
                    try (Catalog catalog = Catalogs.open(url)) {
                        return catalog.find(SALES).isEmpty();
                    }
                };
                opened.add(pool.submit(open));
            }
            for (Future<Boolean> future : opened) {
                assertThat(future.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM catalog_schema_version")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(Migrations.latestVersion());
        }
    }
}
