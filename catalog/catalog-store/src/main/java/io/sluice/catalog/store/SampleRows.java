package io.sluice.catalog.store;

import io.sluice.catalog.Asset;
import io.sluice.catalog.Sample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes an asset's sample: {@code asset_sample}, {@code asset_sample_column}, {@code asset_sample_value}. */
final class SampleRows {
    private SampleRows() {
    }

    /** Replaces the sample of {@code sample.name()}; the caller has masked it. */
    static void replace(Connection c, Sample sample) throws SQLException {
        String qualified = sample.name().qualified();
        // The child rows go with the parent (ON DELETE CASCADE).
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM asset_sample WHERE qualified_name = ?")) {
            delete.setString(1, qualified);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO asset_sample (qualified_name, recorded_at) VALUES (?, ?)")) {
            insert.setString(1, qualified);
            insert.setLong(2, sample.recorded().toEpochMilli());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO asset_sample_column (qualified_name, position, name) VALUES (?, ?, ?)")) {
            for (int i = 0; i < sample.columns().size(); i++) {
                insert.setString(1, qualified);
                insert.setInt(2, i);
                insert.setString(3, sample.columns().get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO asset_sample_value (qualified_name, row_no, position, value) VALUES (?, ?, ?, ?)")) {
            for (int r = 0; r < sample.rows().size(); r++) {
                List<String> row = sample.rows().get(r);
                for (int i = 0; i < row.size(); i++) {
                    insert.setString(1, qualified);
                    insert.setInt(2, r);
                    insert.setInt(3, i);
                    insert.setString(4, row.get(i));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** The stored sample of {@code asset}, masked again with its current schema. */
    static Optional<Sample> read(Connection c, Asset asset) throws SQLException {
        String qualified = asset.name().qualified();
        Instant recorded;
        try (PreparedStatement query = c.prepareStatement(
                "SELECT recorded_at FROM asset_sample WHERE qualified_name = ?")) {
            query.setString(1, qualified);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                recorded = Instant.ofEpochMilli(row.getLong(1));
            }
        }
        List<String> columns = JdbcCatalog.strings(c,
                "SELECT name FROM asset_sample_column WHERE qualified_name = ? ORDER BY position", qualified);
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT row_no, value FROM asset_sample_value"
                + " WHERE qualified_name = ? ORDER BY row_no, position")) {
            query.setString(1, qualified);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    int number = row.getInt(1);
                    if (number == rows.size()) {
                        rows.add(new ArrayList<>());
                    }
                    rows.get(number).add(row.getString(2));
                }
            }
        }
        return Optional.of(Sample.masked(asset, columns, rows, recorded));
    }
}
