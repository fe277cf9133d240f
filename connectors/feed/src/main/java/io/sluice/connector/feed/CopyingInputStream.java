package io.sluice.connector.feed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lets a parser read a delivered file while every byte it reads goes, once, to the raw copy and into an MD5 and a
 * SHA-256 digest (manifests give either). {@link #drain()} copies what the parser left unread.
 */
final class CopyingInputStream extends FilterInputStream {
    private final OutputStream copy;
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha256 = digest("SHA-256");
    private long bytes;

    CopyingInputStream(InputStream source, OutputStream copy) {
        super(source);
        this.copy = copy;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            seen(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            seen(buffer, offset, n);
        }
        return n;
    }

    private void seen(byte[] buffer, int offset, int length) throws IOException {
        copy.write(buffer, offset, length);
        md5.update(buffer, offset, length);
        sha256.update(buffer, offset, length);
        bytes += length;
    }

    /** Skipped bytes must reach the copy too: they are read, not skipped. */
    @Override
    public long skip(long n) throws IOException {
        return n <= 0 ? 0 : readNBytes((int) Math.min(n, 1 << 16)).length;
    }

    /** Leaves the source and the copy open for their owner, whatever the parser closes. */
    @Override
    public void close() {
        // the parser's close must not end the copy
    }

    /** Copies and digests what the parser left unread, so that the copy is whole. */
    void drain() throws IOException {
        transferTo(OutputStream.nullOutputStream());
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long bytes() {
        return bytes;
    }

    String md5() {
        return HexFormat.of().formatHex(md5.digest());
    }

    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }
}
