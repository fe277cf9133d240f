package io.sluice.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run's valid rows held in one column, computed while they were written (no scan of its own). Values
 * ({@code min}, {@code max}, {@code topValues}, {@code histogram}) are text as Spark prints them; a PII column
 * never keeps them ({@link #withoutValues}).
 *
 * @param column    the column
 * @param rows      rows the run wrote to valid
 * @param nulls     of them, how many had no value
 * @param empty     of them, how many held the empty string (string columns; 0 otherwise)
 * @param distinct  approximate number of distinct values (HyperLogLog++ with a relative standard deviation of 1%)
 * @param min       smallest value
 * @param max       largest value
 * @param minLength shortest text (string columns)
 * @param maxLength longest text (string columns)
 * @param topValues the most frequent values with their counts (approximate), most frequent first, for columns of
 *                  few distinct values
 * @param histogram equal-width-ish bins (Spark's {@code histogram_numeric}) of numeric and date columns: each bin's
 *                  centre and how many values fell near it; dates as days since 1970-01-01
 */
public record ColumnProfile(String column, long rows, long nulls, long empty, long distinct, Optional<String> min,
        Optional<String> max, Optional<Integer> minLength, Optional<Integer> maxLength, List<ValueCount> topValues,
        List<Bin> histogram) {

    /** A value and how often it occurred. */
    public record ValueCount(String value, long count) {
        public ValueCount {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A histogram bin: its centre and its (fractional, as Spark estimates it) count. */
    public record Bin(double centre, double count) {
    }

    public ColumnProfile {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(minLength, "minLength");
        Objects.requireNonNull(maxLength, "maxLength");
        topValues = List.copyOf(topValues);
        histogram = List.copyOf(histogram);
    }

    /** The share of rows without a value, 0 when there are no rows. */
    public double nullShare() {
        return rows == 0 ? 0 : (double) nulls / rows;
    }

    /** The share of rows holding the empty string, 0 when there are no rows. */
    public double emptyShare() {
        return rows == 0 ? 0 : (double) empty / rows;
    }

    /** This profile with no value of the column: what a PII column keeps (counts and lengths). */
    public ColumnProfile withoutValues() {
        return new ColumnProfile(column, rows, nulls, empty, distinct, Optional.empty(), Optional.empty(), minLength,
                maxLength, List.of(), List.of());
    }
}
