package io.sluice.connector.feed;

import io.sluice.connector.ByteOrderMarks;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The data records of one feed file, streamed: records end at a newline ({@code \r\n} too), unless the format
 * escapes with a backslash, where an escaped newline belongs to the record. Empty records are skipped; the first
 * {@code headerRecords} and the last {@code trailerRecords} records are control records, held apart
 * ({@link #headers()}, and {@link #trailers()} once the iteration is over). A leading UTF-8 byte-order mark is
 * dropped. Each record knows the line it starts on.
 */
final class FeedRecords implements Iterator<FeedRecords.Record>, Closeable {
    /** One record as written (escapes kept) and the 1-based line it starts on. */
    record Record(String text, long line) {
    }

    private final Reader in;
    private final String encoding;
    private final boolean escaped;
    private final int trailerRecords;
    private final List<String> headers = new ArrayList<>();
    private final Deque<Record> ahead = new ArrayDeque<>();
    private long nextLine = 1;
    private boolean first = true;
    private boolean exhausted;

    FeedRecords(Reader in, boolean escaped, int headerRecords, int trailerRecords) {
        this(in, escaped, headerRecords, trailerRecords, "its declared encoding");
    }

    private FeedRecords(Reader in, boolean escaped, int headerRecords, int trailerRecords, String encoding) {
        this.encoding = encoding;
        this.in = in instanceof BufferedReader ? in : new BufferedReader(in, 1 << 16);
        this.escaped = escaped;
        this.trailerRecords = trailerRecords;
        for (int i = 0; i < headerRecords; i++) {
            Record r = physical();
            if (r == null) {
                break;
            }
            headers.add(r.text());
        }
    }

    /**
     * Records of {@code stream}, the bytes of the file {@code name} (decompressed when it ends with .gz).
     *
     * @throws IOException also when the file starts with a UTF-16 or UTF-32 byte-order mark: decoded as the
     *                     declared one-byte encoding, its text would reach the lake with a NUL in every character
     */
    static FeedRecords of(InputStream stream, String name, Charset charset, boolean escaped, int headerRecords,
                          int trailerRecords) throws IOException {
        BufferedInputStream bytes = new BufferedInputStream(
                name.endsWith(".gz") ? new GZIPInputStream(stream, 1 << 16) : stream, 1 << 16);
        Optional<String> wide = ByteOrderMarks.wideMarkWhereNarrowDeclared(bytes, charset);
        if (wide.isPresent()) {
            throw new IOException("it starts with a " + wide.get() + " byte-order mark, but the extract declares "
                    + charset.name() + "; have it delivered in " + charset.name());
        }
        // strict: bytes that are not text in the declared encoding fail the file (the delivery is then refused)
        // instead of becoming U+FFFD and reaching the lake as other text than delivered
        java.nio.charset.CharsetDecoder strict = charset.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        return new FeedRecords(new InputStreamReader(bytes, strict), escaped, headerRecords, trailerRecords,
                charset.name());
    }

    List<String> headers() {
        return List.copyOf(headers);
    }

    /** The trailer records; complete only after {@link #hasNext()} returned false. */
    List<String> trailers() {
        return exhausted ? ahead.stream().map(Record::text).toList() : List.of();
    }

    @Override
    public boolean hasNext() {
        while (!exhausted && ahead.size() <= trailerRecords) {
            Record r = physical();
            if (r == null) {
                exhausted = true;
            } else {
                ahead.addLast(r);
            }
        }
        return ahead.size() > trailerRecords;
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ahead.removeFirst();
    }

    /** The next non-empty record, or null at the end. */
    private Record physical() {
        try {
            while (true) {
                long line = nextLine;
                StringBuilder text = new StringBuilder();
                int c = in.read();
                if (c < 0) {
                    return null;
                }
                if (first && c == '\uFEFF') {
                    c = in.read();
                }
                first = false;
                boolean crPending = false;
                while (c >= 0 && c != '\n') {
                    if (crPending) {
                        text.append('\r');
                    }
                    crPending = c == '\r';
                    if (!crPending) {
                        text.append((char) c);
                    }
                    if (escaped && c == '\\') {
                        int e = in.read();
                        if (e >= 0) {
                            text.append((char) e);
                            nextLine += e == '\n' ? 1 : 0;
                        }
                    }
                    c = in.read();
                }
                if (c == '\n') {
                    nextLine++;
                } else if (crPending) {
                    text.append('\r');
                }
                if (text.length() > 0) {
                    return new Record(text.toString(), line);
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UncheckedIOException("the bytes at line " + nextLine + " are not " + encoding + " text; have"
                    + " the file delivered in " + encoding + ", or declare the encoding it is written in", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
