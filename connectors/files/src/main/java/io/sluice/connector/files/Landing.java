package io.sluice.connector.files;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.connector.LandingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands the files a glob matches: each file's bytes are read once, copied as they are into the run folder while
 * their SHA-256 is computed and their records counted, and the copy is removed again when the same bytes were
 * landed before (by an earlier run, or earlier in this batch).
 */
final class Landing {
    private static final Logger LOG = LoggerFactory.getLogger(Landing.class);

    private final String dataset;
    private final FileExtract extract;
    private final RecordCounter counter;

    /** @param splitEvery bytes between the marks noted in uncompressed CSV/TSV files (0: none) */
    Landing(String dataset, FileExtract extract, long splitEvery) {
        this.dataset = dataset;
        this.extract = extract;
        this.counter = new RecordCounter(extract, splitEvery);
    }

    /**
     * Lands every new file under {@code landing} matching the extract's glob. When a file cannot be read as the
     * extract declares it (bytes that do not decode, a wide byte-order mark, a broken gzip stream, a Parquet file
     * without a footer), every file is still landed, and the batch is {@link LandedBatch.Status#REJECTED} with the
     * reasons: kept in raw, nothing published.
     */
    LandedBatch land(Path landing, LandingContext target) {
        Configuration conf = target.hadoopConf();
        Path pattern = new Path(landing, extract.path());
        requireLanding(landing, conf);
        List<FileStatus> delivered = list(pattern, conf);
        Path folder = new Path(target.directory());
        FileSystem lake = fileSystem(folder, conf, pattern);
        Set<String> names = new HashSet<>();
        Set<String> checksums = new HashSet<>();
        List<LandedFile> landed = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (FileStatus file : delivered) {
            Path origin = file.getPath();
            String name = uniqueName(origin, names);
            Path copy = new Path(folder, name);
            Copied copied = copy(origin, copy, conf, lake);
            if (target.alreadyLanded().test(copied.sha256()) || !checksums.add(copied.sha256())) {
                LOG.info("{}: skipping {}: the same bytes (SHA-256 {}) were landed before", dataset, origin,
                        copied.sha256());
                delete(lake, copy);
                continue;
            }
            RecordCounter.Count count = extract.format() == FileFormat.PARQUET
                    ? RecordCounter.countParquet(copy, conf) : copied.count();
            count.failure().ifPresent(reason -> {
                LOG.warn("{}: {} is landed as {} but cannot be read as {}: {}", dataset, origin, copy,
                        extract.format().spelling(), reason);
                unreadable.add(unreadable(origin.toString(), reason));
            });
            names.add(name);
            landed.add(new LandedFile(origin.toString(), copy.toString(), copied.size(), copied.sha256(),
                    count.records(), count.fields(), count.detail()));
        }
        return batch(landed, unreadable);
    }

    /**
     * The files counted again from where they lie in raw, under this extract: the same files with new counts, or
     * a rejected batch when one of them cannot be read as declared.
     */
    LandedBatch recount(List<LandedFile> files, Configuration conf) {
        List<LandedFile> counted = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (LandedFile file : files) {
            Path path = new Path(file.path());
            RecordCounter.Count count;
            if (extract.format() == FileFormat.PARQUET) {
                count = RecordCounter.countParquet(path, conf);
            } else {
                try (InputStream in = fileSystem(path, conf, path).open(path)) {
                    count = counter.count(in, path, conf);
                } catch (IOException e) {
                    throw FilesErrors.rawReadFailed(dataset, file.path(), e);
                }
            }
            count.failure().ifPresent(reason -> unreadable.add(unreadable(file.origin(), reason)));
            counted.add(new LandedFile(file.origin(), file.path(), file.size(), file.sha256(), count.records(),
                    count.fields(), count.detail()));
        }
        return batch(counted, unreadable);
    }

    private String unreadable(String origin, String reason) {
        return origin + " cannot be read as " + extract.format().spelling() + (extract.format().takesEncoding() ? " in "
                + extract.encoding().name() : "") + ": " + reason;
    }

    private static LandedBatch batch(List<LandedFile> files, List<String> unreadable) {
        if (unreadable.isEmpty()) {
            return new LandedBatch(files);
        }
        return LandedBatch.rejected(files, String.join("; ", unreadable), java.util.Map.of());
    }

    private record Copied(long size, String sha256, RecordCounter.Count count) {
    }

    private Copied copy(Path origin, Path copy, Configuration conf, FileSystem lake) {
        MessageDigest digest = sha256();
        FileSystem source = fileSystem(origin, conf, origin);
        TeeInputStream tee = null;
        try (InputStream in = source.open(origin); OutputStream out = lake.create(copy, false)) {
            tee = new TeeInputStream(in, out, digest);
            RecordCounter.Count count = counter.count(tee, origin, conf);
            if (tee.transferFailure().isPresent()) {
                throw tee.transferFailure().get();
            }
            tee.drain();
            return new Copied(tee.bytes(), HexFormat.of().formatHex(digest.digest()), count);
        } catch (IOException e) {
            delete(lake, copy);
            throw FilesErrors.copyFailed(dataset, origin.toString(), copy.toString(), e);
        }
    }

    /** A landing folder that is not there is a wrong setting or a missing mount, not "nothing new". */
    private void requireLanding(Path landing, Configuration conf) {
        try {
            if (!fileSystem(landing, conf, landing).exists(landing)) {
                throw FilesErrors.landingMissing(dataset, landing.toString());
            }
        } catch (IOException e) {
            throw FilesErrors.listingFailed(dataset, landing.toString(), e);
        }
    }

    private List<FileStatus> list(Path pattern, Configuration conf) {
        FileSystem fs = fileSystem(pattern, conf, pattern);
        FileStatus[] found;
        try {
            found = fs.globStatus(pattern);
        } catch (IOException e) {
            throw FilesErrors.listingFailed(dataset, pattern.toString(), e);
        }
        if (found == null) {
            return List.of();
        }
        return Arrays.stream(found)
                .filter(FileStatus::isFile)
                .filter(f -> !isTemporary(f.getPath().getName()))
                .sorted(Comparator.comparing(f -> f.getPath().toString()))
                .toList();
    }

    /** Uploads in progress and hidden or marker files ({@code _SUCCESS}, {@code .x.crc}) are not deliveries. */
    static boolean isTemporary(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("_") || n.startsWith(".") || n.endsWith(".part") || n.endsWith(".tmp");
    }

    /**
     * The file's own name, or, when a file from another sub-folder already took it, the name prefixed with its
     * folder's name (and a number if that is taken too), so that the ending (.csv.gz) is kept.
     */
    private static String uniqueName(Path origin, Set<String> taken) {
        String name = origin.getName();
        if (!taken.contains(name)) {
            return name;
        }
        String parent = origin.getParent() == null ? "" : origin.getParent().getName();
        String candidate = parent + "_" + name;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = parent + "_" + i + "_" + name;
        }
        return candidate;
    }

    private FileSystem fileSystem(Path path, Configuration conf, Path forMessage) {
        try {
            return path.getFileSystem(conf);
        } catch (IOException e) {
            throw FilesErrors.listingFailed(dataset, forMessage.toString(), e);
        }
    }

    private void delete(FileSystem fs, Path path) {
        try {
            fs.delete(path, false);
        } catch (IOException e) {
            LOG.warn("{}: could not remove {} ({}); remove it by hand", dataset, path, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
