package io.sluice.framework.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A dataset's validation bound to one raw schema, made by {@link ValidationCompiler#compile}. Immutable; its
 * methods only build query plans (nothing runs until the caller acts on a result).
 *
 * <p>{@link #valid} and {@link #errors} are two filters of one {@link #check} result; {@link #split} gives both
 * in one row set, so that a caller writes both in one job and reads and checks the raw data once.
 * Every checked row is in exactly one of them ({@code count(raw) = count(valid) + count(errors)}).
 */
public final class CompiledValidation {
    private final List<String> boundSchema;
    private final List<Column> projection;
    private final List<UnaryOperator<Dataset<Row>>> joins;
    private final List<Column> windows;
    private final List<Column> checked;
    private final List<Column> valid;
    private final List<Column> reread;
    private final List<Column> rejected;
    private final List<Reason> reasons;
    private final List<Column> reports;
    private final List<String> unexpectedColumns;
    private final List<String> missingColumns;

    CompiledValidation(StructType rawSchema, List<Column> projection, List<UnaryOperator<Dataset<Row>>> joins,
                       List<Column> windows, List<Column> checked, List<Column> valid, List<Column> reread,
                       List<Column> rejected, Map<Reason, Column> reports, List<String> unexpectedColumns,
                       List<String> missingColumns) {
        this.boundSchema = signature(rawSchema);
        this.projection = List.copyOf(projection);
        this.joins = List.copyOf(joins);
        this.windows = List.copyOf(windows);
        this.checked = List.copyOf(checked);
        this.valid = List.copyOf(valid);
        this.reread = List.copyOf(reread);
        this.rejected = List.copyOf(rejected);
        this.reasons = List.copyOf(reports.keySet());
        this.reports = List.copyOf(reports.values());
        this.unexpectedColumns = List.copyOf(unexpectedColumns);
        this.missingColumns = List.copyOf(missingColumns);
    }

    /**
     * A projection of {@code raw} (plus one left join per foreign key and per lookup, each to at most one row, then
     * the windows of the unique rules): the declared columns typed (declared names
     * and types, null where a value is absent or did not parse), {@code _original} (a struct of every declared
     * column's value as the source gave it, as text; null for a valid row), {@code _raw_record},
     * {@code _source_file}, {@code _line} (null for a valid row: only the error table has it), and
     * {@code _rescued} (drift: rescue) or the undeclared columns as text (drift: evolve), each unique rule's count,
     * and the internal {@code _sluice_failed} boolean ({@link #isValid} reads it; {@link #valid} and {@link #errors}
     * leave it out). A valid row costs its parsing and one boolean per column. The messages are not built here:
     * {@link #errors} builds them from these columns for the failing rows only, so this projection holds no lambda
     * and Spark compiles it, with the scan, into one generated method (a lambda is evaluated without generated
     * code, and made Spark copy every row once more).
     *
     * @param raw the connector's read result, with the schema given to {@code compile}
     * @throws IllegalArgumentException when {@code raw}'s schema is not the one compiled against
     */
    public Dataset<Row> check(Dataset<Row> raw) {
        List<String> given = signature(raw.schema());
        if (!given.equals(boundSchema)) {
            throw ValidationErrors.schemaChanged(boundSchema, given);
        }
        Dataset<Row> projected = raw.select(projection.toArray(Column[]::new));
        for (UnaryOperator<Dataset<Row>> join : joins) {
            projected = join.apply(projected);
        }
        if (!windows.isEmpty()) {
            List<Column> withCounts = new ArrayList<>();
            withCounts.add(col("*"));
            withCounts.addAll(windows);
            projected = projected.select(withCounts.toArray(Column[]::new));
        }
        return projected.select(checked.toArray(Column[]::new));
    }

    /**
     * Rows of {@code checked} without errors: the declared columns typed, in declared order, then
     * {@code _source_file}, then {@code _rescued} map&lt;string,string&gt; (drift: rescue) or the undeclared
     * columns as strings (drift: evolve).
     */
    public Dataset<Row> valid(Dataset<Row> checked) {
        return checked.filter(isValid()).select(valid.toArray(Column[]::new));
    }

    /**
     * Rows of {@code checked} with errors: every declared column as the original text (same names),
     * {@code _raw_record} (the unsplittable record's text, else null), {@code _errors}, {@code _source_file},
     * {@code _line}. The checks run again on these rows, from the typed values and the texts of {@code _original},
     * to build the messages.
     */
    public Dataset<Row> errors(Dataset<Row> checked) {
        return failing(checked).select(rejected.toArray(Column[]::new));
    }

    /**
     * {@link #errors(Dataset)}, counting how many of the rows report each {@link #reasons() reason} (a row
     * reports a reason at most once) as they pass: the observed metrics are {@code reason_<i>}, in the order of
     * {@link #reasons()}, complete once an action on the result has run. The counts come from the checks'
     * conditions, evaluated with the messages, so the top rejection reasons cost neither a second read of the
     * error table nor a look into each row's {@code _errors}.
     */
    public Dataset<Row> errors(Dataset<Row> checked, Observation reasonCounts) {
        List<Column> withReports = new ArrayList<>(rejected);
        List<String> flags = new ArrayList<>();
        List<Column> counts = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            String flag = ErrorStructs.INTERNAL_PREFIX + "reports_" + i;
            withReports.add(reports.get(i).as(flag));
            flags.add(flag);
            counts.add(count_if(col(flag)).as("reason_" + i));
        }
        return failing(checked).select(withReports.toArray(Column[]::new))
                .observe(reasonCounts, counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new))
                .drop(flags.toArray(String[]::new));
    }

    /** The column of {@link #split} saying where a row goes: {@link #VALID} or {@link #ERROR}. */
    public static final String ZONE = ErrorStructs.INTERNAL_PREFIX + "zone";
    public static final String VALID = "valid";
    public static final String ERROR = "error";

    /**
     * Every row of {@code checked} once, with the columns of both tables side by side, for one write of both
     * zones ({@code ZoneSplitWriter}): {@link #ZONE}, then the columns of {@link #valid} (evaluated for every row,
     * meaningful for valid rows), then those of {@link #errors} (evaluated for failing rows only, null otherwise),
     * under internal names; {@link Split#columns} maps them back to each table's names.
     *
     * <p>{@code metrics} observes, as the rows pass: {@code rows}, {@code valid}, {@code skipped} (records the
     * connector skipped: error rows, but not rejected ones), and {@code reason_<i>} as
     * {@link #errors(Dataset, Observation)} does; complete once an action on the result has run.
     */
    public Split split(Dataset<Row> checked, Observation metrics) {
        Dataset<Row> texts = checked.select(reread.toArray(Column[]::new));
        String[] validNames = texts.select(valid.toArray(Column[]::new)).schema().fieldNames();
        String[] errorNames = texts.select(rejected.toArray(Column[]::new)).schema().fieldNames();
        Column failed = col(ErrorStructs.FAILED);
        List<Column> out = new ArrayList<>();
        out.add(when(failed, lit(ERROR)).otherwise(lit(VALID)).as(ZONE));
        List<Map.Entry<String, String>> validColumns = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            String name = ErrorStructs.INTERNAL_PREFIX + "v" + i;
            out.add(valid.get(i).as(name));
            validColumns.add(Map.entry(name, validNames[i]));
        }
        List<Map.Entry<String, String>> errorColumns = new ArrayList<>();
        for (int i = 0; i < rejected.size(); i++) {
            String name = ErrorStructs.INTERNAL_PREFIX + "e" + i;
            out.add(when(failed, rejected.get(i)).as(name));
            errorColumns.add(Map.entry(name, errorNames[i]));
        }
        List<String> flags = new ArrayList<>();
        List<Column> counts = new ArrayList<>();
        counts.add(count(lit(1)).as("rows"));
        counts.add(count_if(col(ZONE).equalTo(lit(VALID))).as("valid"));
        String skipped = ErrorStructs.INTERNAL_PREFIX + "skipped_row";
        out.add(isSkipped().as(skipped));
        flags.add(skipped);
        counts.add(count_if(col(skipped)).as("skipped"));
        for (int i = 0; i < reports.size(); i++) {
            String flag = ErrorStructs.INTERNAL_PREFIX + "reports_" + i;
            out.add(when(failed, reports.get(i)).otherwise(lit(false)).as(flag));
            flags.add(flag);
            counts.add(count_if(col(flag)).as("reason_" + i));
        }
        Dataset<Row> rows = texts.select(out.toArray(Column[]::new))
                .observe(metrics, counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new))
                .drop(flags.toArray(String[]::new));
        Map<String, List<Map.Entry<String, String>>> columns = new LinkedHashMap<>();
        columns.put(VALID, List.copyOf(validColumns));
        columns.put(ERROR, List.copyOf(errorColumns));
        return new Split(rows, columns);
    }

    /**
     * The rows of {@link #split} and, for each zone, its (row column, table column) pairs in table order.
     *
     * @param rows    {@link #ZONE} and the internal columns
     * @param columns {@link #VALID} and {@link #ERROR}, each with its pairs
     */
    public record Split(Dataset<Row> rows, Map<String, List<Map.Entry<String, String>>> columns) {
        /** Adds a column both tables take under its own name (e.g. the run id). */
        public Split withColumn(String name, Column value) {
            Map<String, List<Map.Entry<String, String>>> more = new LinkedHashMap<>();
            columns.forEach((zone, pairs) -> {
                List<Map.Entry<String, String>> list = new ArrayList<>(pairs);
                list.add(Map.entry(name, name));
                more.put(zone, List.copyOf(list));
            });
            return new Split(rows.withColumn(name, value), more);
        }
    }

    /** The failing rows of {@code checked}, with the texts back under the names the checks read them by. */
    private Dataset<Row> failing(Dataset<Row> checked) {
        return checked.filter(not(isValid())).select(reread.toArray(Column[]::new));
    }

    /**
     * True for a row of {@link #check} without errors; for counting with {@code Dataset.observe}. It reads the
     * internal {@code _sluice_failed} column of {@link #check}, so a filter on it never recomputes the checks.
     */
    public Column isValid() {
        return not(col(ErrorStructs.FAILED));
    }

    /**
     * True for a row of {@link #check} the connector skipped ({@code _skipped} not null: not data). Such a row is
     * not valid ({@link #isValid} is false) and goes to the error table with the one entry
     * {@code {column: null, rule: skipped, message: <the reason>}}; it reports none of the {@link #reasons()}.
     */
    public Column isSkipped() {
        return not(ErrorStructs.isData());
    }

    /**
     * One kind of entry of {@code _errors}: its {@code column} (null for parse and sql rules; the key columns
     * joined by ", " for a unique rule) and its {@code rule}.
     */
    public record Reason(String column, String rule) {
        public Reason {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * Every reason {@link #errors(Dataset)} can report, in catalogue order (parse first, then columns, then
     * rules); never empty.
     */
    public List<Reason> reasons() {
        return reasons;
    }

    /** Source fields the schema does not declare (bookkeeping columns aside), in source order; empty if none. */
    public List<String> unexpectedColumns() {
        return unexpectedColumns;
    }

    /** Declared columns the source does not have, in declared order; every row is rejected for each. */
    public List<String> missingColumns() {
        return missingColumns;
    }

    private static List<String> signature(StructType schema) {
        return Arrays.stream(schema.fields()).map(f -> f.name() + ":" + f.dataType().catalogString()).toList();
    }
}
