package io.sluice.framework.run;

import io.sluice.framework.lake.LakeLayout;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock file in the lake ({@code _sluice/locks/<name>.lock}) that keeps two processes from running the same
 * source, or building the same refined dataset, at once: Delta on a local file system does not make concurrent
 * writers from several processes safe.
 *
 * <p>The lock records its owner's host, process id, start time and a token unique to this acquisition. It is
 * never visible empty or half-written: the owner writes the whole record to a temporary file and publishes it
 * under the lock's name in one step that fails if the lock exists (a hard link on a local disk; on other file
 * systems a rename, which ABFS sends with {@code If-None-Match: *} and HDFS refuses onto an existing file).
 *
 * <p>A lock left by a process that died is recovered: on the same host when that process no longer exists,
 * elsewhere when it is older than {@code staleAfter}; a file that is not a lock record (an empty or truncated file)
 * is stale too. Recovery removes only the very record judged stale: on a local disk under an OS lock on
 * {@code _sluice/lock-guard} held by one recovering process at a time; elsewhere by renaming the lock to a unique
 * name, comparing what was moved with what was judged, and putting back a record that turned out to be live.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
    /** Attempts to publish before giving up with "try again": each failed one saw a record change under it. */
    private static final int ATTEMPTS = 8;
    /** Reads of a lock on a remote store that may meet the lock changing under them (see HadoopStore#read). */
    private static final int READ_ATTEMPTS = 3;
    /** Serialises this JVM's threads on the guard: an OS file lock is held per process, not per thread. */
    private static final Object GUARD_MONITOR = new Object();

    private final Store store;
    private final byte[] record;

    private RunLock(Store store, byte[] record) {
        this.store = store;
        this.record = record;
    }

    /**
     * Takes the lock {@code name} or fails at once with a {@link ErrorCategory#CONFLICT} error naming its holder.
     */
    public static RunLock acquire(LakeLayout lake, String name, Configuration conf, Clock clock, Duration staleAfter) {
        Path path = new Path(lake.locks(), name + ".lock");
        try {
            Store store = Store.open(path, conf);
            byte[] mine = record(clock);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (store.publish(mine)) {
                    return new RunLock(store, mine);
                }
                Optional<byte[]> seen = store.read();
                if (seen.isEmpty()) {
                    continue; // released between our attempt and our look
                }
                Optional<Properties> holder = parse(seen.get());
                if (holder.isPresent() && !isStale(holder.get(), clock, staleAfter)) {
                    throw new SluiceException(StandardErrorCode.ALREADY_RUNNING, name
                            + " is already being run by process " + holder.get().getProperty("pid") + " on "
                            + holder.get().getProperty("host") + " since " + holder.get().getProperty("started")
                            + "; wait for it to finish (the lock is " + path + ")");
                }
                LOG.warn("Recovering the lock {} left by a process that is gone ({})", path,
                        holder.map(RunLock::describe).orElse("not a lock record"));
                store.removeIfStill(seen.get());
            }
            throw new SluiceException(StandardErrorCode.ALREADY_RUNNING, name
                    + " is being locked by another process right now; try again");
        } catch (IOException | UncheckedIOException e) {
            throw new SluiceException(StandardErrorCode.STORAGE_FAILED, "could not take the run lock " + path
                    + ": " + e.getMessage() + " (check that the lake is writable)", e);
        }
    }

    /** Takes the lock {@code name}, waiting up to {@code patience} for its holder to release it. */
    public static RunLock acquireWaiting(LakeLayout lake, String name, Configuration conf, Clock clock,
                                         Duration staleAfter, Duration patience) {
        Instant deadline = clock.instant().plus(patience);
        while (true) {
            try {
                return acquire(lake, name, conf, clock, staleAfter);
            } catch (SluiceException e) {
                if (e.category() != ErrorCategory.CONFLICT || clock.instant().isAfter(deadline)) {
                    throw e;
                }
                LOG.info("Waiting for {}: {}", name, e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Releases the lock; a lock recovered meanwhile by another process (judged stale) is left to its new owner. */
    @Override
    public void close() {
        try {
            Optional<byte[]> now = store.read();
            if (now.isPresent() && Arrays.equals(now.get(), record)) {
                store.delete();
            } else {
                LOG.warn("The run lock {} was taken over by another process before this one released it", store);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not release the run lock {}: {} (the next run recovers it)", store, e.getMessage());
        }
    }

    private static byte[] record(Clock clock) throws IOException {
        Properties p = new Properties();
        p.setProperty("host", hostName());
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        p.setProperty("started", clock.instant().toString());
        p.setProperty("token", UUID.randomUUID().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(out, "sluice run lock");
        return out.toByteArray();
    }

    /** The holder's record, or empty when the bytes are not a whole record (an empty or truncated file). */
    private static Optional<Properties> parse(byte[] bytes) throws IOException {
        Properties p = new Properties();
        p.load(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1));
        // the token is not required: records written before it existed are whole without it
        boolean whole = p.containsKey("host") && p.containsKey("started") && p.getProperty("pid", "").matches("[0-9]+");
        return whole ? Optional.of(p) : Optional.empty();
    }

    private static String describe(Properties holder) {
        return "process " + holder.getProperty("pid") + " on " + holder.getProperty("host") + " since "
                + holder.getProperty("started");
    }

    private static boolean isStale(Properties holder, Clock clock, Duration staleAfter) {
        if (hostName().equals(holder.getProperty("host"))) {
            long pid = Long.parseLong(holder.getProperty("pid"));
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        }
        try {
            return Instant.parse(holder.getProperty("started")).plus(staleAfter).isBefore(clock.instant());
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Where the lock file lives: the local disk through java.nio, any other store through Hadoop. */
    private interface Store {
        static Store open(Path path, Configuration conf) throws IOException {
            URI uri = path.toUri();
            if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
                return new LocalStore(Paths.get(uri.getPath()));
            }
            return new HadoopStore(path.getFileSystem(conf), path);
        }

        /** Publishes {@code record} as the lock in one step; false when a lock exists. */
        boolean publish(byte[] record) throws IOException;

        /** The lock's bytes, or empty when there is no lock. */
        Optional<byte[]> read() throws IOException;

        /** Removes the lock if it still holds exactly {@code seen}, which was judged stale. */
        void removeIfStill(byte[] seen) throws IOException;

        void delete() throws IOException;
    }

    private record LocalStore(java.nio.file.Path lock) implements Store {
        @Override
        public boolean publish(byte[] record) throws IOException {
            Files.createDirectories(lock.getParent());
            java.nio.file.Path temporary = temporary(lock, ".tmp");
            Files.write(temporary, record, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                // link(2) fails with EEXIST atomically, unlike a rename, which would replace the holder's lock
                Files.createLink(lock, temporary);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                throw new IOException("the file system of " + lock + " has no hard links, which the run lock needs", e);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }

        @Override
        public Optional<byte[]> read() throws IOException {
            try {
                return Optional.of(Files.readAllBytes(lock));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }

        @Override
        public void removeIfStill(byte[] seen) throws IOException {
            // Only recoverers remove another process's lock, and they take turns here: while the guard is held,
            // a lock that still holds the record judged stale cannot change (its owner is gone, creation needs
            // the name free), so comparing and deleting is one step.
            java.nio.file.Path guard = lock.getParent().resolveSibling("lock-guard");
            synchronized (GUARD_MONITOR) {
                try (FileChannel channel = FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock held = channel.lock()) {
                    Optional<byte[]> now = read();
                    if (now.isPresent() && Arrays.equals(now.get(), seen)) {
                        Files.delete(lock);
                    }
                }
            }
        }

        @Override
        public void delete() throws IOException {
            Files.deleteIfExists(lock);
        }

        @Override
        public String toString() {
            return lock.toString();
        }
    }

    private record HadoopStore(FileSystem fs, Path lock) implements Store {
        @Override
        public boolean publish(byte[] record) throws IOException {
            fs.mkdirs(lock.getParent());
            Path temporary = temporary(lock, ".tmp");
            try (OutputStream out = fs.create(temporary, false)) {
                out.write(record);
            }
            boolean renamed = false;
            try {
                renamed = fs.rename(temporary, lock);
            } catch (IOException e) {
                // a lock published between the driver's look at the target and its conditional copy or rename
                // fails the request (409/412) instead of answering false
                if (!fs.exists(lock)) {
                    throw e;
                }
            } finally {
                if (!renamed) {
                    fs.delete(temporary, false);
                }
            }
            return renamed;
        }

        @Override
        public Optional<byte[]> read() throws IOException {
            return read(lock);
        }

        private Optional<byte[]> read(Path path) throws IOException {
            for (int attempt = 1; ; attempt++) {
                try (InputStream in = fs.open(path)) {
                    return Optional.of(in.readAllBytes());
                } catch (FileNotFoundException e) {
                    return Optional.empty();
                } catch (IOException e) {
                    // ABFS opens at one version (ETag) and reads with If-Match: a lock released or replaced in
                    // between fails the read (412); a new look sees what is there now
                    if (attempt == READ_ATTEMPTS) {
                        throw e;
                    }
                    LOG.debug("The run lock {} changed while being read ({}); reading it again", path, e.getMessage());
                }
            }
        }

        @Override
        public void removeIfStill(byte[] seen) throws IOException {
            // Move the lock aside under a name of our own, then look at what was moved: only the record judged
            // stale is deleted. Another recoverer may have replaced it with a live lock in between; that one goes
            // back (the rename refuses to overwrite, so a lock taken meanwhile is never replaced).
            Path aside = temporary(lock, ".stale");
            if (!fs.rename(lock, aside)) {
                return;
            }
            Optional<byte[]> moved = read(aside);
            if (moved.isPresent() && Arrays.equals(moved.get(), seen)) {
                fs.delete(aside, false);
            } else if (!fs.rename(aside, lock)) {
                LOG.error("A live run lock was moved aside while recovering {} and could not be put back (another "
                        + "process took the lock meanwhile); it is kept as {}", lock, aside);
            }
        }

        @Override
        public void delete() throws IOException {
            fs.delete(lock, false);
        }

        @Override
        public String toString() {
            return lock.toString();
        }
    }

    private static java.nio.file.Path temporary(java.nio.file.Path lock, String suffix) {
        return lock.resolveSibling("." + lock.getFileName() + "." + UUID.randomUUID() + suffix);
    }

    private static Path temporary(Path lock, String suffix) {
        return new Path(lock.getParent(), "." + lock.getName() + "." + UUID.randomUUID() + suffix);
    }
}
