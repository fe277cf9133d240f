package io.sluice.connector.storage.adls;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.BinaryData;
import com.azure.storage.file.datalake.DataLakeFileClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a file with the dfs protocol: the file is created (replacing one that exists) when the stream opens,
 * data is appended in chunks, and one flush at close commits it. Readers see the old content, or nothing, until
 * then. (The SDK's own output stream uploads blocks through the blob endpoint instead.)
 */
final class AdlsOutputStream extends OutputStream {
    static final int CHUNK = 4 * 1024 * 1024;

    private final DataLakeFileClient file;
    private final AdlsPath path;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long position;
    private boolean closed;

    AdlsOutputStream(DataLakeFileClient file, AdlsPath path) throws IOException {
        this.file = file;
        this.path = path;
        try {
            file.create(true);
        } catch (HttpResponseException e) {
            throw new IOException("ADLS could not create " + path + ": HTTP " + AdlsStorage.status(e) + " "
                    + AdlsStorage.code(e), e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        buffer.write(b);
        if (buffer.size() >= CHUNK) {
            append();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        buffer.write(b, off, len);
        if (buffer.size() >= CHUNK) {
            append();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        append();
        try {
            file.flush(position, true);
        } catch (HttpResponseException e) {
            throw new IOException("ADLS could not commit " + path + " (" + position + " bytes): HTTP "
                    + AdlsStorage.status(e) + " " + AdlsStorage.code(e), e);
        }
    }

    private void append() throws IOException {
        byte[] data = buffer.toByteArray();
        buffer.reset();
        // one request per chunk: a single large write must not become one oversized append
        for (int from = 0; from < data.length; from += CHUNK) {
            int length = Math.min(CHUNK, data.length - from);
            try {
                file.append(BinaryData.fromBytes(java.util.Arrays.copyOfRange(data, from, from + length)), position);
            } catch (HttpResponseException e) {
                throw new IOException("ADLS could not append to " + path + " at " + position + ": HTTP "
                        + AdlsStorage.status(e) + " " + AdlsStorage.code(e), e);
            }
            position += length;
        }
    }
}
