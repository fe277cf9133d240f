package io.sluice.framework.validate;

import static org.apache.spark.sql.functions.current_timezone;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.when;

import io.sluice.metadata.ColumnSpec;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * How a source writes its values, declared per column: null tokens, decimal and grouping separators,
 * epoch numbers and the time zone of timestamps without offset. Each piece is a Spark expression built from
 * built-in functions, like the rest of the validation.
 */
final class SourceValues {
    // Spark's string-to-number casts accept more than the declared notation; the guards below (Java regular
    // expressions, Spark's rlike) keep it strict. They end in \z, not $: a $ also matches before a final line
    // break, and Spark's casts would drop it silently.
    private static final String SIGNED_INTEGER = "^[+-]?[0-9]+\\z";
    // Pattern letters that read an offset or a zone (Spark's datetime patterns, as java.time's).
    private static final String ZONE_LETTERS = "VvzOXxZ";

    private SourceValues() {
    }

    /**
     * The column's null tokens as compared: without surrounding spaces (the value loses its own, with Spark's
     * {@code trim}, before it is compared).
     */
    static Object[] nullTokens(ColumnSpec spec) {
        return spec.nullValues().stream().map(SourceValues::trimSpaces).distinct().toArray();
    }

    /** Boolean tokens as compared: without surrounding spaces, lower case. */
    static Object[] lowerTokens(List<String> tokens) {
        return tokens.stream().map(t -> trimSpaces(t).toLowerCase(Locale.ROOT)).distinct().toArray();
    }

    /** {@code Y}, {@code Y or 1}, {@code Y, yes or 1}. */
    static String either(List<String> tokens) {
        return tokens.size() == 1 ? tokens.get(0)
                : String.join(", ", tokens.subList(0, tokens.size() - 1)) + " or " + tokens.get(tokens.size() - 1);
    }

    /** {@code [+-]digits}, the digits optionally in well-formed groups of three. */
    static String wholeNumber(ColumnSpec spec) {
        return "^[+-]?" + integerPart(spec) + "\\z";
    }

    /** Plain notation with at most {@code scale} fractional digits: extra digits are not rounded away. */
    static String decimalNumber(ColumnSpec spec, int scale) {
        String point = Pattern.quote(decimalSeparator(spec));
        return scale == 0
                ? wholeNumber(spec)
                : "^[+-]?(?:" + integerPart(spec) + "(?:" + point + "[0-9]{0," + scale + "})?|" + point + "[0-9]{1,"
                        + scale + "})\\z";
    }

    /** Decimal or scientific notation. */
    static String floatingNumber(ColumnSpec spec) {
        String point = Pattern.quote(decimalSeparator(spec));
        return "^[+-]?(?:" + integerPart(spec) + "(?:" + point + "[0-9]*)?|" + point + "[0-9]+)(?:[eE][+-]?[0-9]+)?\\z";
    }

    /**
     * The text in the notation Spark's casts read: grouping separators removed, the decimal separator turned into
     * {@code .}. Only applied to texts whose shape a guard above has accepted. The text itself when the column
     * declares neither.
     */
    static Column plainNumber(Column trimmed, ColumnSpec spec) {
        String point = decimalSeparator(spec);
        boolean comma = !point.equals(".");
        // translate maps each character of the first list to the one at the same place in the second, and drops
        // those past its end: the decimal separator (first) becomes '.', the grouping separator goes
        String matching = (comma ? point : "") + spec.groupingSeparator().orElse("");
        return matching.isEmpty() ? trimmed : translate(trimmed, matching, comma ? "." : "");
    }

    /**
     * {@code decimal separator ',', grouping separator '.'}, the separators a value of the column is read with,
     * when they are not the plain notation's; empty otherwise. {@code withDecimal} false for whole numbers.
     */
    static String separators(ColumnSpec spec, boolean withDecimal) {
        StringBuilder out = new StringBuilder();
        if (withDecimal && !decimalSeparator(spec).equals(".")) {
            out.append("decimal separator ").append(shown(decimalSeparator(spec)));
        }
        spec.groupingSeparator().ifPresent(g -> out.append(out.isEmpty() ? "" : ", ").append("grouping separator ")
                .append(shown(g)));
        return out.toString();
    }

    /**
     * The timestamp of an optionally signed whole number of seconds (or milliseconds) since the epoch; null
     * outside {@code [earliest, latest]} (a value beyond it is a type error, never an overflow).
     */
    static Column epoch(Column trimmed, long earliest, long latest, boolean millis) {
        // try_cast yields null past the long range; the range check comes before the conversion, which would fail
        Column number = when(trimmed.rlike(SIGNED_INTEGER), trimmed.try_cast(DataTypes.LongType));
        return when(number.between(earliest, latest), millis ? timestamp_millis(number) : timestamp_seconds(number));
    }

    /**
     * The instant at which the wall clock of {@code zone} shows what {@code parsed} shows in the session time zone
     * (how a timestamp without offset was parsed). A wall-clock time that the zone skips (a daylight-saving gap)
     * moves forward by the gap; one it shows twice is the earlier instant.
     */
    static Column wallClockIn(Column parsed, String zone) {
        return to_utc_timestamp(from_utc_timestamp(parsed, current_timezone()), lit(zone));
    }

    /** Whether a datetime pattern reads an offset or a zone: a zone letter outside quoted text. */
    static boolean readsZone(String pattern) {
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && ZONE_LETTERS.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String integerPart(ColumnSpec spec) {
        return spec.groupingSeparator()
                .map(g -> "(?:[0-9]{1,3}(?:" + Pattern.quote(g) + "[0-9]{3})+|[0-9]+)")
                .orElse("[0-9]+");
    }

    private static String decimalSeparator(ColumnSpec spec) {
        return spec.decimalSeparator().orElse(".");
    }

    private static String shown(String separator) {
        return switch (separator) {
            case " " -> "' ' (space)";
            case "\u00a0" -> "U+00A0 (no-break space)";
            case "\u202f" -> "U+202F (narrow no-break space)";
            default -> "'" + separator + "'";
        };
    }

    /** Without the spaces (U+0020 only) at either end, as Spark's {@code trim}. */
    static String trimSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start, end);
    }
}
