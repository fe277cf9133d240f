package io.sluice.catalog;

import io.sluice.metadata.ColumnSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * One column of an asset's schema as analysts see it.
 *
 * @param name        column name
 * @param type        type as written in descriptors ({@code long}, {@code decimal(12,2)}, …) or the zone's own
 *                    (raw columns are {@code string})
 * @param nullable    whether the column may be null
 * @param description free text, empty when none was declared
 * @param pii         holds personal data: masked in samples, flagged on pages
 */
public record Column(String name, String type, boolean nullable, Optional<String> description, boolean pii) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (name.isBlank()) {
            throw new IllegalArgumentException("column name must not be blank");
        }
    }

    /** A column without description and without personal data. */
    public static Column of(String name, String type, boolean nullable) {
        return new Column(name, type, nullable, Optional.empty(), false);
    }

    /** The catalog view of a declared descriptor column. */
    public static Column from(ColumnSpec spec) {
        return new Column(spec.name(), spec.type().toString(), spec.nullable(), spec.description(), spec.pii());
    }
}
