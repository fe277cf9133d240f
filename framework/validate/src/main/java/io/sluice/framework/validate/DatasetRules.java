package io.sluice.framework.validate;

import static io.sluice.framework.validate.ErrorStructs.column;
import static io.sluice.framework.validate.ErrorStructs.error;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.sluice.compat.plan.AnalyzedPlans;
import io.sluice.connector.RawColumns;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.Origin;
import io.sluice.metadata.Problem;
import io.sluice.metadata.RuleSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Binds and compiles the dataset-level rules: unique keys (a window per rule), SQL conditions (optionally over a
 * lookup row of another dataset) and foreign keys. A rule that reads another dataset joins the checked rows, once
 * per rule, to a relation with at most one row per join key (the distinct referenced values; the lookup rows
 * grouped by key with their count), so a join never adds or removes a row.
 */
final class DatasetRules {
    private DatasetRules() {
    }

    /**
     * What the rules add to the checks.
     *
     * @param joins   left joins applied, in order, to the parsed rows (before the windows)
     * @param windows window columns, named, added after the joins
     * @param kept    internal columns the messages read, kept in the checked rows
     * @param checks  one check per rule, in declared order
     */
    record Compiled(List<UnaryOperator<Dataset<Row>>> joins, List<Column> windows, List<String> kept,
                    List<ErrorStructs.Check> checks) {
    }

    /**
     * Every reason a rule cannot be compiled, located at the rule's pointer. SQL rules are analyzed against an
     * empty relation of the typed schema (plus the lookup row as a struct named by its alias), so nothing runs.
     *
     * @param tables the current valid table of each of the dataset's rule inputs, empty when it does not exist
     */
    static List<Problem> bind(SparkSession spark, DatasetSpec dataset, StructType typedSchema,
                              Map<String, Optional<Dataset<Row>>> tables) {
        Origin origin = dataset.origin();
        String declared = String.join(", ", typedSchema.fieldNames());
        List<Problem> problems = new ArrayList<>();
        for (RuleSpec rule : dataset.rules()) {
            String prefix = "rule '" + rule.name() + "': ";
            if (rule instanceof RuleSpec.Unique unique) {
                if (unique.columns().isEmpty()) {
                    problems.add(origin.problem(rule.pointer(), prefix + "unique needs at least "
                            + "one column (declared columns: " + declared + ")"));
                }
                List<String> named = new ArrayList<>(unique.columns());
                unique.orderBy().ifPresent(named::add);
                for (String c : named) {
                    if (dataset.column(c).isEmpty()) {
                        problems.add(origin.problem(rule.pointer(), prefix + "unknown column '"
                                + c + "' (declared columns: " + declared + ")"));
                    }
                }
            } else if (rule instanceof RuleSpec.References ref) {
                if (dataset.column(ref.column()).isEmpty()) {
                    problems.add(origin.problem(rule.pointer(), prefix + "unknown column '" + ref.column()
                            + "' (declared columns: " + declared + ")"));
                }
                table(tables, ref.qualifiedDataset()).ifPresent(t -> missingColumns(t, List.of(ref.refColumn()))
                        .forEach(c -> problems.add(origin.problem(rule.pointer(), prefix + "the valid table of "
                                + ref.qualifiedDataset() + " has no column '" + c + "'"))));
            } else if (rule instanceof RuleSpec.Sql sql) {
                StructType schema = typedSchema;
                if (sql.lookup().isPresent()) {
                    RuleSpec.Lookup lookup = sql.lookup().get();
                    Optional<Dataset<Row>> table = table(tables, lookup.qualifiedDataset());
                    if (table.isEmpty()) {
                        // nothing to analyze the alias against: every row fails the rule, saying why
                        continue;
                    }
                    List<String> absent = missingColumns(table.get(), lookup.on());
                    absent.forEach(c -> problems.add(origin.problem(rule.pointer(), prefix + "the valid table of "
                            + lookup.qualifiedDataset() + " has no column '" + c + "' to match on")));
                    if (!absent.isEmpty()) {
                        continue;
                    }
                    schema = schema.add(lookup.alias(), table.get().schema(), true);
                }
                bindSql(spark, sql, schema).ifPresent(m -> problems.add(origin.problem(rule.pointer(), m)));
            } else {
                throw new IllegalStateException("unhandled rule kind: " + rule);
            }
        }
        return problems;
    }

