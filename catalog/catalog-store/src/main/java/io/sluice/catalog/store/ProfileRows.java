package io.sluice.catalog.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.sluice.catalog.Asset;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.ColumnProfile;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.Zone;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and writes {@code column_profile}: one JSON profile per run and column. */
final class ProfileRows {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ProfileRows() {
    }

    static void replace(Connection c, RunKey run, List<ColumnProfile> profiles) throws SQLException {
        Optional<Asset> valid = AssetRows.read(c, AssetName.of(Zone.VALID, run.source(), run.dataset()))
                .map(r -> r.asset());
        Set<String> pii = valid.map(a -> a.columns().stream().filter(col -> col.pii()).map(col -> col.name())
                .collect(Collectors.toSet())).orElse(Set.of());
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM column_profile WHERE run_id = ? AND source = ? AND dataset = ?")) {
            delete.setString(1, run.runId());
            delete.setString(2, run.source());
            delete.setString(3, run.dataset());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO column_profile (run_id, source, dataset,"
                + " position, column_name, profile) VALUES (?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (ColumnProfile profile : profiles) {
                // as samples are masked: the store never keeps a personal value, whatever the caller sent
                ColumnProfile kept = pii.contains(profile.column()) ? profile.withoutValues() : profile;
                insert.setString(1, run.runId());
                insert.setString(2, run.source());
                insert.setString(3, run.dataset());
                insert.setInt(4, position++);
                insert.setString(5, kept.column());
                insert.setString(6, write(kept));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static List<Map.Entry<RunKey, List<ColumnProfile>>> latest(Connection c, String source, String dataset, int runs)
            throws SQLException {
        Map<RunKey, List<ColumnProfile>> out = new LinkedHashMap<>();
        try (PreparedStatement query = c.prepareStatement("SELECT p.run_id, p.profile FROM column_profile p"
                + " JOIN run r ON r.run_id = p.run_id AND r.source = p.source AND r.dataset = p.dataset"
                + " WHERE p.source = ? AND p.dataset = ? AND p.run_id IN (SELECT r2.run_id FROM run r2"
                + " WHERE r2.source = ? AND r2.dataset = ? AND EXISTS (SELECT 1 FROM column_profile p2"
                + " WHERE p2.run_id = r2.run_id AND p2.source = r2.source AND p2.dataset = r2.dataset)"
                + " ORDER BY r2.started_at DESC, r2.run_id DESC LIMIT ?)"
                + " ORDER BY r.started_at DESC, r.run_id DESC, p.position")) {
            query.setString(1, source);
            query.setString(2, dataset);
            query.setString(3, source);
            query.setString(4, dataset);
            query.setInt(5, runs);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    out.computeIfAbsent(new RunKey(row.getString(1), source, dataset), k -> new ArrayList<>())
                            .add(read(row.getString(2)));
                }
            }
        }
        List<Map.Entry<RunKey, List<ColumnProfile>>> list = new ArrayList<>();
        out.forEach((k, v) -> list.add(Map.entry(k, List.copyOf(v))));
        return list;
    }

    private static String write(ColumnProfile profile) {
        try {
            return JSON.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the profile of " + profile.column(), e);
        }
    }

    private static ColumnProfile read(String json) {
        try {
            return JSON.readValue(json, ColumnProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable column profile in the catalog: " + e.getOriginalMessage(), e);
        }
    }
}
