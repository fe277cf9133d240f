package io.sluice.framework.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.sluice.catalog.ColumnProfile;
import io.sluice.framework.validate.CompiledValidation;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Column profiles of the valid rows, observed while the split job writes them: one more {@code observe} on the same
 * rows, so profiling adds aggregates to the write's tasks, not a scan. Per declared column: nulls, empty strings,
 * approximate distinct count, and, for a column not marked PII, min/max, the most frequent values (Spark's
 * {@code approx_top_k}) and a histogram of numbers and dates ({@code histogram_numeric}); string lengths for text.
 */
final class ColumnProfiler {
    /** Values kept as the most frequent ones, of a column with at most this many distinct values. */
    static final int TOP_VALUES = 10;
    /** Bins of a histogram. */
    static final int BINS = 10;
    /** Turns profiling off ({@code -Dsluice.profiles=false}), e.g. to compare a run's Spark jobs without it. */
    static final String SWITCH = "sluice.profiles";

    private final DatasetSpec dataset;
    private final Map<String, String> rowColumnOf;
    private final Observation observation;

    private ColumnProfiler(DatasetSpec dataset, Map<String, String> rowColumnOf, Observation observation) {
        this.dataset = dataset;
        this.rowColumnOf = rowColumnOf;
        this.observation = observation;
    }

    /** Whether runs profile their valid rows (on unless {@link #SWITCH} is {@code false}). */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(SWITCH, "true"));
    }

    /** Adds the profile's observation to {@code split}'s rows; read it with {@link #profiles} after the write. */
    static Map.Entry<CompiledValidation.Split, ColumnProfiler> observe(CompiledValidation.Split split,
                                                                      DatasetSpec dataset, String tag) {
        Map<String, String> rowColumnOf = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : split.columns().get(CompiledValidation.VALID)) {
            rowColumnOf.put(pair.getValue(), pair.getKey());
        }
        Observation observation = new Observation("sluice_profile_" + tag);
        ColumnProfiler profiler = new ColumnProfiler(dataset, rowColumnOf, observation);
        List<Column> aggregates = profiler.aggregates(split.rows());
        Dataset<Row> rows = split.rows().observe(observation, aggregates.get(0),
                aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
        return Map.entry(new CompiledValidation.Split(rows, split.columns()), profiler);
    }

    private List<Column> aggregates(Dataset<Row> rows) {
        Column valid = col(CompiledValidation.ZONE).equalTo(lit(CompiledValidation.VALID));
        List<Column> out = new ArrayList<>();
        out.add(expr("count_if(" + CompiledValidation.ZONE + " = '" + CompiledValidation.VALID + "')").as("rows"));
        for (int i = 0; i < dataset.columns().size(); i++) {
            ColumnSpec spec = dataset.columns().get(i);
            String rowColumn = rowColumnOf.get(spec.name());
            if (rowColumn == null) {
                continue;
            }
            DataType type = rows.schema().apply(rowColumn).dataType();
            String v = "CASE WHEN " + CompiledValidation.ZONE + " = '" + CompiledValidation.VALID + "' THEN `"
                    + rowColumn + "` END";
            String p = "p" + i + "_";
            out.add(expr("count_if(" + CompiledValidation.ZONE + " = '" + CompiledValidation.VALID + "' AND `"
                    + rowColumn + "` IS NULL)").as(p + "nulls"));
            out.add(expr("approx_count_distinct(" + v + ", 0.01)").as(p + "distinct"));
            if (type instanceof StringType) {
                out.add(expr("count_if((" + v + ") = '')").as(p + "empty"));
                out.add(expr("min(length(" + v + "))").as(p + "minlen"));
                out.add(expr("max(length(" + v + "))").as(p + "maxlen"));
            }
            if (spec.pii()) {
                continue; // counts and lengths only: no value of a personal column leaves the rows
            }
            if (type instanceof NumericType || type instanceof DateType || type instanceof TimestampType
                    || type instanceof StringType) {
                out.add(expr("CAST(min(" + v + ") AS STRING)").as(p + "min"));
                out.add(expr("CAST(max(" + v + ") AS STRING)").as(p + "max"));
            }
            if (type instanceof StringType || type instanceof BooleanType || type instanceof NumericType
                    || type instanceof DateType) {
                // one more than kept: approx_top_k counts null as a value, which is dropped
                out.add(expr("approx_top_k(CAST(" + v + " AS STRING), " + (TOP_VALUES + 1) + ")").as(p + "top"));
            }
            if (type instanceof NumericType) {
                out.add(expr("histogram_numeric(CAST(" + v + " AS DOUBLE), " + BINS + ")").as(p + "hist"));
            } else if (type instanceof DateType) {
                out.add(expr("histogram_numeric(CAST(unix_date(" + v + ") AS DOUBLE), " + BINS + ")").as(p + "hist"));
            }
        }
        return out;
    }

    /** The profiles, in column order; complete once the write that carried the observation has run. */
    List<ColumnProfile> profiles() {
        Map<String, Object> m;
        try {
            m = scala.jdk.javaapi.CollectionConverters.asJava(observation.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the column profiles", e);
        }
        long rows = asLong(m.get("rows"));
        List<ColumnProfile> out = new ArrayList<>();
        for (int i = 0; i < dataset.columns().size(); i++) {
            ColumnSpec spec = dataset.columns().get(i);
            String p = "p" + i + "_";
            if (!m.containsKey(p + "nulls")) {
                continue;
            }
            long distinct = asLong(m.get(p + "distinct"));
            List<ColumnProfile.ValueCount> top = new ArrayList<>();
            if (distinct <= TOP_VALUES) {
                for (Row r : rowsOf(m.get(p + "top"))) {
                    if (!r.isNullAt(0) && top.size() < TOP_VALUES) {
                        top.add(new ColumnProfile.ValueCount(r.getString(0), ((Number) r.get(1)).longValue()));
                    }
                }
            }
            List<ColumnProfile.Bin> histogram = new ArrayList<>();
            for (Row r : rowsOf(m.get(p + "hist"))) {
                histogram.add(new ColumnProfile.Bin(((Number) r.get(0)).doubleValue(), ((Number) r.get(1)).doubleValue()));
            }
            ColumnProfile profile = new ColumnProfile(spec.name(), rows, asLong(m.get(p + "nulls")),
                    asLong(m.get(p + "empty")), distinct, text(m.get(p + "min")), text(m.get(p + "max")),
                    integer(m.get(p + "minlen")), integer(m.get(p + "maxlen")), top, histogram);
            out.add(spec.pii() ? profile.withoutValues() : profile);
        }
        return out;
    }

    private static List<Row> rowsOf(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            List<Row> rows = new ArrayList<>();
            for (Object o : scala.jdk.javaapi.CollectionConverters.asJava(seq)) {
                rows.add((Row) o);
            }
            return rows;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(Row.class::cast).toList();
        }
        throw new IllegalStateException("unexpected profile value " + value.getClass());
    }

    private static long asLong(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Optional<String> text(Object value) {
        return Optional.ofNullable(value).map(Object::toString);
    }

    private static Optional<Integer> integer(Object value) {
        return Optional.ofNullable(value).map(v -> ((Number) v).intValue());
    }
}
