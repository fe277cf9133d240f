package io.sluice.catalog.store;

import io.sluice.catalog.Asset;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.Zone;
import io.sluice.catalog.ColumnEdge;
import io.sluice.catalog.ColumnProfile;
import io.sluice.catalog.LateAsset;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.CatalogErrors;
import io.sluice.catalog.LineageDirection;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.OutboxEvent;
import io.sluice.catalog.RegisteredAsset;
import io.sluice.catalog.RunFinish;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.RunStart;
import io.sluice.catalog.RunStatus;
import io.sluice.catalog.Sample;
import io.sluice.catalog.SearchHit;
import io.sluice.catalog.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one catalog implementation, for SQLite and PostgreSQL: portable SQL ({@code INSERT … ON CONFLICT} works on
 * both), with a {@link Dialect} for connections, locks and full-text search.
 */
final class JdbcCatalog implements Catalog {
    private static final int MAX_LIMIT = 10_000;
    /** A lineage walk stops this far from its start: lake lineage is shallow, a cycle would be a bug upstream. */
    private static final int MAX_LINEAGE_DEPTH = 64;
    private static final Pattern SINK_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final Dialect dialect;
    private final Transactor transactor;
    private final Clock clock;

    private JdbcCatalog(Dialect dialect, Transactor transactor, Clock clock) {
        this.dialect = dialect;
        this.transactor = transactor;
        this.clock = clock;
    }

    /** Connects and brings the schema to the latest version. */
    static JdbcCatalog open(Dialect dialect, String jdbcUrl, Clock clock) {
        String redactedUrl = Secrets.redact(jdbcUrl);
        Connection connection = connect(dialect, jdbcUrl, redactedUrl);
        Transactor transactor = new Transactor(connection, dialect, redactedUrl);
        try {
            Migrations migrations = new Migrations(dialect, redactedUrl);
            boolean current = transactor.read("read the schema version", migrations::isCurrent);
            if (!current) {
                transactor.write("migrate the schema", c -> {
                    migrations.migrate(c);
                    return null;
                });
            }
        } catch (RuntimeException e) {
            try {
                transactor.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new JdbcCatalog(dialect, transactor, clock);
    }

    private static Connection connect(Dialect dialect, String jdbcUrl, String redactedUrl) {
        for (int attempt = 1; ; attempt++) {
            try {
                return dialect.connect(jdbcUrl);
            } catch (SQLException e) {
                // Switching a new SQLite file to WAL needs a moment of exclusive access; several processes may race.
                if (!dialect.isRetryable(e) || attempt == Transactor.MAX_ATTEMPTS) {
                    throw CatalogErrors.storeFailed("connect", redactedUrl, e);
                }
            }
        }
    }

    @Override
    public RegisteredAsset register(Asset asset) {
        Objects.requireNonNull(asset, "asset");
        AssetName name = asset.name();
        long now = clock.millis();
        return transactor.write("register " + name, c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO asset (qualified_name, zone, source, dataset,"
                    + " location, format, owner, description, descriptor_file, descriptor_hash, created_at, updated_at,"
                    + " freshness_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (qualified_name) DO UPDATE"
                    + " SET location = excluded.location, format = excluded.format, owner = excluded.owner,"
                    + " description = excluded.description, descriptor_file = excluded.descriptor_file,"
                    + " descriptor_hash = excluded.descriptor_hash, updated_at = excluded.updated_at,"
                    + " freshness_ms = excluded.freshness_ms")) {
                upsert.setString(1, name.qualified());
                upsert.setString(2, name.zone().id());
                upsert.setString(3, name.source());
                upsert.setString(4, name.dataset());
                upsert.setString(5, asset.location());
                upsert.setString(6, asset.format());
                upsert.setString(7, asset.owner().orElse(null));
                upsert.setString(8, asset.description().orElse(null));
                upsert.setString(9, asset.descriptor().map(d -> d.file()).orElse(null));
                upsert.setString(10, asset.descriptor().map(d -> d.contentHash()).orElse(null));
                upsert.setLong(11, now);
                upsert.setLong(12, now);
                if (asset.freshness().isPresent()) {
                    upsert.setLong(13, asset.freshness().get().toMillis());
                } else {
                    upsert.setNull(13, java.sql.Types.BIGINT);
                }
                upsert.executeUpdate();
            }
            AssetRows.replaceColumnsAndTags(c, asset);
            dialect.index(c, name, SearchText.of(asset));
            return AssetRows.read(c, name).orElseThrow();
        });
    }

