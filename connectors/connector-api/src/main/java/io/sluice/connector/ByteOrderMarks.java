package io.sluice.connector;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds text files written in UTF-16 or UTF-32 where an encoding of one byte per ASCII character is declared
 * (UTF-8, ISO-8859-1, windows-1252 …): read so, every character carries NUL bytes, the records a connector counts
 * are not the rows a reader makes, and text reaches the lake altered. A connector refuses such a file, naming the
 * encoding, instead of landing garbage.
 */
public final class ByteOrderMarks {
    private ByteOrderMarks() {
    }

    /**
     * The encoding whose byte-order mark starts {@code in} when {@code declared} is not UTF-16 or UTF-32; empty
     * otherwise. Reads at most four bytes and resets the stream to where it was.
     */
    public static Optional<String> wideMarkWhereNarrowDeclared(BufferedInputStream in, Charset declared)
            throws IOException {
        String name = declared.name().toUpperCase(Locale.ROOT);
        if (name.contains("UTF-16") || name.contains("UTF-32")) {
            return Optional.empty();
        }
        in.mark(4);
        byte[] start = in.readNBytes(4);
        in.reset();
        return wideEncoding(start);
    }

    /**
     * The Java encoding that reads a file starting with {@code start}, if it starts with a UTF-16 or UTF-32
     * byte-order mark ({@code UTF-16} and {@code UTF-32} take the byte order from the mark and drop it).
     */
    private static Optional<String> wideEncoding(byte[] start) {
        int[] b = new int[4];
        for (int i = 0; i < 4; i++) {
            b[i] = i < start.length ? start[i] & 0xff : -1;
        }
        boolean littleEndian32 = b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0;
        if (littleEndian32 || (b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)) {
            return Optional.of("UTF-32");
        }
        if ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) {
            return Optional.of("UTF-16");
        }
        return Optional.empty();
    }
}
