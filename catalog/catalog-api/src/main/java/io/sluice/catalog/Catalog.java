package io.sluice.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lake's catalog: assets (a dataset in a zone), the history of runs, and lineage between assets. Open one
 * with {@link Catalogs#open}. Implementations are safe for use by several threads and by several processes on the
 * same store at once; every write is one transaction.
 *
 * <p>Nothing secret is stored: locations with credentials are refused, and error messages and SQL are redacted
 * ({@link Secrets}).
 */
public interface Catalog extends AutoCloseable {

    /**
     * Registers an asset, or replaces what is registered under its name. The first registration time is kept.
     *
     * @return the asset as now held, with its created and updated times
     */
    RegisteredAsset register(Asset asset);

    /** The asset registered under {@code name}, if any. */
    Optional<RegisteredAsset> find(AssetName name);

    /** Every registered zone of {@code source.dataset}, in zone order; empty when there is none. */
    List<RegisteredAsset> assetsOf(String source, String dataset);

    /** The names of every registered asset, ordered by their qualified names. */
    List<AssetName> names();

    /**
     * Full-text search over asset names, descriptions, column names and descriptions, and tags; best first.
     * Words are matched whole (with stemming, so {@code sale} finds {@code sales}); every word must match.
     * Text with no word in it finds nothing.
     *
     * @param limit at most this many hits, 1 to 10000
     */
    List<SearchHit> search(String text, int limit);

    /**
     * Records that a dataset's run has started.
     *
     * @throws RunConflictException if this run of this dataset was started before
     */
    RunRecord startRun(RunStart start);

    /**
     * Records how a started run ended.
     *
     * @throws NoSuchRunException   if it was never started
     * @throws RunConflictException if it already finished
     */
    RunRecord finishRun(RunFinish finish);

    /**
     * The runs of one dataset, newest start first.
     *
     * @param limit at most this many runs, 1 to 10000
     * @throws NoSuchAssetException if the dataset has neither a registered asset nor a run
     */
    List<RunRecord> runs(String source, String dataset, int limit);

    /**
     * The latest runs of all datasets, newest start first.
     *
     * @param limit at most this many runs, 1 to 10000
     */
    List<RunRecord> recentRuns(int limit);

    /**
     * The assets that declare a freshness and are late at {@code now}: no succeeded run of their dataset that found
     * something new ended within the freshness (counted from the asset's registration when none has), most overdue
     * first.
     */
    List<LateAsset> late(Instant now);

    /**
     * Records lineage edges. Recording an edge again for the same run changes nothing; edges may name assets
     * that are not registered (yet), such as a source table.
     */
    void recordLineage(List<LineageEdge> edges);

    /**
     * The lineage of an asset: every edge reachable walking {@code direction}, each pair of assets once with
     * its latest run and SQL, nearest first.
     *
     * @throws NoSuchAssetException if {@code name} is neither registered nor an end of any edge
     */
    List<LineageEdge> lineage(AssetName name, LineageDirection direction);

    /**
     * Replaces the column lineage of {@code to}: which column of which asset feeds each of its columns. A column
     * computed from no column (a literal, {@code count(*)}) has no edge. An empty list clears it.
     */
    void recordColumnLineage(AssetName to, List<ColumnEdge> edges);

    /** The column edges into {@code name} and out of it, ordered by target asset, target column, then source. */
    List<ColumnEdge> columnLineage(AssetName name);

    /**
     * Stores a small sample of an asset's rows, replacing the previous one. Values of the columns flagged PII in
     * the asset's registered schema are replaced by {@link Sample#MASK} before anything is stored (see
     * {@link Sample#masked}); long values are cut.
     *
     * @param columns column names, in order
     * @param rows    at most {@link Sample#MAX_ROWS} rows (callers send about 10), one value per column,
     *                {@code null} for SQL NULL
     * @return the sample as stored
     * @throws NoSuchAssetException if {@code name} is not registered (its PII columns would be unknown)
     * @throws CatalogException     ({@code CATALOG_BAD_SAMPLE}) if the rows do not fit the columns
     */
    Sample recordSample(AssetName name, List<String> columns, List<List<String>> rows);

    /** The last sample of {@code name}, masked with the asset's current schema; empty when none was recorded. */
    Optional<Sample> sample(AssetName name);

    /**
     * Keeps the column profiles of a run's valid rows, replacing any the run had. The store drops the values of the
     * columns the registered valid asset marks as PII, as it masks samples.
     */
    void recordProfiles(RunKey run, List<ColumnProfile> profiles);

    /**
     * The column profiles of a dataset's latest runs that have them, newest first: one map (column to profile) per
     * run, in column order.
     */
    List<java.util.Map.Entry<RunKey, List<ColumnProfile>>> profiles(String source, String dataset, int runs);

    /**
     * Claims the oldest outbox events not yet delivered to {@code sink}, for {@code lease}: another exporter of the
     * same sink does not get them until the lease ends. Events go out in order: the claim stops before the first
     * event that another exporter holds or whose last attempt failed and whose retry time has not come (empty
     * when that is the oldest). The caller reports each event with {@link #markSent} or {@link #markFailed}.
     *
     * @param sink  the sink's id ({@link io.sluice.catalog.export.ExportSink#id()}); each sink has its own delivery
     *              state
     * @param now   the caller's clock: leases and retry times compare to it
     * @param limit at most this many events, 1 to 10000
     * @return claimed events in outbox order
     */
    List<OutboxEvent> claimEvents(String sink, Instant now, Duration lease, int limit);

    /** Records that {@code sink} received event {@code eventId}: it is never claimed for this sink again. */
    void markSent(String sink, long eventId, Instant at);

    /**
     * Records a failed delivery: the event is claimable again for {@code sink} from {@code retryAt}.
     *
     * @param error why it failed (redacted before it is stored)
     */
    void markFailed(String sink, long eventId, Instant retryAt, String error);

    /** How many outbox events {@code sink} has not received yet. */
    long pendingEvents(String sink);

    /** Releases the store's connections. */
    @Override
    void close();
}
