package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.framework.lake.LakeLayout;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    private final Configuration conf = new Configuration();

    @Test
    void aSecondHolderIsRefusedUntilTheFirstReleases(@TempDir Path dir) {
        LakeLayout lake = new LakeLayout(dir.toString());
        try (RunLock first = RunLock.acquire(lake, "source-shop", conf, Clock.systemUTC(), Duration.ofHours(1))) {
            assertThatThrownBy(() -> RunLock.acquire(lake, "source-shop", conf, Clock.systemUTC(), Duration.ofHours(1)))
                    .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT))
                    .hasMessageStartingWith("source-shop is already being run by process " + ProcessHandle.current().pid())
                    .hasMessageContaining("wait for it to finish");
            // another source is independent
            RunLock.acquire(lake, "source-other", conf, Clock.systemUTC(), Duration.ofHours(1)).close();
        }
        RunLock.acquire(lake, "source-shop", conf, Clock.systemUTC(), Duration.ofHours(1)).close();
    }

    @Test
    void aLockLeftByAKilledProcessIsRecovered(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path lockFile = dir.resolve("_sluice/locks/source-shop.lock");
        Files.createDirectories(lockFile.getParent());
        Files.writeString(lockFile, "host=" + InetAddress.getLocalHost().getHostName() + "\npid=" + gone.pid()
                + "\nstarted=2026-11-22T01:00:00Z\n");

        try (RunLock lock = RunLock.acquire(new LakeLayout(dir.toString()), "source-shop", conf, Clock.systemUTC(),
                Duration.ofHours(1))) {
            assertThat(Files.readString(lockFile)).contains("pid=" + ProcessHandle.current().pid());
        }
        assertThat(lockFile).doesNotExist();
    }

    @Test
    void anotherHostsLockIsRespectedUntilItIsOlderThanStaleAfter(@TempDir Path dir) throws Exception {
        Path lockFile = dir.resolve("_sluice/locks/source-shop.lock");
        Files.createDirectories(lockFile.getParent());
        LakeLayout lake = new LakeLayout(dir.toString());
        Clock clock = Clock.fixed(java.time.Instant.parse("2026-11-22T12:59:00Z"), java.time.ZoneOffset.UTC);
        Files.writeString(lockFile, "host=elsewhere.example\npid=4242\nstarted=2026-11-22T01:00:00Z\n");

        assertThatThrownBy(() -> RunLock.acquire(lake, "source-shop", conf, clock, Duration.ofHours(12)))
                .hasMessage("source-shop is already being run by process 4242 on elsewhere.example since "
                        + "2026-11-22T01:00:00Z; wait for it to finish (the lock is " + lockFile + ")");
        try (RunLock lock = RunLock.acquire(lake, "source-shop", conf, Clock.offset(clock, Duration.ofMinutes(2)),
                Duration.ofHours(12))) {
            assertThat(Files.readString(lockFile)).contains("pid=" + ProcessHandle.current().pid());
        }
    }

    @Test
    void aLockTakenOverMeanwhileIsLeftToItsNewOwner(@TempDir Path dir) throws Exception {
        Path lockFile = dir.resolve("_sluice/locks/source-shop.lock");
        String other = "host=elsewhere.example\npid=4242\nstarted=2026-11-22T01:00:00Z\ntoken=theirs\n";
        try (RunLock lock = RunLock.acquire(new LakeLayout(dir.toString()), "source-shop", conf, Clock.systemUTC(),
                Duration.ofHours(12))) {
            // another host judged this holder stale (12 hours) and took the lock over
            Files.writeString(lockFile, other);
        }
        assertThat(lockFile).hasContent(other.strip());
    }
}
