package io.sluice.catalog.store;

import io.sluice.catalog.AssetName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded store: one SQLite file shared by every process of a lake. WAL lets readers run beside a writer;
 * every write transaction starts with {@code BEGIN IMMEDIATE} so that two writers queue on the busy timeout
 * instead of deadlocking on a read-to-write lock upgrade (which SQLite reports as SQLITE_BUSY at once).
 */
final class SqliteDialect implements Dialect {
    static final int BUSY_TIMEOUT_MILLIS = 30_000;
    private static final String PREFIX = "jdbc:sqlite:";

    @Override
    public String scheme() {
        return "sqlite";
    }

    @Override
    public Connection connect(String jdbcUrl) throws SQLException {
        createParentFolder(jdbcUrl);
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        return config.createConnection(jdbcUrl);
    }

    @Override
    public void lockForMigration(Connection connection) {
        // BEGIN IMMEDIATE (the transaction mode) already holds the write lock.
    }

    @Override
    public void index(Connection connection, AssetName name, SearchText text) throws SQLException {
        unindex(connection, name);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO asset_search (qualified_name, name, tags, columns, description) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, name.qualified());
            insert.setString(2, text.name());
            insert.setString(3, text.tags());
            insert.setString(4, text.columns());
            insert.setString(5, text.description());
            insert.executeUpdate();
        }
    }

    @Override
    public void unindex(Connection connection, AssetName name) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM asset_search WHERE qualified_name = ?")) {
            delete.setString(1, name.qualified());
            delete.executeUpdate();
        }
    }

    @Override
    public List<Scored> search(Connection connection, List<String> words, int limit) throws SQLException {
        // Each word quoted: FTS5 then reads it as a plain term, never as an operator or column filter.
        String match = words.stream().map(word -> '"' + word + '"').collect(Collectors.joining(" "));
        // bm25 weights per column: qualified_name (unindexed), name, tags, columns, description. Lower is better.
        String sql = "SELECT qualified_name, bm25(asset_search, 0.0, 10.0, 5.0, 3.0, 1.0) AS rank FROM asset_search"
                + " WHERE asset_search MATCH ? ORDER BY rank, qualified_name LIMIT ?";
        List<Scored> hits = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, match);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    hits.add(new Scored(rows.getString(1), -rows.getDouble(2)));
                }
            }
        }
        return hits;
    }

    @Override
    public boolean isRetryable(SQLException failure) {
        if (failure instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            // Extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE, …) share the primary code's low byte.
            int primary = code.code & 0xff;
            return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
        }
        return false;
    }

    /** SQLite creates the file but not its folder; the embedded default lives in {@code <lake>/_catalog/}. */
    private static void createParentFolder(String jdbcUrl) throws SQLException {
        String file = jdbcUrl.substring(PREFIX.length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isEmpty() || file.startsWith(":memory:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new SQLException("cannot create the catalog folder " + parent + ": " + e.getMessage(), e);
        }
    }
}
