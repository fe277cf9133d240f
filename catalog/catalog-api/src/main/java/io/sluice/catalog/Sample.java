package io.sluice.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A few rows of an asset, for analysts to see what the data looks like. Values are text as Spark shows them
 * ({@code null} for SQL NULL). Columns flagged {@link Column#pii()} in the asset's schema never hold a real value:
 * the catalog replaces every value of them by {@link #MASK} before storing, and again when reading (a column
 * flagged later is masked in older samples too).
 *
 * @param name     the sampled asset
 * @param columns  column names, in order
 * @param rows     at most {@link #MAX_ROWS} rows, each with one value per column
 * @param recorded when the sample was taken (millisecond precision)
 */
public record Sample(AssetName name, List<String> columns, List<List<String>> rows, Instant recorded) {
    /** What a personal value is replaced by. */
    public static final String MASK = "***";
    /** Most rows a sample keeps. */
    public static final int MAX_ROWS = 100;
    /** Longest value kept, in characters; longer values are cut and end with {@code …}. */
    public static final int MAX_VALUE_LENGTH = 200;

    public Sample {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
        recorded = Objects.requireNonNull(recorded, "recorded").truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A sample of {@code asset} with the values of its PII columns masked and long values cut. Column names
     * match the schema case-insensitively (as Spark does); a column missing from the schema is not known to be
     * personal and is kept.
     *
     * @throws CatalogException ({@code CATALOG_BAD_SAMPLE}) when there are no columns, a column repeats, a row has
     *                          the wrong number of values or there are more than {@link #MAX_ROWS} rows
     */
    public static Sample masked(Asset asset, List<String> columns, List<List<String>> rows, Instant recorded) {
        Objects.requireNonNull(asset, "asset");
        AssetName name = asset.name();
        if (columns.isEmpty()) {
            throw CatalogErrors.badSample(name, "it has no columns");
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(Objects.requireNonNull(column, "column").toLowerCase(Locale.ROOT))) {
                throw CatalogErrors.badSample(name, "column '" + column + "' appears twice");
            }
        }
        if (rows.size() > MAX_ROWS) {
            throw CatalogErrors.badSample(name, "it has " + rows.size() + " rows, more than " + MAX_ROWS);
        }
        Set<String> personal = new HashSet<>();
        asset.columns().stream().filter(Column::pii).forEach(c -> personal.add(c.name().toLowerCase(Locale.ROOT)));
        List<List<String>> masked = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != columns.size()) {
                throw CatalogErrors.badSample(name, "row " + (r + 1) + " has " + row.size() + " value(s) for "
                        + columns.size() + " column(s)");
            }
            List<String> values = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                // Null is masked too: whether a person has, say, an e-mail address is personal as well.
                values.add(personal.contains(columns.get(i).toLowerCase(Locale.ROOT)) ? MASK : cut(row.get(i)));
            }
            masked.add(values);
        }
        return new Sample(name, columns, masked, recorded);
    }

    private static String cut(String value) {
        if (value == null || value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        return value.substring(0, MAX_VALUE_LENGTH - 1) + "…";
    }
}
