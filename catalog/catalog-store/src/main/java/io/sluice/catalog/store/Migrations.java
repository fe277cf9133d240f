package io.sluice.catalog.store;

import io.sluice.catalog.CatalogErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations, applied on first use. Scripts live beside this class in a folder per dialect,
 * {@code <scheme>/V<n>__<what>.sql}, and are listed in {@link #SCRIPTS} (a jar cannot be listed reliably).
 *
 * <p>Why not Flyway: it resolves (12.4.0) and knows both databases, but its SQLite support has no lock for
 * concurrent migration, and the catalog's first use is exactly several {@code sluice run} processes opening a new
 * file at once. Here the migration runs in one transaction that holds the store's write lock (SQLite's
 * {@code BEGIN IMMEDIATE}, PostgreSQL's advisory lock), so the first process migrates and the others wait, then
 * see the new version. Applied scripts are check-summed: an edited migration fails fast.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Every migration, in version order. Append only. */
    static final List<String> SCRIPTS = List.of("V1__catalog.sql", "V2__samples_and_outbox.sql", "V3__freshness.sql",
            "V4__column_lineage.sql", "V5__column_profiles.sql");

    static final String VERSION_TABLE = "catalog_schema_version";

    private final Dialect dialect;
    private final String redactedUrl;

    Migrations(Dialect dialect, String redactedUrl) {
        this.dialect = dialect;
        this.redactedUrl = redactedUrl;
    }

    static int latestVersion() {
        return SCRIPTS.size();
    }

    /** Whether the schema is already at the latest version (read without taking the write lock). */
    boolean isCurrent(Connection connection) {
        try {
            Map<Integer, String> applied = applied(connection);
            verify(applied);
            return applied.size() == latestVersion();
        } catch (SQLException noTableYet) {
            return false;
        }
    }

    /** Applies the missing migrations; the caller runs this in a write transaction. */
    void migrate(Connection connection) throws SQLException {
        dialect.lockForMigration(connection);
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version INTEGER NOT NULL PRIMARY KEY,"
                    + " script TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        }
        Map<Integer, String> applied = applied(connection);
        verify(applied);
        for (int version = 1; version <= latestVersion(); version++) {
            if (applied.containsKey(version)) {
                continue;
            }
            String script = SCRIPTS.get(version - 1);
            String text = read(script);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(text)) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + VERSION_TABLE
                    + " (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                insert.setInt(1, version);
                insert.setString(2, script);
                insert.setString(3, checksum(text));
                insert.setLong(4, System.currentTimeMillis());
                insert.executeUpdate();
            }
            LOG.info("catalog {}: applied schema migration {} ({})", redactedUrl, version, script);
        }
    }

    private void verify(Map<Integer, String> applied) {
        int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newest > latestVersion()) {
            throw CatalogErrors.schemaTooNew(redactedUrl, newest, latestVersion());
        }
        applied.forEach((version, sum) -> {
            String script = SCRIPTS.get(version - 1);
            if (!sum.equals(checksum(read(script)))) {
                throw CatalogErrors.migrationChanged(redactedUrl, version, script);
            }
        });
    }

    private static Map<Integer, String> applied(Connection connection) throws SQLException {
        Map<Integer, String> applied = new TreeMap<>();
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT version, checksum FROM " + VERSION_TABLE)) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    private String read(String script) {
        String resource = dialect.scheme() + "/" + script;
        try (InputStream in = Objects.requireNonNull(Migrations.class.getResourceAsStream(resource),
                () -> "migration " + resource + " is missing from the jar")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + resource, e);
        }
    }

    /** Splits a script at semicolons that end a line, leaving out comment lines. */
    static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    static String checksum(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
