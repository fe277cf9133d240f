package io.sluice.framework.validate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    // The default date pattern's exact shape; Spark's string→date cast then refuses days that do not exist.
    private static final String ISO_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}\\z";
    private static final String NO_OUTER_WHITESPACE = "\\A\\S(?:.*\\S)?\\z";
    // The ISO forms without an offset or zone that Spark's timestamp cast reads: a year, month or date, or a date
    // and a time to nanoseconds. These are the values a declared timezone applies to; any other form keeps its own
    // offset.
    private static final String ISO_LOCAL_DATE_TIME = "^[0-9]{4}(?:-[0-9]{1,2}(?:-[0-9]{1,2}"
            + "(?:[T ][0-9]{1,2}(?::[0-9]{1,2}(?::[0-9]{1,2}(?:\\.[0-9]{0,9})?)?)?)?)?)?\\z";
    // The range of Spark's datetime patterns: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, in epoch seconds.
    private static final long EARLIEST_SECOND = -62_135_596_800L;
    private static final long LATEST_SECOND = 253_402_300_799L;

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
        // Separators other than the plain notation's are removed or turned into '.' only after the guard has
        // accepted the text's shape, so a misplaced group never reaches the cast.
        Column plain = SourceValues.plainNumber(trimmed, spec);
        return switch (type.kind()) {
            case INT, LONG -> when(trimmed.rlike(SourceValues.wholeNumber(spec)), plain.try_cast(target));
            case DECIMAL -> when(trimmed.rlike(SourceValues.decimalNumber(spec, type.scale())), plain.try_cast(target));
            case DOUBLE -> {
                // "1e999" parses to Infinity: that is an overflow, not a number.
                Column parsed = plain.try_cast(target);
                yield when(trimmed.rlike(SourceValues.floatingNumber(spec))
                        .and(abs(parsed).notEqual(lit(Double.POSITIVE_INFINITY))), parsed);
            }
            case BOOLEAN -> spec.trueValues().isEmpty()
                    ? when(lower(trimmed).equalTo("true"), lit(true)).when(lower(trimmed).equalTo("false"), lit(false))
                    : when(lower(trimmed).isin(SourceValues.lowerTokens(spec.trueValues())), lit(true))
                            .when(lower(trimmed).isin(SourceValues.lowerTokens(spec.falseValues())), lit(false));
            case DATE -> firstParsed(dateFormats(spec).stream().map(f -> date(trimmed, f)).toList());
            case TIMESTAMP -> timestamp(trimmed, spec);
            case STRING -> throw new IllegalStateException("string columns are not parsed");
        };
    }

    /** The patterns a date column tries, in order. */
    private static List<String> dateFormats(ColumnSpec spec) {
        return spec.formats().isEmpty() ? List.of(DEFAULT_DATE_FORMAT) : spec.formats();
    }

    // the default pattern without the datetime formatter, which costs several times as much per value
    private static Column date(Column trimmed, String format) {
        return format.equals(DEFAULT_DATE_FORMAT)
                ? when(trimmed.rlike(ISO_DATE), trimmed.try_cast(DataTypes.DateType))
                : try_to_date(trimmed, format);
    }

    private static Column timestamp(Column trimmed, ColumnSpec spec) {
        Optional<String> zone = spec.timezone();
        if (spec.formats().isEmpty()) {
            // without a format Spark's cast also drops tabs and line breaks around the value (trim removed only
            // spaces): the guard refuses them, as every other type does
            Column parsed = when(trimmed.rlike(NO_OUTER_WHITESPACE), try_to_timestamp(trimmed))
                    .cast(DataTypes.TimestampType);
            return zone.map(z -> when(trimmed.rlike(ISO_LOCAL_DATE_TIME), SourceValues.wallClockIn(parsed, z))
                    .otherwise(parsed)).orElse(parsed);
        }
        List<Column> parsed = new ArrayList<>();
        for (String format : spec.formats()) {
            if (format.equals(ColumnSpec.EPOCH_SECONDS)) {
                parsed.add(SourceValues.epoch(trimmed, EARLIEST_SECOND, LATEST_SECOND, false));
            } else if (format.equals(ColumnSpec.EPOCH_MILLIS)) {
                parsed.add(SourceValues.epoch(trimmed, EARLIEST_SECOND * 1000, LATEST_SECOND * 1000 + 999, true));
            } else {
                Column value = try_to_timestamp(trimmed, lit(format)).cast(DataTypes.TimestampType);
                // a pattern that reads an offset or zone keeps the value's own
                parsed.add(zone.isPresent() && !SourceValues.readsZone(format)
                        ? SourceValues.wallClockIn(value, zone.get()) : value);
            }
        }
        return firstParsed(parsed);
    }

    /** The first of {@code parsed} that is not null: the first format that parses wins. */
    private static Column firstParsed(List<Column> parsed) {
        return parsed.size() == 1 ? parsed.get(0) : coalesce(parsed.toArray(Column[]::new));
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
        String separators = SourceValues.separators(spec, type.kind() != ColumnType.Kind.INT
                && type.kind() != ColumnType.Kind.LONG);
        String numberNote = separators.isEmpty() ? "" : " (" + separators + ")";
        return switch (type.kind()) {
            case INT -> "an int" + numberNote;
            case LONG -> "a long" + numberNote;
            case DOUBLE -> "a double" + numberNote;
            case DECIMAL -> "a " + type + " (" + decimalExpectation(type, spec, separators) + ")";
            case BOOLEAN -> "a boolean (expected " + (spec.trueValues().isEmpty() ? "true or false"
                    : SourceValues.either(spec.trueValues()) + " for true, " + SourceValues.either(spec.falseValues())
                            + " for false") + ")";
            case DATE -> datetimeExpectation("a date", dateFormats(spec), DEFAULT_DATE_FORMAT);
            case TIMESTAMP -> datetimeExpectation("a timestamp", spec.formats(),
                    "an ISO 8601 date-time such as 2026-11-22 10:15:00");
            case STRING -> "a string";
        };
    }

    private static String datetimeExpectation(String what, List<String> formats, String byDefault) {
        return switch (formats.size()) {
            case 0 -> what + " (expected " + byDefault + ")";
            case 1 -> what + " (expected " + formats.get(0) + ")";
            default -> what + " in any of: " + String.join(", ", formats);
        };
    }

    private static String decimalExpectation(ColumnType type, ColumnSpec spec, String separators) {
        BigDecimal largest = BigDecimal.ONE.movePointRight(type.precision() - type.scale())
                .subtract(BigDecimal.ONE.movePointLeft(type.scale()));
        String notation = separators.isEmpty() ? "" : ", " + separators;
        return type.scale() == 0
                ? "expected a whole number" + notation + (notation.isEmpty() ? "" : ",") + " within ±"
                        + largest.toPlainString()
                : "expected plain notation" + notation + ", at most " + type.scale() + " decimal places, within ±"
                        + largest.toPlainString().replace(".", spec.decimalSeparator().orElse("."));
    }

    private static boolean numeric(DataType type) {
        return type instanceof NumericType;
    }

    private static boolean datetime(DataType type) {
        return type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType;
    }
}
