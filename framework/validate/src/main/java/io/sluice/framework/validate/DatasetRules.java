package io.sluice.framework.validate;

import static io.sluice.framework.validate.ErrorStructs.column;
import static io.sluice.framework.validate.ErrorStructs.error;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.sluice.compat.plan.AnalyzedPlans;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.Origin;
import io.sluice.metadata.Problem;
import io.sluice.metadata.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Binds and compiles the dataset-level rules: unique keys (a window count) and SQL conditions. */
final class DatasetRules {
    private DatasetRules() {
    }

    /**
     * Every reason a rule cannot be compiled, located at the rule's pointer. SQL rules are analyzed against an
     * empty relation of the typed schema, so nothing runs.
     */
    static List<Problem> bind(SparkSession spark, DatasetSpec dataset, StructType typedSchema) {
        Origin origin = dataset.origin();
        String declared = String.join(", ", typedSchema.fieldNames());
        List<Problem> problems = new ArrayList<>();
        for (RuleSpec rule : dataset.rules()) {
            if (rule instanceof RuleSpec.Unique unique) {
                if (unique.columns().isEmpty()) {
                    problems.add(origin.problem(rule.pointer(), "rule '" + rule.name() + "': unique needs at least "
                            + "one column (declared columns: " + declared + ")"));
                }
                for (String c : unique.columns()) {
                    if (dataset.column(c).isEmpty()) {
                        problems.add(origin.problem(rule.pointer(), "rule '" + rule.name() + "': unknown column '"
                                + c + "' (declared columns: " + declared + ")"));
                    }
                }
            } else if (rule instanceof RuleSpec.Sql sql) {
                bindSql(spark, sql, typedSchema).ifPresent(m -> problems.add(origin.problem(rule.pointer(), m)));
            } else {
                throw new IllegalStateException("unhandled rule kind: " + rule);
            }
        }
        return problems;
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
        return count(when(eligible(rule), lit(1)))
                .over(Window.partitionBy(rule.columns().stream().map(ErrorStructs::column).toArray(Column[]::new)));
    }

    /** A duplicate: the key is complete, the record was split, and another such row has the same key. */
    static ErrorStructs.Check uniqueError(RuleSpec.Unique rule, Column count) {
        List<Column> parts = new ArrayList<>();
        parts.add(lit("duplicate key ("));
        for (int i = 0; i < rule.columns().size(); i++) {
            String c = rule.columns().get(i);
            parts.add(lit((i == 0 ? "" : ", ") + c + "="));
            parts.add(column(c).cast(DataTypes.StringType));
        }
        parts.add(lit(") within the run"));
        return error(eligible(rule).and(count.gt(1)), String.join(", ", rule.columns()), rule.name(),
                concat(parts.toArray(Column[]::new)));
    }

    /** False fails the row; null (an operand absent or not parsed) passes, as in a SQL CHECK constraint. */
    static ErrorStructs.Check sqlError(RuleSpec.Sql rule) {
        return error(not(coalesce(expr(rule.sql()), lit(true))), null, rule.name(),
                lit("rule " + rule.name() + " failed: " + rule.sql()));
    }

    private static Column eligible(RuleSpec.Unique rule) {
        Column eligible = column(ErrorStructs.RAW_RECORD).isNull();
        for (String c : rule.columns()) {
            eligible = eligible.and(column(c).isNotNull());
        }
        return eligible;
    }
}
