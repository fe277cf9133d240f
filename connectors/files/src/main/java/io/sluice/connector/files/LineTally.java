package io.sluice.connector.files;

import io.sluice.connector.LineMark;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the records of a line-based file as Spark's line reader produces rows from it, byte by byte, so that the
 * count can start at the beginning of the file or at any line start ({@link LineMark}).
 *
 * <p>Lines end at {@code \n}, {@code \r} and {@code \r\n}, as Hadoop's line reader splits them. A blank line (for
 * CSV/TSV every byte ≤ 0x20, for JSON only spaces and tabs) is no record, nor is a delimited line starting with NUL
 * (Spark's default comment character); with a header, the first non-blank line is the header. While counting from
 * the start of a file, the tally can note a mark at the last line starting at or before every multiple of
 * {@code markEvery} bytes.
 */
final class LineTally {
    private final boolean delimited;
    private final long markEvery;
    private final List<LineMark> marks = new ArrayList<>();
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private boolean headerPending;
    private long records;
    private long position;
    private long nextMark;
    private long lastStart = -1;
    private long recordsAtLastStart;
    private boolean empty = true;
    private boolean blank = true;
    private boolean startsWithNul;
    private boolean afterCr;
    private byte[] headerLine;

    private LineTally(boolean delimited, boolean headerPending, long position, long records, long markEvery) {
        this.delimited = delimited;
        this.headerPending = headerPending;
        this.position = position;
        this.records = records;
        this.markEvery = markEvery;
        this.nextMark = markEvery > 0 ? markEvery : Long.MAX_VALUE;
    }

    /**
     * A tally of a whole file from its first byte (after a byte-order mark, which must not be fed).
     *
     * @param bomLength the bytes of the byte-order mark skipped before the first byte fed (marks count them)
     * @param markEvery note a mark at least this many bytes apart; 0 for none
     */
    static LineTally fromStart(boolean delimited, boolean header, int bomLength, long markEvery) {
        return new LineTally(delimited, delimited && header, bomLength, 0, markEvery);
    }

    /** A tally that resumes at a line start: the line at {@code mark.offset()} is the next byte fed. */
    static LineTally fromMark(boolean delimited, LineMark mark) {
        return new LineTally(delimited, false, mark.offset(), mark.records(), 0);
    }

    /** Counts the bytes {@code buffer[offset, offset + length)}, the next bytes of the file. */
    void feed(byte[] buffer, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = buffer[i] & 0xff;
            if (empty || headerPending || b == '\n' || b == '\r') {
                step(b);
                i++;
                continue;
            }
            // Inside a line (after its first byte, so afterCr is false): only a byte that makes it non-blank and
            // the line break matter. The landing counts every byte of every file; this loop is most of that.
            int j = i;
            if (blank) {
                while (j < end && buffer[j] != '\n' && buffer[j] != '\r') {
                    if (counts(buffer[j] & 0xff)) {
                        blank = false;
                        break;
                    }
                    j++;
                }
            }
            while (j < end && buffer[j] != '\n' && buffer[j] != '\r') {
                j++;
            }
            position += j - i;
            i = j;
        }
    }

    /** Whether a byte makes its line a record rather than a blank line. */
    private boolean counts(int b) {
        return delimited ? b > 0x20 : b != ' ' && b != '\t';
    }

    /**
     * Counts bytes up to the end of the first line ending at or after file offset {@code start} and returns the
     * records before the next line: the first record of a Spark split beginning at {@code start} (a split skips the
     * line it begins in, which the previous split reads to its end). Returns -1 when more bytes are needed.
     */
    long feedUntilLineAfter(long start, byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = buffer[i] & 0xff;
            boolean terminator = b == '\n' || b == '\r';
            boolean reached = position >= start;
            step(b);
            if (terminator && reached) {
                return records;
            }
        }
        return -1;
    }

    private void step(int b) {
        if (b == '\n' || b == '\r') {
            if (!(b == '\n' && afterCr)) {
                // a line ends (an empty one when two terminators follow each other)
                endLine();
            }
            afterCr = b == '\r';
            position++;
            return;
        }
        afterCr = false;
        if (empty) {
            if (!headerPending) {
                noteLineStart();
            }
            startsWithNul = b == 0;
            empty = false;
        }
        if (counts(b)) {
            blank = false;
        }
        if (headerPending) {
            header.write(b);
        }
        position++;
    }

    /**
     * For every interval boundary passed, marks the last line that starts at or before it, so that a reader
     * starting at a boundary (Spark splits at multiples of its split size) reads from the line it begins in.
     */
    private void noteLineStart() {
        while (position >= nextMark) {
            if (position == nextMark) {
                marks.add(new LineMark(position, records));
            } else if (lastStart >= 0 && (marks.isEmpty() || marks.get(marks.size() - 1).offset() != lastStart)) {
                marks.add(new LineMark(lastStart, recordsAtLastStart));
            }
            nextMark += markEvery;
        }
        lastStart = position;
        recordsAtLastStart = records;
    }

    private void endLine() {
        if (headerPending && !blank) {
            headerLine = header.toByteArray();
            headerPending = false;
        } else if (!headerPending && !blank && !(delimited && startsWithNul)) {
            records++;
        }
        header.reset();
        empty = true;
        blank = true;
    }

    /** Ends the last line when the file does not end with a line break; returns the records of the file. */
    long finish() {
        if (!empty) {
            endLine();
            empty = true;
        }
        if (nextMark < position && lastStart >= 0
                && (marks.isEmpty() || marks.get(marks.size() - 1).offset() != lastStart)) {
            // boundaries inside the last line
            marks.add(new LineMark(lastStart, recordsAtLastStart));
        }
        return records;
    }

    long records() {
        return records;
    }

    /** The header line's bytes once it has been read, else null. */
    byte[] headerLine() {
        return headerLine;
    }

    List<LineMark> marks() {
        return List.copyOf(marks);
    }
}
