package io.sluice.catalog.store;

import io.sluice.catalog.Asset;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.Column;
import io.sluice.catalog.DescriptorRef;
import io.sluice.catalog.RegisteredAsset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes the rows of an asset: {@code asset}, {@code asset_column}, {@code asset_tag}. */
final class AssetRows {
    private AssetRows() {
    }

    static void replaceColumnsAndTags(Connection c, Asset asset) throws SQLException {
        String qualified = asset.name().qualified();
        for (String table : List.of("asset_column", "asset_tag")) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE qualified_name = ?")) {
                delete.setString(1, qualified);
                delete.executeUpdate();
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO asset_column (qualified_name, position, name,"
                + " type, nullable, description, pii) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (Column column : asset.columns()) {
                insert.setString(1, qualified);
                insert.setInt(2, position++);
                insert.setString(3, column.name());
                insert.setString(4, column.type());
                insert.setBoolean(5, column.nullable());
                insert.setString(6, column.description().orElse(null));
                insert.setBoolean(7, column.pii());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO asset_tag (qualified_name, position, tag) VALUES (?, ?, ?)")) {
            int position = 0;
            for (String tag : asset.tags()) {
                insert.setString(1, qualified);
                insert.setInt(2, position++);
                insert.setString(3, tag);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static Optional<RegisteredAsset> read(Connection c, AssetName name) throws SQLException {
        String qualified = name.qualified();
        Asset.Builder builder;
        Instant created;
        Instant updated;
        try (PreparedStatement query = c.prepareStatement("SELECT location, format, owner, description, descriptor_file,"
                + " descriptor_hash, created_at, updated_at, freshness_ms FROM asset WHERE qualified_name = ?")) {
            query.setString(1, qualified);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                builder = Asset.builder(name, row.getString(1), row.getString(2));
                Optional.ofNullable(row.getString(3)).ifPresent(builder::owner);
                Optional.ofNullable(row.getString(4)).ifPresent(builder::description);
                String file = row.getString(5);
                if (file != null) {
                    builder.descriptor(new DescriptorRef(file, row.getString(6)));
                }
                created = Instant.ofEpochMilli(row.getLong(7));
                updated = Instant.ofEpochMilli(row.getLong(8));
                long freshness = row.getLong(9);
                if (!row.wasNull()) {
                    builder.freshness(java.time.Duration.ofMillis(freshness));
                }
            }
        }
        try (PreparedStatement query = c.prepareStatement("SELECT name, type, nullable, description, pii"
                + " FROM asset_column WHERE qualified_name = ? ORDER BY position")) {
            query.setString(1, qualified);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    builder.column(new Column(row.getString(1), row.getString(2), row.getBoolean(3),
                            Optional.ofNullable(row.getString(4)), row.getBoolean(5)));
                }
            }
        }
        List<String> tags = new ArrayList<>(JdbcCatalog.strings(c,
                "SELECT tag FROM asset_tag WHERE qualified_name = ? ORDER BY position", qualified));
        return Optional.of(new RegisteredAsset(builder.tags(tags).build(), created, updated));
    }
}
