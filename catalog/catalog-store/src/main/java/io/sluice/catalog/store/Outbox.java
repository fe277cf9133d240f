package io.sluice.catalog.store;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.Column;
import io.sluice.catalog.OutboxEvent;
import io.sluice.catalog.OutboxEvent.EventDataset;
import io.sluice.catalog.RegisteredAsset;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.Zone;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outbox of run events: enqueued with the run's own write, claimed and marked by exporters. Portable SQL:
 * {@code INSERT … RETURNING} and {@code ON CONFLICT … DO UPDATE … WHERE} work on SQLite (3.35+) and PostgreSQL.
 */
final class Outbox {
    private static final String INPUT = "input";
    private static final String OUTPUT = "output";

    private Outbox() {
    }

    /** Enqueues the event of {@code run}'s current state, with a snapshot of its inputs and outputs. */
    static void enqueue(Connection c, RunRecord run, long now) throws SQLException {
        OutboxEvent.Type type = OutboxEvent.Type.of(run.status());
        Instant eventTime = type == OutboxEvent.Type.START ? run.started() : run.ended().orElseThrow();
        long id;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO outbox_event (event_type, run_id, source,"
                + " dataset, event_time, enqueued_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            insert.setString(1, type.name());
            insert.setString(2, run.key().runId());
            insert.setString(3, run.key().source());
            insert.setString(4, run.key().dataset());
            insert.setLong(5, eventTime.toEpochMilli());
            insert.setLong(6, now);
            try (ResultSet keys = insert.executeQuery()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        Set<AssetName> inputs = new LinkedHashSet<>();
        Set<AssetName> outputs = new LinkedHashSet<>();
        edges(c, run.key(), true, inputs, outputs);
        if (inputs.isEmpty() && outputs.isEmpty()) {
            // A run records its lineage as it goes; at its start, the dataset's latest edges are the best guess.
            edges(c, run.key(), false, inputs, outputs);
        }
        int position = 0;
        for (AssetName input : inputs) {
            writeDataset(c, id, position++, INPUT, input);
        }
        List<AssetName> inZoneOrder = new ArrayList<>(outputs);
        inZoneOrder.sort(Comparator.comparing(AssetName::zone).thenComparing(AssetName::qualified));
        for (AssetName output : inZoneOrder) {
            writeDataset(c, id, position++, OUTPUT, output);
        }
    }

    /**
     * Edges into the lake zones of the run's dataset: their near ends are outputs, and their far ends inputs
     * unless they are the dataset itself (raw → valid). The upstream system (zone {@code source}) is an input.
     */
    private static void edges(Connection c, RunKey key, boolean thisRun, Set<AssetName> inputs,
            Set<AssetName> outputs) throws SQLException {
        List<String> names = new ArrayList<>();
        for (Zone zone : List.of(Zone.RAW, Zone.VALID, Zone.ERROR, Zone.REFINED)) {
            names.add(AssetName.of(zone, key.source(), key.dataset()).qualified());
        }
        String sql = "SELECT DISTINCT from_name, to_name FROM lineage_edge WHERE to_name IN (?, ?, ?, ?)"
                + (thisRun ? " AND run_id = ?" : "") + " ORDER BY from_name, to_name";
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < names.size(); i++) {
                query.setString(i + 1, names.get(i));
            }
            if (thisRun) {
                query.setString(names.size() + 1, key.runId());
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    AssetName from = AssetName.parse(rows.getString(1));
                    if (!names.contains(from.qualified())) {
                        inputs.add(from);
                    }
                    outputs.add(AssetName.parse(rows.getString(2)));
                }
            }
        }
    }

    private static void writeDataset(Connection c, long eventId, int position, String direction, AssetName name)
            throws SQLException {
        Optional<RegisteredAsset> asset = AssetRows.read(c, name);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO outbox_dataset (event_id, position, direction,"
                + " qualified_name, location, format) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, eventId);
            insert.setInt(2, position);
            insert.setString(3, direction);
            insert.setString(4, name.qualified());
            insert.setString(5, asset.map(a -> a.asset().location()).orElse(null));
            insert.setString(6, asset.map(a -> a.asset().format()).orElse(null));
            insert.executeUpdate();
        }
        List<Column> columns = asset.map(a -> a.asset().columns()).orElse(List.of());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO outbox_column (event_id, dataset_pos, position,"
                + " name, type, nullable, description, pii) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                insert.setLong(1, eventId);
                insert.setInt(2, position);
                insert.setInt(3, i);
                insert.setString(4, column.name());
                insert.setString(5, column.type());
                insert.setBoolean(6, column.nullable());
                insert.setString(7, column.description().orElse(null));
                insert.setBoolean(8, column.pii());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Leases up to {@code limit} of the oldest events {@code sink} has not received, stopping before the first one
     * that another exporter holds or that waits for its retry, so that a sink receives events in order.
     */
    static List<OutboxEvent> claim(Connection c, String sink, Instant now, Duration lease, int limit)
            throws SQLException {
        long at = now.toEpochMilli();
        List<Long> due = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT e.id, d.leased_until, d.next_attempt_at FROM"
                + " outbox_event e LEFT JOIN outbox_delivery d ON d.event_id = e.id AND d.sink = ?"
                + " WHERE d.sent_at IS NULL ORDER BY e.id LIMIT ?")) {
            query.setString(1, sink);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    long leasedUntil = rows.getLong(2);
                    boolean leased = !rows.wasNull() && leasedUntil > at;
                    long nextAttempt = rows.getLong(3);
                    boolean waiting = !rows.wasNull() && nextAttempt > at;
                    if (leased || waiting) {
                        // Events go out in order: nothing passes an event another exporter holds or that waits.
                        break;
                    }
                    due.add(id);
                }
            }
        }
        List<OutboxEvent> claimed = new ArrayList<>();
        // The WHERE re-checks under the row lock: of two exporters racing for an event, one updates nothing.
        try (PreparedStatement lease1 = c.prepareStatement("INSERT INTO outbox_delivery (event_id, sink, attempts,"
                + " leased_until) VALUES (?, ?, 0, ?) ON CONFLICT (event_id, sink) DO UPDATE SET"
                + " leased_until = excluded.leased_until WHERE outbox_delivery.sent_at IS NULL"
                + " AND (outbox_delivery.leased_until IS NULL OR outbox_delivery.leased_until <= ?)")) {
            for (long id : due) {
                lease1.setLong(1, id);
                lease1.setString(2, sink);
                lease1.setLong(3, now.plus(lease).toEpochMilli());
                lease1.setLong(4, at);
                if (lease1.executeUpdate() == 1) {
                    claimed.add(read(c, sink, id));
                }
            }
        }
        return claimed;
    }

    static void markSent(Connection c, String sink, long eventId, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE outbox_delivery SET attempts = attempts + 1,"
                + " sent_at = ?, leased_until = NULL, last_error = NULL WHERE event_id = ? AND sink = ?")) {
            update.setLong(1, at.toEpochMilli());
            update.setLong(2, eventId);
            update.setString(3, sink);
            update.executeUpdate();
        }
    }

    static void markFailed(Connection c, String sink, long eventId, Instant retryAt, String error) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE outbox_delivery SET attempts = attempts + 1,"
                + " leased_until = NULL, next_attempt_at = ?, last_error = ? WHERE event_id = ? AND sink = ?"
                + " AND sent_at IS NULL")) {
            update.setLong(1, retryAt.toEpochMilli());
            update.setString(2, error);
            update.setLong(3, eventId);
            update.setString(4, sink);
            update.executeUpdate();
        }
    }

    static long pending(Connection c, String sink) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT count(*) FROM outbox_event e WHERE NOT EXISTS"
                + " (SELECT 1 FROM outbox_delivery d WHERE d.event_id = e.id AND d.sink = ? AND d.sent_at IS NOT NULL)")) {
            query.setString(1, sink);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static OutboxEvent read(Connection c, String sink, long id) throws SQLException {
        OutboxEvent.Type type;
        Instant eventTime;
        RunKey key;
        try (PreparedStatement query = c.prepareStatement("SELECT e.event_type, e.event_time, e.run_id, e.source,"
                + " e.dataset FROM outbox_event e WHERE e.id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                type = OutboxEvent.Type.valueOf(row.getString(1));
                eventTime = Instant.ofEpochMilli(row.getLong(2));
                key = new RunKey(row.getString(3), row.getString(4), row.getString(5));
            }
        }
        int attempts;
        try (PreparedStatement query = c.prepareStatement(
                "SELECT attempts FROM outbox_delivery WHERE event_id = ? AND sink = ?")) {
            query.setLong(1, id);
            query.setString(2, sink);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                attempts = row.getInt(1);
            }
        }
        RunRecord run = RunRows.read(c, key).orElseThrow();
        List<EventDataset> inputs = new ArrayList<>();
        List<EventDataset> outputs = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT position, direction, qualified_name, location, format"
                + " FROM outbox_dataset WHERE event_id = ? ORDER BY position")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    EventDataset dataset = new EventDataset(AssetName.parse(row.getString(3)),
                            Optional.ofNullable(row.getString(4)), Optional.ofNullable(row.getString(5)),
                            columns(c, id, row.getInt(1)));
                    (INPUT.equals(row.getString(2)) ? inputs : outputs).add(dataset);
                }
            }
        }
        return new OutboxEvent(id, type, eventTime, run, inputs, outputs, attempts);
    }

    private static List<Column> columns(Connection c, long eventId, int datasetPosition) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT name, type, nullable, description, pii FROM"
                + " outbox_column WHERE event_id = ? AND dataset_pos = ? ORDER BY position")) {
            query.setLong(1, eventId);
            query.setInt(2, datasetPosition);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    columns.add(new Column(row.getString(1), row.getString(2), row.getBoolean(3),
                            Optional.ofNullable(row.getString(4)), row.getBoolean(5)));
                }
            }
        }
        return columns;
    }
}
