package io.sluice.metadata;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A declared column type. {@code precision} and {@code scale} are meaningful for {@link Kind#DECIMAL} only.
 */
public record ColumnType(Kind kind, int precision, int scale) {
    /** The types a descriptor may declare. */
    public enum Kind { STRING, INT, LONG, DOUBLE, DECIMAL, BOOLEAN, DATE, TIMESTAMP }

    /** Largest decimal precision Spark supports. */
    public static final int MAX_PRECISION = 38;

    private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    /** The spellings {@link #parse} accepts, for error messages. */
    public static final String EXPECTED = "string, int, long, double, decimal(p,s), boolean, date, timestamp";

    public ColumnType {
        if (kind == Kind.DECIMAL) {
            if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("decimal(" + precision + "," + scale + ") is out of range");
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException(kind + " takes no precision or scale");
        }
    }

    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0);
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /** Parses a descriptor spelling such as {@code long} or {@code decimal(12,2)}; empty when unknown or out of range. */
    public static Optional<ColumnType> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DECIMAL.matcher(t);
        if (m.matches()) {
            int p = Integer.parseInt(m.group(1));
            int s = Integer.parseInt(m.group(2));
            if (p < 1 || p > MAX_PRECISION || s > p) {
                return Optional.empty();
            }
            return Optional.of(decimal(p, s));
        }
        for (Kind k : Kind.values()) {
            if (k != Kind.DECIMAL && k.name().toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(of(k));
            }
        }
        return Optional.empty();
    }

    public boolean isNumeric() {
        return kind == Kind.INT || kind == Kind.LONG || kind == Kind.DOUBLE || kind == Kind.DECIMAL;
    }

    /** The descriptor spelling, which is also a valid Spark SQL type name. */
    @Override
    public String toString() {
        return kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")" : kind.name().toLowerCase(Locale.ROOT);
    }
}