    /**
     * The joins, windows and checks of the dataset's rules, in declared order; call after {@link #bind} found
     * nothing. Two SQL rules with the same lookup share its join.
     */
    static Compiled compile(DatasetSpec dataset, Map<String, Optional<Dataset<Row>>> tables) {
        List<UnaryOperator<Dataset<Row>>> joins = new ArrayList<>();
        List<Column> windows = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<ErrorStructs.Check> checks = new ArrayList<>();
        Map<RuleSpec.Lookup, String> lookups = new HashMap<>();
        for (int i = 0; i < dataset.rules().size(); i++) {
            RuleSpec rule = dataset.rules().get(i);
            String prefix = ErrorStructs.INTERNAL_PREFIX + "rule_" + i + "_";
            if (rule instanceof RuleSpec.Unique unique && unique.keep() == RuleSpec.Keep.NONE) {
                String count = prefix + "count";
                windows.add(uniqueCount(unique).as(count));
                kept.add(count);
                checks.add(uniqueError(unique, col(count)));
            } else if (rule instanceof RuleSpec.Unique unique) {
                String rank = prefix + "rank";
                String first = prefix + "first";
                WindowSpec order = firstOrder(unique);
                windows.add(row_number().over(order).as(rank));
                windows.add(first(struct(column(RawColumns.SOURCE_FILE).as("file"), column(RawColumns.LINE)
                        .as("line"))).over(order).as(first));
                kept.add(rank);
                kept.add(first);
                checks.add(duplicateOfFirstError(unique, col(rank), col(first)));
            } else if (rule instanceof RuleSpec.References ref) {
                Optional<Dataset<Row>> table = table(tables, ref.qualifiedDataset());
                if (table.isPresent()) {
                    String key = prefix + "key";
                    String found = prefix + "found";
                    Dataset<Row> keys = table.get()
                            .select(column(ref.refColumn()).try_cast(typeOf(dataset, ref.column())).as(key))
                            .where(col(key).isNotNull()).distinct().withColumn(found, lit(true));
                    Column on = column(ref.column()).equalTo(col(key));
                    joins.add(rows -> rows.join(keys, on, "left_outer").drop(key));
                    kept.add(found);
                    checks.add(referenceError(ref, col(found).isNull(), ""));
                } else {
                    checks.add(referenceError(ref, lit(true), ": " + ref.qualifiedDataset()
                            + " has no valid table yet (publish it first)"));
                }
            } else if (rule instanceof RuleSpec.Sql sql && sql.lookup().isPresent()) {
                RuleSpec.Lookup lookup = sql.lookup().get();
                Optional<Dataset<Row>> table = table(tables, lookup.qualifiedDataset());
                if (table.isEmpty()) {
                    checks.add(ErrorStructs.error(lit(true), null, sql.name(), lit("rule " + sql.name()
                            + " failed: its lookup " + lookup.qualifiedDataset() + " has no valid table yet (publish"
                            + " it first)")));
                    continue;
                }
                String matches = lookups.get(lookup);
                if (matches == null) {
                    matches = prefix + "matches";
                    lookups.put(lookup, matches);
                    joins.add(lookupJoin(dataset, lookup, table.get(), prefix, matches));
                    kept.add(matches);
                    kept.add(lookup.alias());
                }
                checks.add(lookupSqlError(sql, col(matches)));
            } else if (rule instanceof RuleSpec.Sql sql) {
                checks.add(sqlError(sql));
            } else {
                throw new IllegalStateException("unhandled rule kind: " + rule);
            }
        }
        return new Compiled(joins, windows, kept, checks);
    }

