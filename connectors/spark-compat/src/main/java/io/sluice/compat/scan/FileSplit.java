package io.sluice.compat.scan;

import java.util.Objects;

/**
 * The bytes {@code [start, start + length)} of one file that one task of a file scan reads.
 *
 * @param path the file's path, as Spark names it (a URI string)
 * @param start the first byte of the split
 * @param length the bytes the split reads
 * @param fileSize the size of the whole file
 */
public record FileSplit(String path, long start, long length, long fileSize) {
    public FileSplit {
        Objects.requireNonNull(path, "path");
    }

    /** Whether the split is the whole file: a task reading it sees every record of the file, in file order. */
    public boolean isWholeFile() {
        return start == 0 && length == fileSize;
    }
}
