package io.sluice.catalog.store;

import io.sluice.catalog.AssetName;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared store: PostgreSQL, with a weighted {@code tsvector} per asset and the {@code english} text search
 * configuration (stemming like SQLite's porter tokenizer).
 */
final class PostgresDialect implements Dialect {
    /** Arbitrary constant naming the catalog's migration lock among the database's advisory locks. */
    private static final long MIGRATION_LOCK = 0x51C3_CA7AL;

    @Override
    public String scheme() {
        return "postgresql";
    }

    @Override
    public Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    @Override
    public void lockForMigration(Connection connection) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        }
    }

    @Override
    public void index(Connection connection, AssetName name, SearchText text) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE asset SET search ="
                + " setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B')"
                + " || setweight(to_tsvector('english', ?), 'C') || setweight(to_tsvector('english', ?), 'D')"
                + " WHERE qualified_name = ?")) {
            update.setString(1, text.name());
            update.setString(2, text.tags());
            update.setString(3, text.columns());
            update.setString(4, text.description());
            update.setString(5, name.qualified());
            update.executeUpdate();
        }
    }

    @Override
    public void unindex(Connection connection, AssetName name) {
        // The words live in the asset's own row.
    }

    @Override
    public List<Scored> search(Connection connection, List<String> words, int limit) throws SQLException {
        // Words are letters and digits only, so joining them with '&' is a valid tsquery.
        String sql = "SELECT qualified_name, ts_rank(search, q) AS score FROM asset, to_tsquery('english', ?) q"
                + " WHERE search @@ q ORDER BY score DESC, qualified_name LIMIT ?";
        List<Scored> hits = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, String.join(" & ", words));
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    hits.add(new Scored(rows.getString(1), rows.getDouble(2)));
                }
            }
        }
        return hits;
    }

    @Override
    public boolean isRetryable(SQLException failure) {
        // serialization_failure, deadlock_detected
        return "40001".equals(failure.getSQLState()) || "40P01".equals(failure.getSQLState());
    }
}
