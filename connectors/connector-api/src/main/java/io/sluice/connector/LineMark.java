package io.sluice.connector;

/**
 * A point in a line-based file (CSV, TSV, JSON lines) where a line starts, with the number of records before it.
 * A connector that counts records while landing can record a few of these per file, so that a reader that starts
 * in the middle of the file (Spark splits large files between tasks) learns its first record's number by reading
 * from the nearest mark instead of from the start of the file.
 *
 * @param offset  byte offset of the first byte of a line (a record's first byte), in the file as landed
 * @param records records (not lines: a header and blank lines are not records) in the file before that line
 * @param line    the 1-based physical line starting at {@code offset}; 0 when unknown (manifests written before
 *                it was recorded)
 */
public record LineMark(long offset, long records, long line) {
    public LineMark {
        if (offset < 0 || records < 0 || line < 0) {
            throw new IllegalArgumentException("a line mark needs a non-negative offset, count and line: " + offset
                    + ", " + records + ", " + line);
        }
    }

    /** A mark without its line. */
    public LineMark(long offset, long records) {
        this(offset, records, 0);
    }
}
