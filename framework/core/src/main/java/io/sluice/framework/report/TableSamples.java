package io.sluice.framework.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A few rows of each table a run wrote, taken while the rows were at hand (the publisher's cached rows), so that
 * registering a run in the catalog does not read every table back, a read per dataset that showed in the fixed cost
 * of a run (docs/benchmark.md, "Measurements behind the code"). Kept in memory for the run only, never in the run report: samples may hold personal data,
 * which the catalog masks before storing. Safe for the datasets of a run published side by side.
 */
public final class TableSamples {
    /** Rows kept per table: the only rows a run ever brings to the driver. */
    public static final int ROWS = 10;

    /** The column names and the rows, each value as text (null stays null). */
    public record Sample(List<String> columns, List<List<String>> rows) {
        public Sample {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    private final Map<String, Sample> byLocation = new ConcurrentHashMap<>();
    private final Map<String, List<io.sluice.catalog.ColumnProfile>> profiles = new ConcurrentHashMap<>();

    /** No sample: the registrar reads the tables (a report registered again after a crash). */
    public static TableSamples none() {
        return new TableSamples();
    }

    /** Takes up to {@link #ROWS} rows of {@code rows} as the sample of the table at {@code location}. */
    public void take(String location, Dataset<Row> rows) {
        byLocation.put(location, of(rows));
    }

    /** Keeps the column profiles of the valid rows this run wrote to the table at {@code location}. */
    public void profile(String location, List<io.sluice.catalog.ColumnProfile> columns) {
        profiles.put(location, List.copyOf(columns));
    }

    /** The column profiles of the rows this run wrote to the table at {@code location}, if it profiled them. */
    public Optional<List<io.sluice.catalog.ColumnProfile>> profiles(String location) {
        return Optional.ofNullable(profiles.get(location));
    }

    /** The sample taken of the table at {@code location} during this run. */
    public Optional<Sample> at(String location) {
        return Optional.ofNullable(byLocation.get(location));
    }

    /** Up to {@link #ROWS} rows of {@code rows}, brought to the driver. */
    public static Sample of(Dataset<Row> rows) {
        List<List<String>> values = new ArrayList<>();
        for (Row r : rows.limit(ROWS).collectAsList()) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                row.add(r.isNullAt(i) ? null : String.valueOf(r.get(i)));
            }
            values.add(java.util.Collections.unmodifiableList(row));
        }
        return new Sample(List.of(rows.columns()), values);
    }
}
