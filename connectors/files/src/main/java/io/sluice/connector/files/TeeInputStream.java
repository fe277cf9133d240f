package io.sluice.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Hands the bytes of a delivered file to a reader (the record counter) while copying each byte it reads, once,
 * to the raw copy and into the checksum. A failure of the source or of the copy is kept apart, so that it is not
 * mistaken for bad content by a reader that tolerates unreadable files.
 */
final class TeeInputStream extends InputStream {
    private final InputStream source;
    private final OutputStream copy;
    private final MessageDigest digest;
    private long bytes;
    private IOException transferFailure;

    TeeInputStream(InputStream source, OutputStream copy, MessageDigest digest) {
        this.source = source;
        this.copy = copy;
        this.digest = digest;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = source.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
                digest.update(buffer, offset, n);
                bytes += n;
            }
            return n;
        } catch (IOException e) {
            transferFailure = e;
            throw e;
        }
    }

    @Override
    public int available() throws IOException {
        return source.available();
    }

    /** Readers close what they read; the source and the copy are closed by their owner. */
    @Override
    public void close() {
        // deliberately empty
    }

    /** Copies what the reader left unread, so that the copy is whole whatever the reader did. */
    void drain() throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (read(buffer, 0, buffer.length) >= 0) {
            // every byte is copied and digested by read
        }
    }

    long bytes() {
        return bytes;
    }

    Optional<IOException> transferFailure() {
        return Optional.ofNullable(transferFailure);
    }
}
