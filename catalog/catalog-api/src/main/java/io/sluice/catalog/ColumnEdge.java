package io.sluice.catalog;

import java.util.Objects;

/**
 * One column of an asset computed from one column of another: {@code from.fromColumn} feeds {@code to.toColumn}
 * (for a refined table, read from the analyzed plan of its SQL).
 */
public record ColumnEdge(AssetName from, String fromColumn, AssetName to, String toColumn) {
    public ColumnEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromColumn, "fromColumn");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(toColumn, "toColumn");
    }

    @Override
    public String toString() {
        return from.qualified() + "." + fromColumn + " -> " + to.qualified() + "." + toColumn;
    }
}