    @Override
    public Optional<RegisteredAsset> find(AssetName name) {
        Objects.requireNonNull(name, "name");
        return transactor.read("find " + name, c -> AssetRows.read(c, name));
    }

    @Override
    public List<RegisteredAsset> assetsOf(String source, String dataset) {
        return transactor.read("list the assets of " + source + "." + dataset, c -> {
            List<RegisteredAsset> assets = new ArrayList<>();
            for (String qualified : strings(c, "SELECT qualified_name FROM asset WHERE source = ? AND dataset = ?",
                    source, dataset)) {
                AssetRows.read(c, AssetName.parse(qualified)).ifPresent(assets::add);
            }
            assets.sort(Comparator.comparing(asset -> asset.name().zone()));
            return assets;
        });
    }

    @Override
    public List<AssetName> names() {
        return transactor.read("list the assets", c -> strings(c,
                "SELECT qualified_name FROM asset ORDER BY qualified_name").stream().map(AssetName::parse).toList());
    }

    @Override
    public List<SearchHit> search(String text, int limit) {
        Objects.requireNonNull(text, "text");
        checkLimit(limit);
        List<String> words = SearchText.words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        return transactor.read("search '" + text + "'", c -> {
            List<SearchHit> hits = new ArrayList<>();
            for (Dialect.Scored scored : dialect.search(c, words, limit)) {
                AssetRows.read(c, AssetName.parse(scored.qualifiedName()))
                        .ifPresent(asset -> hits.add(new SearchHit(asset, scored.score())));
            }
            return hits;
        });
    }

