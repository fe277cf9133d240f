package io.sluice.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.catalog.Catalog;
import io.sluice.catalog.CatalogContract;
import io.sluice.catalog.CatalogException;
import io.sluice.catalog.Catalogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCatalogTest extends CatalogContract {
    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void newFile() {
        url = Catalogs.embeddedUrl(dir.resolve("lake"));
    }

    @Override
    protected String catalogUrl() {
        return url;
    }

    @Test
    void createsTheFileInWalModeWithFts5() throws Exception {
        catalog().register(sales());

        assertThat(dir.resolve("lake/_catalog/catalog.db")).isRegularFile();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThat(single(s, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(single(s, "SELECT sqlite_compileoption_used('ENABLE_FTS5')")).isEqualTo("1");
            assertThat(single(s, "SELECT group_concat(version) FROM catalog_schema_version")).isEqualTo("1,2,3,4,5");
        }
    }

    @Test
    void storesNoPasswordAnywhereInTheFile() throws Exception {
        secretsNeverReachTheStore();
        catalog().close();

        StringBuilder everything = new StringBuilder();
        try (var files = Files.list(dir.resolve("lake/_catalog"))) {
            for (Path file : files.toList()) {
                everything.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(everything.toString()).doesNotContain("hunter2").contains("PASSWORD=***");
    }

    @Test
    void reopeningDoesNotMigrateAgainAndANewerSchemaIsRefused() throws Exception {
        catalog().register(sales());
        try (Catalog again = Catalogs.open(url)) {
            assertThat(again.find(SALES)).isPresent();
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO catalog_schema_version VALUES (99, 'V99__future.sql', 'x', 0)");
        }
        String redacted = url;
        assertThatThrownBy(() -> Catalogs.open(url))
                .isInstanceOf(CatalogException.class)
                .hasMessage("catalog " + redacted + " has schema version 99 but this Sluice knows versions up to 5;"
                        + " upgrade Sluice to use this catalog");
    }

    @Test
    void anEditedMigrationIsRefused() throws Exception {
        catalog().register(sales());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("UPDATE catalog_schema_version SET checksum = 'edited' WHERE version = 1");
        }
        assertThatThrownBy(() -> Catalogs.open(url))
                .isInstanceOf(CatalogException.class)
                .hasMessage("catalog " + url + ": migration 1 (V1__catalog.sql) differs from the one applied to this"
                        + " database; applied migrations must never be edited, add a new version instead");
    }

    @Test
    void aVersion1CatalogIsMigratedToTheLatestVersionKeepingItsData() throws Exception {
        String v1 = new String(Migrations.class.getResourceAsStream("sqlite/V1__catalog.sql").readAllBytes(),
                StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("lake/_catalog"));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE catalog_schema_version (version INTEGER NOT NULL PRIMARY KEY, script TEXT NOT NULL,"
                    + " checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            for (String sql : Migrations.statements(v1)) {
                s.execute(sql);
            }
            s.execute("INSERT INTO catalog_schema_version VALUES (1, 'V1__catalog.sql', '" + Migrations.checksum(v1)
                    + "', 0)");
            s.execute("INSERT INTO asset (qualified_name, zone, source, dataset, location, format, created_at,"
                    + " updated_at) VALUES ('valid.dealer_dw.sales', 'valid', 'dealer_dw', 'sales', '/l', 'delta', 1, 1)");
        }

        catalog().recordSample(SALES, List.of("x"), List.of(List.of("1")));

        assertThat(catalog().find(SALES).orElseThrow().asset().location()).isEqualTo("/l");
        assertThat(catalog().sample(SALES).orElseThrow().rows()).containsExactly(List.of("1"));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT group_concat(script) FROM catalog_schema_version"))
                    .isEqualTo("V1__catalog.sql,V2__samples_and_outbox.sql,V3__freshness.sql,V4__column_lineage.sql,V5__column_profiles.sql");
        }
    }

    @Test
    void noPersonalSampleValueReachesTheFile() throws Exception {
        catalog().register(sales());
        catalog().recordSample(SALES, List.of("sale_id", "vin", "email"), SAMPLE_ROWS);
        catalog().close();

        StringBuilder everything = new StringBuilder();
        try (var files = Files.list(dir.resolve("lake/_catalog"))) {
            for (Path file : files.toList()) {
                everything.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(everything.toString()).contains("WVW123").doesNotContain("ann@example");
    }

    @Test
    void splitsScriptsAtLineEndingSemicolons() {
        assertThat(Migrations.statements("-- note;\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nCREATE INDEX i ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x TEXT DEFAULT ';')", "CREATE INDEX i ON a (x)");
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
