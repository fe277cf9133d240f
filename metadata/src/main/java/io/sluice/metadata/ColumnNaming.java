package io.sluice.metadata;

/** How a dataset's declared column names become lake names ({@code column_names}). */
public enum ColumnNaming {
    /** Every {@code name} is a lake name already (the naming rule applies). */
    AS_DECLARED,
    /**
     * A {@code name} may be any source text: the loader turns it into a lake name (see
     * docs/descriptors.md, "Column names") and keeps the text as the column's {@code from}.
     */
    SANITIZE
}