    @Override
    public RunRecord startRun(RunStart start) {
        Objects.requireNonNull(start, "start");
        RunRecord record = RunRecord.started(start);
        return transactor.write("start " + start.key(), c -> {
            int inserted;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO run (" + RunRows.COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, source, dataset) DO NOTHING")) {
                RunRows.bind(insert, record);
                inserted = insert.executeUpdate();
            }
            if (inserted == 0) {
                throw CatalogErrors.runAlreadyStarted(start.key(), RunRows.read(c, start.key()).orElseThrow().status());
            }
            Outbox.enqueue(c, record, clock.millis());
            return record;
        });
    }

    @Override
    public RunRecord finishRun(RunFinish finish) {
        Objects.requireNonNull(finish, "finish");
        RunKey key = finish.key();
        return transactor.write("finish " + key, c -> {
            Optional<RunRecord> started = RunRows.read(c, key);
            if (started.isEmpty()) {
                throw CatalogErrors.noSuchRun(key);
            }
            if (started.get().status() != RunStatus.RUNNING) {
                throw CatalogErrors.runAlreadyFinished(key, started.get().status());
            }
            RunRecord finished = started.get().finishedBy(finish);
            RunRows.finish(c, finished);
            Outbox.enqueue(c, finished, clock.millis());
            return finished;
        });
    }

    @Override
    public List<RunRecord> runs(String source, String dataset, int limit) {
        checkLimit(limit);
        RunKey probe = new RunKey("-", source, dataset);
        return transactor.read("read the runs of " + source + "." + dataset, c -> {
            List<RunRecord> runs = RunRows.select(c, "WHERE source = ? AND dataset = ?", limit,
                    probe.source(), probe.dataset());
            if (runs.isEmpty() && strings(c, "SELECT qualified_name FROM asset WHERE source = ? AND dataset = ?",
                    source, dataset).isEmpty()) {
                throw CatalogErrors.noSuchDataset(source, dataset);
            }
            return runs;
        });
    }

    @Override
    public void recordColumnLineage(AssetName to, List<ColumnEdge> edges) {
        Objects.requireNonNull(to, "to");
        List<ColumnEdge> copy = List.copyOf(edges);
        for (ColumnEdge edge : copy) {
            if (!edge.to().equals(to)) {
                throw new IllegalArgumentException("column edge " + edge + " does not lead into " + to);
            }
        }
        transactor.write("record the column lineage of " + to, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM column_edge WHERE to_name = ?")) {
                delete.setString(1, to.qualified());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO column_edge (to_name, to_column,"
                    + " from_name, from_column) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (ColumnEdge edge : copy) {
                    insert.setString(1, to.qualified());
                    insert.setString(2, edge.toColumn());
                    insert.setString(3, edge.from().qualified());
                    insert.setString(4, edge.fromColumn());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<ColumnEdge> columnLineage(AssetName name) {
        Objects.requireNonNull(name, "name");
        return transactor.read("read the column lineage of " + name, c -> {
            List<ColumnEdge> edges = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT from_name, from_column, to_name, to_column"
                    + " FROM column_edge WHERE to_name = ? OR from_name = ?"
                    + " ORDER BY to_name, to_column, from_name, from_column")) {
                query.setString(1, name.qualified());
                query.setString(2, name.qualified());
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        edges.add(new ColumnEdge(AssetName.parse(row.getString(1)), row.getString(2),
                                AssetName.parse(row.getString(3)), row.getString(4)));
                    }
                }
            }
            return edges;
        });
    }

    @Override
    public List<LateAsset> late(Instant now) {
        Objects.requireNonNull(now, "now");
        // the last run of the asset's dataset that wrote rows; a run that found nothing new leaves the data as old
        return transactor.read("list the late assets", c -> {
            List<LateAsset> late = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT a.zone, a.source, a.dataset, a.freshness_ms,"
                    + " a.created_at, (SELECT max(r.ended_at) FROM run r WHERE r.source = a.source"
                    + " AND r.dataset = a.dataset AND r.status = 'SUCCEEDED' AND r.nothing_new = ?) AS delivered"
                    + " FROM asset a WHERE a.freshness_ms IS NOT NULL ORDER BY a.qualified_name")) {
                query.setBoolean(1, false);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        AssetName name = AssetName.of(Zone.parse(row.getString(1)), row.getString(2), row.getString(3));
                        Duration freshness = Duration.ofMillis(row.getLong(4));
                        long delivered = row.getLong(6);
                        Optional<Instant> last = row.wasNull() ? Optional.empty()
                                : Optional.of(Instant.ofEpochMilli(delivered));
                        Instant since = last.orElse(Instant.ofEpochMilli(row.getLong(5)));
                        Instant due = since.plus(freshness);
                        if (now.isAfter(due)) {
                            late.add(new LateAsset(name, freshness, last, Duration.between(due, now)));
                        }
                    }
                }
            }
            late.sort(java.util.Comparator.comparing(LateAsset::overdue).reversed()
                    .thenComparing(l -> l.name().qualified()));
            return late;
        });
    }

    @Override
    public List<RunRecord> recentRuns(int limit) {
        checkLimit(limit);
        return transactor.read("read the recent runs", c -> RunRows.select(c, "", limit));
    }

    @Override
    public void recordLineage(List<LineageEdge> edges) {
        List<LineageEdge> copy = List.copyOf(edges);
        if (copy.isEmpty()) {
            return;
        }
        long now = clock.millis();
        transactor.write("record " + copy.size() + " lineage edge(s)", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO lineage_edge (from_name, to_name, run_id,"
                    + " sql_text, recorded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (from_name, to_name, run_id) DO NOTHING")) {
                for (LineageEdge edge : copy) {
                    insert.setString(1, edge.from().qualified());
                    insert.setString(2, edge.to().qualified());
                    insert.setString(3, edge.runId());
                    insert.setString(4, edge.sql().orElse(null));
                    insert.setLong(5, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<LineageEdge> lineage(AssetName name, LineageDirection direction) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        boolean upstream = direction == LineageDirection.UPSTREAM;
        String near = upstream ? "to_name" : "from_name";
        String far = upstream ? "from_name" : "to_name";
        // One row per pair of assets: the edge recorded last (highest id) carries the latest run and SQL.
        String sql = "SELECT e.from_name, e.to_name, e.run_id, e.sql_text FROM lineage_edge e WHERE e." + near + " = ?"
                + " AND e.id = (SELECT max(x.id) FROM lineage_edge x WHERE x.from_name = e.from_name"
                + " AND x.to_name = e.to_name) ORDER BY e." + far;
        return transactor.read("read the lineage of " + name, c -> {
            if (!isKnown(c, name)) {
                throw CatalogErrors.noSuchAsset(name);
            }
            List<LineageEdge> edges = new ArrayList<>();
            Set<String> visited = new HashSet<>(Set.of(name.qualified()));
            Deque<String> frontier = new ArrayDeque<>(List.of(name.qualified()));
            for (int depth = 0; depth < MAX_LINEAGE_DEPTH && !frontier.isEmpty(); depth++) {
                Deque<String> next = new ArrayDeque<>();
                for (String current : frontier) {
                    for (LineageEdge edge : edges(c, sql, current)) {
                        edges.add(edge);
                        String reached = (upstream ? edge.from() : edge.to()).qualified();
                        if (visited.add(reached)) {
                            next.add(reached);
                        }
                    }
                }
                frontier = next;
            }
            return edges;
        });
    }

    @Override
    public Sample recordSample(AssetName name, List<String> columns, List<List<String>> rows) {
        Objects.requireNonNull(name, "name");
        long now = clock.millis();
        return transactor.write("record a sample of " + name, c -> {
            RegisteredAsset asset = AssetRows.read(c, name).orElseThrow(() -> CatalogErrors.noSuchAsset(name));
            // Masked here, inside the transaction that reads the schema: no raw personal value reaches the store.
            Sample sample = Sample.masked(asset.asset(), columns, rows, Instant.ofEpochMilli(now));
            SampleRows.replace(c, sample);
            return sample;
        });
    }

    @Override
    public void recordProfiles(RunKey run, List<ColumnProfile> profiles) {
        Objects.requireNonNull(run, "run");
        List<ColumnProfile> copy = List.copyOf(profiles);
        transactor.write("record the column profiles of " + run, c -> {
            ProfileRows.replace(c, run, copy);
            return null;
        });
    }

    @Override
    public List<Map.Entry<RunKey, List<ColumnProfile>>> profiles(String source, String dataset, int runs) {
        checkLimit(runs);
        return transactor.read("read the column profiles of " + source + "." + dataset,
                c -> ProfileRows.latest(c, source, dataset, runs));
    }

    @Override
    public Optional<Sample> sample(AssetName name) {
        Objects.requireNonNull(name, "name");
        return transactor.read("read the sample of " + name, c -> {
            Optional<RegisteredAsset> asset = AssetRows.read(c, name);
            return asset.isEmpty() ? Optional.empty() : SampleRows.read(c, asset.get().asset());
        });
    }

    @Override
    public List<OutboxEvent> claimEvents(String sink, Instant now, Duration lease, int limit) {
        checkSink(sink);
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        checkLimit(limit);
        return transactor.write("claim outbox events for " + sink, c -> Outbox.claim(c, sink, now, lease, limit));
    }

    @Override
    public void markSent(String sink, long eventId, Instant at) {
        checkSink(sink);
        Objects.requireNonNull(at, "at");
        transactor.write("mark outbox event " + eventId + " sent to " + sink, c -> {
            Outbox.markSent(c, sink, eventId, at);
            return null;
        });
    }

    @Override
    public void markFailed(String sink, long eventId, Instant retryAt, String error) {
        checkSink(sink);
        Objects.requireNonNull(retryAt, "retryAt");
        String redacted = Secrets.redact(Objects.requireNonNull(error, "error"));
        transactor.write("mark outbox event " + eventId + " failed for " + sink, c -> {
            Outbox.markFailed(c, sink, eventId, retryAt, redacted);
            return null;
        });
    }

    @Override
    public long pendingEvents(String sink) {
        checkSink(sink);
        return transactor.read("count the events pending for " + sink, c -> Outbox.pending(c, sink));
    }

    @Override
    public void close() {
        transactor.close();
    }

    private static void checkSink(String sink) {
        if (sink == null || !SINK_ID.matcher(sink).matches()) {
            throw CatalogErrors.badSink(String.valueOf(sink));
        }
    }

    private static List<LineageEdge> edges(Connection c, String sql, String name) throws SQLException {
        List<LineageEdge> edges = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    edges.add(new LineageEdge(AssetName.parse(rows.getString(1)), AssetName.parse(rows.getString(2)),
                            rows.getString(3), Optional.ofNullable(rows.getString(4))));
                }
            }
        }
        return edges;
    }

    private static boolean isKnown(Connection c, AssetName name) throws SQLException {
        String qualified = name.qualified();
        return !strings(c, "SELECT qualified_name FROM asset WHERE qualified_name = ?", qualified).isEmpty()
                || !strings(c, "SELECT run_id FROM lineage_edge WHERE from_name = ? OR to_name = ? LIMIT 1",
                qualified, qualified).isEmpty();
    }

    static List<String> strings(Connection c, String sql, String... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw CatalogErrors.badLimit(limit);
        }
    }
}
