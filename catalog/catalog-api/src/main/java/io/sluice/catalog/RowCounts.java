package io.sluice.catalog;

/**
 * Rows a run wrote per zone. For an ingestion run {@code raw = valid + error} (the framework checks it before
 * recording); refined runs fill {@code refined} only.
 */
public record RowCounts(long raw, long valid, long error, long refined) {
    /** No rows anywhere (a run that failed before landing). */
    public static final RowCounts NONE = new RowCounts(0, 0, 0, 0);

    public RowCounts {
        if (raw < 0 || valid < 0 || error < 0 || refined < 0) {
            throw new IllegalArgumentException("row counts must not be negative: raw=" + raw + " valid=" + valid
                    + " error=" + error + " refined=" + refined);
        }
    }

    /** Counts of an ingestion run. */
    public static RowCounts ingested(long raw, long valid, long error) {
        return new RowCounts(raw, valid, error, 0);
    }

    /** Share of raw rows rejected, 0 when nothing was landed. */
    public double errorRatio() {
        return raw == 0 ? 0 : (double) error / raw;
    }
}
