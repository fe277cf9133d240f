package io.sluice.bench;

import java.util.List;

/**
 * The realistic defects the generator plants in a stated share of rows, one per corrupted row. Each must make
 * the row fail the dataset's declared checks, and only that row: the harness checks that the number of
 * rejected rows equals the number of corrupted ones.
 */
public enum Corruption {
    /** A date that does not exist: {@code 2026-02-30}. */
    BAD_CALENDAR_DATE,
    /** A word where a date belongs: {@code yesterday}. */
    WORD_DATE,
    /** Text in a number column: {@code N/A}. */
    TEXT_IN_NUMBER,
    /** A decimal with more places than the column's scale: {@code 1234.567} for {@code decimal(15,2)}. */
    TOO_MANY_DECIMALS,
    /** A short row: the last fields are missing. */
    MISSING_FIELDS,
    /**
     * A quoted field with text after its closing quote ({@code "NONE"?}): malformed on its own line whether the file
     * is read line by line or as RFC 4180. (A quote left open instead would, by RFC 4180, run on into the next lines
     * up to the next quote of the file, merging rows: the file would no longer hold the rows generated.)
     */
    BROKEN_QUOTING,
    /** A negative quantity (lineitem) or amount (orders), below the column's minimum. */
    NEGATIVE_NUMBER;

    private static final List<Corruption> ALL = List.of(values());

    static Corruption pick(long hash) {
        return ALL.get((int) Math.floorMod(hash, (long) ALL.size()));
    }

    /**
     * Applies this defect to the formatted fields of one row of {@code table}.
     *
     * @return the defective row; {@link Row#verbatim()} names a field written without CSV quoting
     */
    Row apply(TpchTables.Table table, String[] fields) {
        boolean lineitem = table.equals(TpchTables.LINEITEM);
        String[] f = fields.clone();
        switch (this) {
            case BAD_CALENDAR_DATE -> f[table.indexOf(lineitem ? "l_shipdate" : "o_orderdate")] = "2026-02-30";
            case WORD_DATE -> f[table.indexOf(lineitem ? "l_receiptdate" : "o_orderdate")] = "yesterday";
            case TEXT_IN_NUMBER -> f[table.indexOf(lineitem ? "l_partkey" : "o_custkey")] = "N/A";
            case TOO_MANY_DECIMALS -> {
                int i = table.indexOf(lineitem ? "l_extendedprice" : "o_totalprice");
                f[i] = f[i] + "7";
            }
            case MISSING_FIELDS -> {
                String[] shorter = new String[f.length - (lineitem ? 3 : 2)];
                System.arraycopy(f, 0, shorter, 0, shorter.length);
                return new Row(shorter, -1);
            }
            case BROKEN_QUOTING -> {
                int i = table.indexOf(lineitem ? "l_shipinstruct" : "o_orderpriority");
                f[i] = "\"" + f[i] + "\"?";
                return new Row(f, i);
            }
            case NEGATIVE_NUMBER -> {
                int i = table.indexOf(lineitem ? "l_quantity" : "o_totalprice");
                f[i] = "-" + f[i];
            }
            default -> throw new IllegalStateException("unhandled corruption " + this);
        }
        return new Row(f, -1);
    }

    /** A row's fields; {@code verbatim} is the index of a field written as is (no quoting), or -1. */
    record Row(String[] fields, int verbatim) {
    }
}
