package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.framework.lake.LakeLayout;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import io.sluice.testing.azure.Azurite;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run lock on a lake on {@code abfs://} (hadoop-azure against a real Azurite blob endpoint): the record is
 * published by a no-overwrite rename, so it is never seen empty, a second holder is refused, and a stale lock
 * (empty, as a process killed by the old lock code could leave it) is recovered.
 */
class RunLockAbfsIT {
    private static Azurite azurite;
    private static Configuration conf;

    @BeforeAll
    static void start() {
        azurite = Azurite.start();
        conf = new Configuration();
        azurite.hadoopConf().forEach(conf::set);
    }

    @AfterAll
    static void stop() throws Exception {
        FileSystem.closeAll();
        azurite.close();
    }

    @Test
    void aSecondHolderIsRefusedAndAStaleLockIsRecovered() throws Exception {
        LakeLayout lake = new LakeLayout(azurite.uri("locks", "lake-one"));
        Path lockFile = new Path(lake.locks(), "source-shop.lock");
        FileSystem fs = lockFile.getFileSystem(conf);
        try (RunLock first = RunLock.acquire(lake, "source-shop", conf, Clock.systemUTC(), Duration.ofHours(12))) {
            assertThat(read(fs, lockFile)).contains("pid=" + ProcessHandle.current().pid());
            assertThatThrownBy(() -> RunLock.acquire(lake, "source-shop", conf, Clock.systemUTC(), Duration.ofHours(12)))
                    .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT))
                    .hasMessageStartingWith("source-shop is already being run by process " + ProcessHandle.current().pid());
        }
        assertThat(fs.exists(lockFile)).isFalse();

        try (OutputStream empty = fs.create(lockFile, false)) {
            empty.flush();
        }
        try (RunLock recovered = RunLock.acquire(lake, "source-shop", conf, Clock.systemUTC(), Duration.ofHours(12))) {
            assertThat(read(fs, lockFile)).contains("pid=" + ProcessHandle.current().pid());
        }
        assertThat(fs.listStatus(lockFile.getParent())).as("nothing left in the locks folder").isEmpty();
    }

    @Test
    void threadsRacingForOneLockNeverHoldItTogether() throws Exception {
        LakeLayout lake = new LakeLayout(azurite.uri("locks", "lake-race"));
        Path lockFile = new Path(lake.locks(), "source-race.lock");
        FileSystem fs = lockFile.getFileSystem(conf);
        int threads = 4;
        int rounds = 5;
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> contenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                contenders.add(() -> {
                    int got = 0;
                    for (int round = 0; round < rounds; round++) {
                        start.await(60, TimeUnit.SECONDS);
                        while (true) {
                            try (RunLock lock = RunLock.acquire(lake, "source-race", conf, Clock.systemUTC(),
                                    Duration.ofHours(12))) {
                                if (holding.incrementAndGet() != 1) {
                                    overlaps.incrementAndGet();
                                }
                                // hold it for a round trip to the store: the lock must be there, whole
                                assertThat(read(fs, lockFile)).contains("pid=" + ProcessHandle.current().pid());
                                holding.decrementAndGet();
                                got++;
                                break;
                            } catch (SluiceException e) {
                                if (e.category() != ErrorCategory.CONFLICT) {
                                    throw e;
                                }
                            }
                        }
                    }
                    return got;
                });
            }
            List<String> failures = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(contenders, 150, TimeUnit.SECONDS)) {
                try {
                    assertThat(f.get()).isEqualTo(rounds);
                } catch (ExecutionException | CancellationException e) {
                    failures.add(String.valueOf(e.getCause() == null ? e : e.getCause()));
                }
            }
            assertThat(failures).as("every thread took the lock once per round").isEmpty();
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlaps).hasValue(0);
    }

    private static String read(FileSystem fs, Path path) throws Exception {
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
