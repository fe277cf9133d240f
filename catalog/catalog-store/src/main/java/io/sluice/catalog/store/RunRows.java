package io.sluice.catalog.store;

import io.sluice.catalog.ErrorReason;
import io.sluice.catalog.RowCounts;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads and writes the rows of a run: {@code run} and {@code run_error_reason}. */
final class RunRows {
    static final String COLUMNS = "run_id, source, dataset, run_date, started_at, ended_at, status, rows_raw,"
            + " rows_valid, rows_error, rows_refined, watermark, delta_version, error_message, nothing_new";

    private RunRows() {
    }

    /** Binds all {@link #COLUMNS} of {@code record}, in order. */
    static void bind(PreparedStatement statement, RunRecord record) throws SQLException {
        statement.setString(1, record.key().runId());
        statement.setString(2, record.key().source());
        statement.setString(3, record.key().dataset());
        statement.setString(4, record.runDate().toString());
        statement.setLong(5, record.started().toEpochMilli());
        setLong(statement, 6, record.ended().map(Instant::toEpochMilli).map(OptionalLong::of).orElse(OptionalLong.empty()));
        statement.setString(7, record.status().name());
        statement.setLong(8, record.rows().raw());
        statement.setLong(9, record.rows().valid());
        statement.setLong(10, record.rows().error());
        statement.setLong(11, record.rows().refined());
        statement.setString(12, record.watermark().orElse(null));
        setLong(statement, 13, record.deltaVersion());
        statement.setString(14, record.errorMessage().orElse(null));
        statement.setBoolean(15, record.nothingNew());
    }

    static void finish(Connection c, RunRecord finished) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE run SET ended_at = ?, status = ?, rows_raw = ?,"
                + " rows_valid = ?, rows_error = ?, rows_refined = ?, watermark = ?, delta_version = ?, error_message = ?,"
                + " nothing_new = ? WHERE run_id = ? AND source = ? AND dataset = ?")) {
            update.setLong(1, finished.ended().orElseThrow().toEpochMilli());
            update.setString(2, finished.status().name());
            update.setLong(3, finished.rows().raw());
            update.setLong(4, finished.rows().valid());
            update.setLong(5, finished.rows().error());
            update.setLong(6, finished.rows().refined());
            update.setString(7, finished.watermark().orElse(null));
            setLong(update, 8, finished.deltaVersion());
            update.setString(9, finished.errorMessage().orElse(null));
            update.setBoolean(10, finished.nothingNew());
            bindKey(update, 11, finished.key());
            update.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO run_error_reason (run_id, source, dataset,"
                + " position, reason, count) VALUES (?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (ErrorReason reason : finished.topErrors()) {
                bindKey(insert, 1, finished.key());
                insert.setInt(4, position++);
                insert.setString(5, reason.reason());
                insert.setLong(6, reason.count());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static Optional<RunRecord> read(Connection c, RunKey key) throws SQLException {
        List<RunRecord> runs = select(c, "WHERE run_id = ? AND source = ? AND dataset = ?", 1,
                key.runId(), key.source(), key.dataset());
        return runs.stream().findFirst();
    }

    /** Runs matching {@code where} (may be empty), newest start first, with their error reasons. */
    static List<RunRecord> select(Connection c, String where, int limit, String... parameters) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM run " + where
                + " ORDER BY started_at DESC, run_id DESC, source, dataset LIMIT ?")) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            query.setInt(parameters.length + 1, limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    runs.add(map(row));
                }
            }
        }
        List<RunRecord> withReasons = new ArrayList<>(runs.size());
        for (RunRecord run : runs) {
            withReasons.add(run.status().isFinal() ? withReasons(c, run) : run);
        }
        return withReasons;
    }

    private static RunRecord map(ResultSet row) throws SQLException {
        RunKey key = new RunKey(row.getString("run_id"), row.getString("source"), row.getString("dataset"));
        long ended = row.getLong("ended_at");
        Optional<Instant> endedAt = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
        long version = row.getLong("delta_version");
        OptionalLong deltaVersion = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(version);
        return new RunRecord(key, LocalDate.parse(row.getString("run_date")),
                Instant.ofEpochMilli(row.getLong("started_at")), endedAt, RunStatus.valueOf(row.getString("status")),
                new RowCounts(row.getLong("rows_raw"), row.getLong("rows_valid"), row.getLong("rows_error"),
                        row.getLong("rows_refined")),
                List.of(), Optional.ofNullable(row.getString("watermark")), deltaVersion,
                Optional.ofNullable(row.getString("error_message")), row.getBoolean("nothing_new"));
    }

    private static RunRecord withReasons(Connection c, RunRecord run) throws SQLException {
        List<ErrorReason> reasons = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT reason, count FROM run_error_reason"
                + " WHERE run_id = ? AND source = ? AND dataset = ? ORDER BY position")) {
            bindKey(query, 1, run.key());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    reasons.add(new ErrorReason(row.getString(1), row.getLong(2)));
                }
            }
        }
        if (reasons.isEmpty()) {
            return run;
        }
        return new RunRecord(run.key(), run.runDate(), run.started(), run.ended(), run.status(), run.rows(), reasons,
                run.watermark(), run.deltaVersion(), run.errorMessage(), run.nothingNew());
    }

    private static void bindKey(PreparedStatement statement, int first, RunKey key) throws SQLException {
        statement.setString(first, key.runId());
        statement.setString(first + 1, key.source());
        statement.setString(first + 2, key.dataset());
    }

    private static void setLong(PreparedStatement statement, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.getAsLong());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }
}
