package io.sluice.framework.validate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_date;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Strict conversion of one raw value into its declared type, as Spark expressions that yield null when the value
 * does not convert. Only {@code try_*} functions and regular-expression guards are used, so the result is the
 * same with {@code spark.sql.ansi.enabled} on or off, and nothing is rounded or truncated silently.
 */
final class StrictParsers {
    /** Default pattern of date columns without a {@code format}. */
    static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";

    // Spark's string→int cast would accept what Java's parsers accept; these guards keep the notation plain. They
    // end in \z, not $: a $ also matches before a final line break, and Spark's casts would drop it silently.
    private static final String WHOLE_NUMBER = "^[+-]?[0-9]+\\z";
    private static final String FLOATING = "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\z";
    // The default date pattern's exact shape; Spark's string→date cast then refuses days that do not exist.
    private static final String ISO_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}\\z";
    private static final String NO_OUTER_WHITESPACE = "\\A\\S(?:.*\\S)?\\z";

    private StrictParsers() {
    }

    static DataType sparkType(ColumnType type) {
        return switch (type.kind()) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case DECIMAL -> DataTypes.createDecimalType(type.precision(), type.scale());
            case BOOLEAN -> DataTypes.BooleanType;
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }

    /** Whether converting this column from text goes through Spark's datetime parser. */
    static boolean parsesDatetime(ColumnType type) {
        return type.kind() == ColumnType.Kind.DATE || type.kind() == ColumnType.Kind.TIMESTAMP;
    }

    /**
     * The typed value of a text whose surrounding spaces are already removed; null when it is not a value of
     * the declared type. Never called for string columns (their text is their value).
     */
    static Column fromText(Column trimmed, ColumnSpec spec) {
        ColumnType type = spec.type();
        DataType target = sparkType(type);
        return switch (type.kind()) {
            case INT, LONG -> when(trimmed.rlike(WHOLE_NUMBER), trimmed.try_cast(target));
            case DECIMAL -> when(trimmed.rlike(decimalNotation(type.scale())), trimmed.try_cast(target));
            case DOUBLE -> {
                // "1e999" parses to Infinity: that is an overflow, not a number.
                Column parsed = trimmed.try_cast(target);
                yield when(trimmed.rlike(FLOATING).and(abs(parsed).notEqual(lit(Double.POSITIVE_INFINITY))), parsed);
            }
            case BOOLEAN -> when(lower(trimmed).equalTo("true"), lit(true))
                    .when(lower(trimmed).equalTo("false"), lit(false));
            // the default pattern without the datetime formatter, which costs several times as much per value
            case DATE -> spec.format().filter(f -> !f.equals(DEFAULT_DATE_FORMAT))
                    .map(f -> try_to_date(trimmed, f))
                    .orElseGet(() -> when(trimmed.rlike(ISO_DATE), trimmed.try_cast(DataTypes.DateType)));
            // without a format Spark's cast also drops tabs and line breaks around the value (trim removed only
            // spaces): the guard refuses them, as every other type does
            case TIMESTAMP -> spec.format()
                    .map(f -> try_to_timestamp(trimmed, lit(f)))
                    .orElseGet(() -> when(trimmed.rlike(NO_OUTER_WHITESPACE), try_to_timestamp(trimmed)))
                    .cast(DataTypes.TimestampType);
            case STRING -> throw new IllegalStateException("string columns are not parsed");
        };
    }

    /**
     * The declared value of a typed (Avro, Parquet, JDBC) source field. Numbers convert to numbers and dates to
     * timestamps (and back) only when the value survives the round trip unchanged; any other pairing goes
     * through the value's text and is parsed strictly, so a changed source type yields row errors, not a crash.
     */
    static Column fromTyped(Column source, DataType sourceType, ColumnSpec spec) {
        DataType target = sparkType(spec.type());
        if (sourceType.equals(target)) {
            return source;
        }
        if (target.equals(DataTypes.StringType)) {
            return source.cast(DataTypes.StringType);
        }
        if (numeric(sourceType) && numeric(target) || datetime(sourceType) && datetime(target)) {
            Column converted = source.try_cast(target);
            return when(converted.try_cast(sourceType).equalTo(source), converted);
        }
        return fromText(trim(source.cast(DataTypes.StringType)), spec);
    }

    /** {@code 'text' is not an int}, {@code 'x' is not a date (expected yyyy-MM-dd)}, … */
    static Column typeMessage(Column text, ColumnSpec spec) {
        return concat(ErrorStructs.quoted(text), lit(" is not " + expectation(spec)));
    }

    static String expectation(ColumnSpec spec) {
        ColumnType type = spec.type();
        return switch (type.kind()) {
            case INT -> "an int";
            case LONG -> "a long";
            case DOUBLE -> "a double";
            case DECIMAL -> "a " + type + " (" + decimalExpectation(type) + ")";
            case BOOLEAN -> "a boolean (expected true or false)";
            case DATE -> "a date (expected " + spec.format().orElse(DEFAULT_DATE_FORMAT) + ")";
            case TIMESTAMP -> "a timestamp (expected " + spec.format()
                    .orElse("an ISO 8601 date-time such as 2026-11-22 10:15:00") + ")";
            case STRING -> "a string";
        };
    }

    private static String decimalExpectation(ColumnType type) {
        BigDecimal largest = BigDecimal.ONE.movePointRight(type.precision() - type.scale())
                .subtract(BigDecimal.ONE.movePointLeft(type.scale()));
        return type.scale() == 0
                ? "expected a whole number within ±" + largest.toPlainString()
                : "expected plain notation, at most " + type.scale() + " decimal places, within ±"
                        + largest.toPlainString();
    }

    /** Plain decimal notation with at most {@code scale} fractional digits: extra digits are not rounded away. */
    private static String decimalNotation(int scale) {
        return scale == 0
                ? WHOLE_NUMBER
                : "^[+-]?([0-9]+(\\.[0-9]{0," + scale + "})?|\\.[0-9]{1," + scale + "})\\z";
    }

    private static boolean numeric(DataType type) {
        return type instanceof NumericType;
    }

    private static boolean datetime(DataType type) {
        return type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType;
    }
}
