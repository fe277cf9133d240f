package io.sluice.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * Data flowed from one asset to another in a run. The SQL of refined edges is kept with credentials redacted.
 *
 * @param from  the input asset
 * @param to    the output asset
 * @param runId the run that moved the data
 * @param sql   the statement that produced {@code to}, for refined edges
 */
public record LineageEdge(AssetName from, AssetName to, String runId, Optional<String> sql) {
    public LineageEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(runId, "runId");
        sql = Objects.requireNonNull(sql, "sql").map(Secrets::redact);
        if (from.equals(to)) {
            throw CatalogErrors.selfLineage(from);
        }
    }

    /** An edge without SQL (landing, validation). */
    public static LineageEdge of(AssetName from, AssetName to, String runId) {
        return new LineageEdge(from, to, runId, Optional.empty());
    }
}
