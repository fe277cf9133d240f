package io.sluice.framework.validate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Column names of the validation outputs and the builders of one {@code _errors} entry. */
final class ErrorStructs {
    static final String ORIGINAL = "_original";
    static final String ERRORS = "_errors";
    static final String RAW_RECORD = "_raw_record";
    static final String RESCUED = "_rescued";
    /** Prefix of the intermediate columns of {@link CompiledValidation#check}; never part of valid or error. */
    static final String INTERNAL_PREFIX = "_sluice_";
    /** Whether the row fails any check: computed first, so that only failing rows build their errors. */
    static final String FAILED = INTERNAL_PREFIX + "failed";
    /**
     * Why the connector skipped the record ({@code _skipped}: a preamble or footer line, a record type that is not
     * data), else null; a skipped row goes to the error table with this reason alone.
     */
    static final String SKIPPED = INTERNAL_PREFIX + "skipped";
    /** The {@code _errors.rule} of a skipped record. */
    static final String SKIPPED_RULE = "skipped";

    static final StructType ERROR_TYPE = new StructType()
            .add("column", DataTypes.StringType, true)
            .add("rule", DataTypes.StringType, true)
            .add("message", DataTypes.StringType, true);

    /** Values longer than this are cut in messages, so one huge field cannot bloat the error table twice. */
    private static final int SHOWN_CHARACTERS = 100;

    private ErrorStructs() {
    }

    /**
     * One check of a row: its failure condition (true fails; false and null pass) and the error entry it reports.
     *
     * @param condition true when the row fails the check
     * @param entry     the error struct it reports when {@code condition} holds
     * @param reason    the column and rule the entry names
     */
    record Check(Column condition, Column entry, CompiledValidation.Reason reason) {
    }

    /** A check reporting {@code message} for {@code column} and {@code rule} when {@code condition} holds. */
    static Check error(Column condition, String column, String rule, Column message) {
        Column columnName = column == null ? lit(null).cast(DataTypes.StringType) : lit(column);
        return new Check(condition, struct(columnName.as("column"), lit(rule).as("rule"), message.as("message")),
                new CompiledValidation.Reason(column, rule));
    }

    /**
     * The entries of the failed {@code checks}, in order; an empty array when none failed. Each check adds a
     * one-entry array or an empty one, and {@code concat} joins them: no lambda, so Spark generates code for it.
     * A lambda ({@code array_compact} of an array with nulls, as before) was evaluated without generated code, at
     * about 40 µs per rejected row: a tenth of a second per ten thousand rejected rows, and far more for data with
     * many rejections.
     */
    static Column entries(List<Check> checks) {
        List<Column> parts = new ArrayList<>(checks.size());
        checks.forEach(c -> parts.add(when(c.condition(), array(c.entry())).otherwise(noErrors())));
        return switch (parts.size()) {
            case 0 -> noErrors();
            case 1 -> parts.get(0);
            default -> concat(parts.toArray(Column[]::new));
        };
    }

    /** The check's condition as a flag: true when it fails, false otherwise (never null). */
    static Column fails(Check check) {
        return coalesce(check.condition(), lit(false));
    }

    /**
     * True when at least one of {@code checks} fails, each asked on its own. The validation asks one flag per
     * column instead ({@link ColumnCompiler.CompiledColumn#fails}), which must agree with this.
     */
    static Column anyFails(List<Check> checks) {
        return anyTrue(checks.stream().map(ErrorStructs::fails).toList());
    }

    /**
     * True when one of {@code flags} (each true or false, never null) is true. A {@code greatest} rather than a
     * chain of ORs: outside whole-stage code generation Spark splits its arguments into separate small methods, so
     * a wide dataset does not make one method too large for the JIT (HotSpot does not compile methods over 8,000
     * bytes of bytecode; they stay interpreted).
     */
    static Column anyTrue(List<Column> flags) {
        return switch (flags.size()) {
            case 0 -> lit(false);
            case 1 -> flags.get(0);
            default -> greatest(flags.toArray(Column[]::new));
        };
    }

    /** The {@code _errors} of a valid row: an empty array of the type {@link #compact} yields (a literal). */
    static Column noErrors() {
        return array().cast(DataTypes.createArrayType(ERROR_TYPE, false));
    }

    /** True for a row that is data: not a record the connector skipped. */
    static Column isData() {
        return col(SKIPPED).isNull();
    }

    /** {@code 'value'}, cut to a readable length. */
    static Column quoted(Column text) {
        Column shown = when(length(text).gt(SHOWN_CHARACTERS),
                concat(substring(text, 1, SHOWN_CHARACTERS), lit("…"))).otherwise(text);
        return concat(lit("'"), shown, lit("'"));
    }

    /** A reference to a top-level column whatever characters its name holds (dots, spaces, backticks). */
    static Column column(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }
}
