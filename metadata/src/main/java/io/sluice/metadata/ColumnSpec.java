package io.sluice.metadata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared column of a dataset and the checks on its values.
 *
 * @param name              the column's lake name (in the valid table)
 * @param type              declared type; values are parsed strictly into it
 * @param nullable          whether a missing or empty value is allowed
 * @param key               part of the dataset's key (merge mode, unique-key checks)
 * @param format            the single input format of a date or timestamp column, if written as {@code format}
 * @param description       free text shown in the catalog
 * @param pii               holds personal data: masked in catalog samples
 * @param min               smallest allowed value (numeric columns), inclusive
 * @param max               largest allowed value (numeric columns), inclusive
 * @param minLength         shortest allowed text (string columns)
 * @param maxLength         longest allowed text (string columns)
 * @param pattern           Java regular expression the whole text value must match
 * @param allowed           the only values allowed, as written in the source
 * @param from              the field's name in the source when it differs from {@code name}: a CSV header text, a
 *                          JSON key or a JSON path ({@code address.city}, {@code tags[0]})
 * @param nullValues        tokens that mean a missing value (compared after removing surrounding spaces); the
 *                          column's own list, or else its dataset's
 * @param trueValues        the tokens of {@code true} (boolean columns; empty: {@code true}, ignoring case)
 * @param falseValues       the tokens of {@code false} (boolean columns; empty: {@code false}, ignoring case)
 * @param decimalSeparator  the decimal separator of numeric values ({@code .} or {@code ,}), if not {@code .}
 * @param groupingSeparator a thousands separator numeric values may contain
 * @param formats           the input formats of a date or timestamp column, first that parses wins: Spark
 *                          datetime patterns, or {@link #EPOCH_SECONDS} / {@link #EPOCH_MILLIS}; {@code [format]}
 *                          when only {@code format} is written, empty for the type's default
 * @param timezone          zone of timestamp values that carry no offset (IANA name or offset)
 */
public record ColumnSpec(
        String name,
        ColumnType type,
        boolean nullable,
        boolean key,
        Optional<String> format,
        Optional<String> description,
        boolean pii,
        Optional<BigDecimal> min,
        Optional<BigDecimal> max,
        Optional<Integer> minLength,
        Optional<Integer> maxLength,
        Optional<String> pattern,
        List<String> allowed,
        Optional<String> from,
        List<String> nullValues,
        List<String> trueValues,
        List<String> falseValues,
        Optional<String> decimalSeparator,
        Optional<String> groupingSeparator,
        List<String> formats,
        Optional<String> timezone) {

    /** The format word for a whole number of seconds since 1970-01-01T00:00:00Z. */
    public static final String EPOCH_SECONDS = "epoch_seconds";
    /** The format word for a whole number of milliseconds since 1970-01-01T00:00:00Z. */
    public static final String EPOCH_MILLIS = "epoch_millis";

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(minLength, "minLength");
        Objects.requireNonNull(maxLength, "maxLength");
        Objects.requireNonNull(pattern, "pattern");
        allowed = List.copyOf(allowed);
        Objects.requireNonNull(from, "from");
        nullValues = List.copyOf(nullValues);
        trueValues = List.copyOf(trueValues);
        falseValues = List.copyOf(falseValues);
        Objects.requireNonNull(decimalSeparator, "decimalSeparator");
        Objects.requireNonNull(groupingSeparator, "groupingSeparator");
        formats = formats.isEmpty() && format.isPresent() ? List.of(format.get()) : List.copyOf(formats);
        Objects.requireNonNull(timezone, "timezone");
    }

    /** A column with the checks of its first thirteen fields and none of the source-value settings. */
    public ColumnSpec(String name, ColumnType type, boolean nullable, boolean key, Optional<String> format,
                      Optional<String> description, boolean pii, Optional<BigDecimal> min, Optional<BigDecimal> max,
                      Optional<Integer> minLength, Optional<Integer> maxLength, Optional<String> pattern,
                      List<String> allowed) {
        this(name, type, nullable, key, format, description, pii, min, max, minLength, maxLength, pattern, allowed,
                Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty());
    }

    /** A plain column with no checks beyond its type; key columns are never nullable. */
    public static ColumnSpec of(String name, ColumnType type, boolean nullable) {
        return new ColumnSpec(name, type, nullable, false, Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** The field's name in the source: {@code from}, or else the lake name. */
    public String sourceName() {
        return from.orElse(name);
    }

    /** This column read from the source field {@code source} ({@code from}). */
    public ColumnSpec withFrom(String source) {
        return new ColumnSpec(name, type, nullable, key, format, description, pii, min, max, minLength, maxLength,
                pattern, allowed, Optional.of(source), nullValues, trueValues, falseValues, decimalSeparator,
                groupingSeparator, formats, timezone);
    }

    /** This column with {@code tokens} as its null tokens. */
    public ColumnSpec withNullValues(List<String> tokens) {
        return new ColumnSpec(name, type, nullable, key, format, description, pii, min, max, minLength, maxLength,
                pattern, allowed, from, tokens, trueValues, falseValues, decimalSeparator, groupingSeparator, formats,
                timezone);
    }

    /** Whether {@code formats} holds an epoch word rather than a pattern. */
    public static boolean isEpoch(String format) {
        return EPOCH_SECONDS.equals(format) || EPOCH_MILLIS.equals(format);
    }
}
