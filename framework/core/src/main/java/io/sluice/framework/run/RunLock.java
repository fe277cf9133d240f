package io.sluice.framework.run;

import io.sluice.framework.lake.LakeLayout;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock file in the lake ({@code _sluice/locks/<name>.lock}) that keeps two processes from running the same
 * source, or building the same refined dataset, at once: Delta on a local file system does not make concurrent
 * writers from several processes safe.
 *
 * <p>The lock is taken by creating the file without overwrite, which the file system does atomically. It records
 * the owner's host, process id and start time. A lock left by a process that died is recovered: on the same host
 * when that process no longer exists, elsewhere when it is older than {@code staleAfter}.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    private final FileSystem fs;
    private final Path path;

    private RunLock(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    /**
     * Takes the lock {@code name} or fails at once with a {@link ErrorCategory#CONFLICT} error naming its holder.
     */
    public static RunLock acquire(LakeLayout lake, String name, Configuration conf, Clock clock, Duration staleAfter) {
        Path path = new Path(lake.locks(), name + ".lock");
        try {
            FileSystem fs = path.getFileSystem(conf);
            fs.mkdirs(path.getParent());
            for (int attempt = 0; attempt < 2; attempt++) {
                try (OutputStream out = fs.create(path, false)) {
                    owner(clock).store(out, "sluice run lock");
                    return new RunLock(fs, path);
                } catch (FileAlreadyExistsException e) {
                    Optional<Properties> holder = read(fs, path);
                    if (holder.isPresent() && !isStale(holder.get(), clock, staleAfter)) {
                        throw new SluiceException(StandardErrorCode.ALREADY_RUNNING, name
                                + " is already being run by process " + holder.get().getProperty("pid") + " on "
                                + holder.get().getProperty("host") + " since " + holder.get().getProperty("started")
                                + "; wait for it to finish (the lock is " + path + ")");
                    }
                    LOG.warn("Recovering the lock {} left by a process that is gone ({})", path,
                            holder.map(Properties::toString).orElse("unreadable"));
                    fs.delete(path, false);
                }
            }
            throw new SluiceException(StandardErrorCode.ALREADY_RUNNING, name
                    + " is being locked by another process right now; try again");
        } catch (IOException e) {
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

    @Override
    public void close() {
        try {
            fs.delete(path, false);
        } catch (IOException e) {
            LOG.warn("Could not release the run lock {}: {} (the next run recovers it)", path, e.getMessage());
        }
    }

    private static Properties owner(Clock clock) {
        Properties p = new Properties();
        p.setProperty("host", hostName());
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        p.setProperty("started", clock.instant().toString());
        return p;
    }

    private static Optional<Properties> read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
            return p.containsKey("pid") ? Optional.of(p) : Optional.empty();
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
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
}
