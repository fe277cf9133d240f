package io.sluice.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes with the declared charset and refuses, instead of replacing, bytes that are not text in it. The
 * characters decoded before the first bad byte are returned first, so a parser reading them knows the line the bad
 * bytes are on; the next read throws an {@link UnreadableTextException} naming the byte offset and the encoding.
 * A UTF-8 byte-order mark at the start of a UTF-8 file is dropped.
 */
final class StrictReader extends Reader {
    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private long consumed;
    private boolean endOfInput;
    private boolean done;
    private boolean started;
    private String failure;
    private final boolean atFileStart;
    private int byteOrderMark;

    /** A reader of a whole file, from its first byte (a UTF-8 byte-order mark is dropped). */
    StrictReader(InputStream in, Charset charset) {
        this(in, charset, true);
    }

    /** A reader from the first byte of a record in mid-file ({@code atFileStart} false: no mark is dropped). */
    StrictReader(InputStream in, Charset charset, boolean atFileStart) {
        this.atFileStart = atFileStart;
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
    }

    /** Bytes decoded so far (the offset in the decompressed stream of the next byte to decode). */
    long bytesDecoded() {
        return consumed + bytes.position();
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (failure != null) {
            throw new UnreadableTextException(failure);
        }
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (out.position() == offset) {
            if (done) {
                return -1;
            }
            if (!bytes.hasRemaining() && !endOfInput) {
                fill();
                continue;
            }
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                failure = "bytes at offset " + (consumed + bytes.position()) + " are not valid " + charset.name()
                        + " (" + (result.isMalformed() ? "malformed" : "unmappable") + " input of "
                        + result.length() + " byte(s))";
                if (out.position() > offset) {
                    break;
                }
                throw new UnreadableTextException(failure);
            }
            if (result.isOverflow()) {
                break;
            }
            if (endOfInput) {
                if (decoder.flush(out).isOverflow()) {
                    break;
                }
                done = true;
            } else if (bytes.hasRemaining()) {
                // a character split between two reads: its first bytes wait for the rest
                fill();
            }
        }
        int n = out.position() - offset;
        if (!started && n > 0) {
            started = true;
            if (atFileStart && target[offset] == '\uFEFF' && charset.name().equalsIgnoreCase("UTF-8")) {
                byteOrderMark = 3;
                System.arraycopy(target, offset + 1, target, offset, n - 1);
                n--;
                if (n == 0) {
                    return read(target, offset, length);
                }
            }
        }
        return n;
    }

    /** The bytes of the byte-order mark dropped at the start of the file (known once a character was read). */
    int byteOrderMarkBytes() {
        return byteOrderMark;
    }

    /** Keeps the undecoded tail (a character split between two reads) and appends the next bytes. */
    private void fill() throws IOException {
        consumed += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