    private static Optional<String> bindSql(SparkSession spark, RuleSpec.Sql rule, StructType typedSchema) {
        String prefix = "rule '" + rule.name() + "': ";
        Dataset<Row> bound;
        DataType type;
        try {
            bound = spark.createDataFrame(List.<Row>of(), typedSchema).select(expr(rule.sql()));
            type = bound.schema().fields()[0].dataType();
        } catch (Exception e) {
            // Scala does not declare AnalysisException (a checked type for javac), hence the broad catch.
            if (e instanceof AnalysisException analysis && analysis.getCondition() != null
                    && analysis.getCondition().startsWith("UNRESOLVED_COLUMN")) {
                String unknown = analysis.getMessageParameters().getOrDefault("objectName", "?").replace("`", "");
                return Optional.of(prefix + "unknown column '" + unknown + "' in sql '" + rule.sql()
                        + "' (declared columns: " + String.join(", ", typedSchema.fieldNames()) + ")");
            }
            if (e instanceof AnalysisException) {
                return Optional.of(prefix + "sql '" + rule.sql() + "' cannot be compiled: "
                        + e.getMessage().lines().map(String::trim).filter(l -> !l.isEmpty())
                                .findFirst().orElse(""));
            }
            throw e;
        }
        if (!type.equals(DataTypes.BooleanType)) {
            return Optional.of(prefix + "sql '" + rule.sql() + "' is of type " + type.simpleString()
                    + "; a rule must be a boolean condition (e.g. price < 1000000)");
        }
        if (!AnalyzedPlans.isRowByRowProjectionOfLocalRows(bound)) {
            return Optional.of(prefix + "sql '" + rule.sql() + "' uses an aggregate, window or generator "
                    + "function; a sql rule checks one row at a time (use a unique rule for duplicates)");
        }
        return Optional.empty();
    }

    /** How many rows eligible for {@code rule} share this row's key: one window per unique rule. */
    static Column uniqueCount(RuleSpec.Unique rule) {
        return count(when(eligible(rule), lit(1))).over(Window.partitionBy(keys(rule)));
    }

    /** A duplicate: the key is complete, the record was split, and another such row has the same key. */
    static ErrorStructs.Check uniqueError(RuleSpec.Unique rule, Column count) {
        List<Column> parts = keyText(rule);
        parts.add(0, lit("duplicate key ("));
        parts.add(lit(") within the run"));
        return error(eligible(rule).and(count.gt(1)), String.join(", ", rule.columns()), rule.name(),
                concat(parts.toArray(Column[]::new)));
    }

    /**
     * The delivery order of keep: first: eligible rows first, then by {@code order_by} ascending (nulls last), then
     * by file name (files are landed in name order) and line.
     */
    private static WindowSpec firstOrder(RuleSpec.Unique rule) {
        List<Column> order = new ArrayList<>();
        order.add(when(eligible(rule), lit(0)).otherwise(lit(1)));
        rule.orderBy().ifPresent(c -> order.add(column(c).asc_nulls_last()));
        order.add(column(RawColumns.SOURCE_FILE).asc_nulls_last());
        order.add(column(RawColumns.LINE).asc_nulls_last());
        return Window.partitionBy(keys(rule)).orderBy(order.toArray(Column[]::new));
    }

    /** A row of a complete key that is not the first of its key: it names the kept row's line. */
    private static ErrorStructs.Check duplicateOfFirstError(RuleSpec.Unique rule, Column rank, Column first) {
        String keeps = " (" + rule.name() + " keeps the first)";
        List<Column> key = keyText(rule);
        key.add(0, lit("duplicate key ("));
        key.add(lit(") of an earlier row" + keeps));
        Column message = when(first.getField("line").isNotNull(), concat(lit("duplicate of line "),
                first.getField("line").cast(DataTypes.StringType), lit(" in "),
                coalesce(first.getField("file"), lit("the batch")), lit(keeps)))
                .otherwise(concat(key.toArray(Column[]::new)));
        return error(eligible(rule).and(rank.gt(1)), String.join(", ", rule.columns()), rule.name(), message);
    }

    /** A non-null value that {@code missing} says is not among the referenced values. */
    private static ErrorStructs.Check referenceError(RuleSpec.References rule, Column missing, String why) {
        Column value = column(rule.column());
        return error(ErrorStructs.isData().and(value.isNotNull()).and(missing), rule.column(), rule.name(),
                concat(ErrorStructs.quoted(value.cast(DataTypes.StringType)), lit(" is not a " + rule.refColumn()
                        + " of " + rule.qualifiedDataset() + why)));
    }

