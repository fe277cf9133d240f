package io.sluice.metadata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared column of a dataset and the checks on its values.
 *
 * @param name        column name in the source (and in the valid table)
 * @param type        declared type; values are parsed strictly into it
 * @param nullable    whether a missing or empty value is allowed
 * @param key         part of the dataset's key (merge mode, unique-key checks)
 * @param format      input format for date and timestamp columns (Spark datetime pattern), empty for the default
 * @param description free text shown in the catalog
 * @param pii         holds personal data: masked in catalog samples
 * @param min         smallest allowed value (numeric columns), inclusive
 * @param max         largest allowed value (numeric columns), inclusive
 * @param minLength   shortest allowed text (string columns)
 * @param maxLength   longest allowed text (string columns)
 * @param pattern     Java regular expression the whole text value must match
 * @param allowed     the only values allowed, as written in the source
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
        List<String> allowed) {

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
    }

    /** A plain column with no checks beyond its type; key columns are never nullable. */
    public static ColumnSpec of(String name, ColumnType type, boolean nullable) {
        return new ColumnSpec(name, type, nullable, false, Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }
}
