package io.sluice.connector.jdbc;

import io.sluice.connector.LandedFile;
import io.sluice.metadata.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The Avro files a Spark write left in a run folder, described for the manifest. */
final class AvroFiles {
    private AvroFiles() {
    }

    /**
     * Removes the side files of the write (Hadoop's {@code _SUCCESS} marker, checksum {@code .crc} files) and
     * describes every {@code .avro} file: size, SHA-256 and the records it holds, counted from the Avro block
     * headers rather than by querying the source again.
     */
    static List<LandedFile> describe(String directory, Configuration conf, String origin) {
        Path dir = new Path(directory);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            // The local file system hides its .crc files from listings; its raw form shows them.
            FileSystem raw = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
            List<LandedFile> out = new ArrayList<>();
            FileStatus[] listed = raw.listStatus(dir);
            Arrays.sort(listed, Comparator.comparing(s -> s.getPath().getName()));
            for (FileStatus status : listed) {
                String name = status.getPath().getName();
                if (status.isFile() && name.endsWith(".avro") && !name.startsWith(".")) {
                    out.add(describe(raw, status, origin));
                } else if (name.startsWith("_") || name.startsWith(".")) {
                    raw.delete(status.getPath(), true);
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new SluiceException(JdbcErrorCode.SOURCE_RAW_FILES_FAILED, "cannot list the landed Avro files in "
                    + directory + " (" + e.getMessage() + "); check the lake location and its permissions, and run"
                    + " again", e);
        }
    }

    private static LandedFile describe(FileSystem fs, FileStatus status, String origin) throws IOException {
        MessageDigest sha = sha256();
        long records = 0;
        try (InputStream in = new DigestInputStream(fs.open(status.getPath()), sha);
             DataFileStream<GenericRecord> avro = new DataFileStream<>(in, new GenericDatumReader<>())) {
            while (avro.hasNext()) {
                records += avro.getBlockCount();
                avro.nextBlock();
            }
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new LandedFile(origin, status.getPath().toUri().toString(), status.getLen(),
                HexFormat.of().formatHex(sha.digest()), records, List.of());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