    /**
     * The lookup rows grouped by the {@code on} columns (cast to the row's types) with their count, joined to the
     * rows: the lookup row (a struct named by the alias) when exactly one matches, null otherwise.
     */
    private static UnaryOperator<Dataset<Row>> lookupJoin(DatasetSpec dataset, RuleSpec.Lookup lookup,
                                                         Dataset<Row> table, String prefix, String matches) {
        List<Column> keys = new ArrayList<>();
        List<String> keyNames = new ArrayList<>();
        Column on = lit(true);
        for (int j = 0; j < lookup.on().size(); j++) {
            String c = lookup.on().get(j);
            String key = prefix + "on_" + j;
            keys.add(column(c).try_cast(typeOf(dataset, c)).as(key));
            keyNames.add(key);
            on = on.and(column(c).equalTo(col(key)));
        }
        String row = prefix + "row";
        List<Column> projected = new ArrayList<>(keys);
        projected.add(struct(Arrays.stream(table.columns()).map(ErrorStructs::column).toArray(Column[]::new)).as(row));
        Dataset<Row> grouped = table.select(projected.toArray(Column[]::new))
                .groupBy(keyNames.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(count(lit(1)).as(matches), first(col(row)).as(row));
        Column condition = on;
        return rows -> rows.join(grouped, condition, "left_outer")
                .withColumn(lookup.alias(), when(col(matches).equalTo(lit(1)), col(row)))
                .drop(row).drop(keyNames.toArray(String[]::new));
    }

    /** A lookup key matching several rows fails the rule; otherwise the SQL decides, as {@link #sqlError}. */
    private static ErrorStructs.Check lookupSqlError(RuleSpec.Sql rule, Column matches) {
        RuleSpec.Lookup lookup = rule.lookup().orElseThrow();
        List<Column> key = new ArrayList<>();
        for (int i = 0; i < lookup.on().size(); i++) {
            key.add(lit((i == 0 ? "" : ", ") + lookup.on().get(i) + "="));
            key.add(column(lookup.on().get(i)).cast(DataTypes.StringType));
        }
        key.add(0, lit("rule " + rule.name() + " failed: the lookup key ("));
        key.add(lit(") matches "));
        key.add(matches.cast(DataTypes.StringType));
        key.add(lit(" rows of " + lookup.qualifiedDataset() + " (a lookup key must be unique)"));
        Column ambiguous = coalesce(matches.gt(1), lit(false));
        return error(ambiguous.or(not(coalesce(expr(rule.sql()), lit(true)))), null, rule.name(),
                when(ambiguous, concat(key.toArray(Column[]::new)))
                        .otherwise(lit("rule " + rule.name() + " failed: " + rule.sql())));
    }

    /** False fails the row; null (an operand absent or not parsed) passes, as in a SQL CHECK constraint. */
    static ErrorStructs.Check sqlError(RuleSpec.Sql rule) {
        return error(not(coalesce(expr(rule.sql()), lit(true))), null, rule.name(),
                lit("rule " + rule.name() + " failed: " + rule.sql()));
    }

    private static Column eligible(RuleSpec.Unique rule) {
        Column eligible = ErrorStructs.isData().and(column(ErrorStructs.RAW_RECORD).isNull());
        for (String c : rule.columns()) {
            eligible = eligible.and(column(c).isNotNull());
        }
        return eligible;
    }

    private static Column[] keys(RuleSpec.Unique rule) {
        return rule.columns().stream().map(ErrorStructs::column).toArray(Column[]::new);
    }

    /** {@code a=5, b=x}: the key columns' values as text. */
    private static List<Column> keyText(RuleSpec.Unique rule) {
        List<Column> parts = new ArrayList<>();
        for (int i = 0; i < rule.columns().size(); i++) {
            String c = rule.columns().get(i);
            parts.add(lit((i == 0 ? "" : ", ") + c + "="));
            parts.add(column(c).cast(DataTypes.StringType));
        }
        return parts;
    }

    private static DataType typeOf(DatasetSpec dataset, String column) {
        return StrictParsers.sparkType(dataset.column(column).orElseThrow().type());
    }

    private static Optional<Dataset<Row>> table(Map<String, Optional<Dataset<Row>>> tables, String qualified) {
        return tables.getOrDefault(qualified, Optional.empty());
    }

    /** The {@code wanted} columns the table lacks (names compared ignoring case, as Spark resolves them). */
    private static List<String> missingColumns(Dataset<Row> table, List<String> wanted) {
        Set<String> present = new HashSet<>();
        Arrays.stream(table.columns()).forEach(c -> present.add(c.toLowerCase(Locale.ROOT)));
        return wanted.stream().filter(c -> !present.contains(c.toLowerCase(Locale.ROOT))).toList();
    }
}
