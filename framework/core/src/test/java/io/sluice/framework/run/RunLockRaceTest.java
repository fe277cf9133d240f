package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate JVMs race for one run lock, round after round, each round starting with the lock free or with a stale
 * lock left in place (a dead process's, an empty file, a truncated record, another host's from 13 hours ago): at
 * most one process holds the lock at any time, every process gets it once per round, and nothing is left behind.
 */
class RunLockRaceTest {
    private static final int PROCESSES = 6;
    private static final int ROUNDS = 15;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void processesRacingForOneLockNeverHoldItTogether(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake");
        Path log = dir.resolve("holders.log");
        Path lockFile = lake.resolve("_sluice/locks/source-race.lock");
        String host = InetAddress.getLocalHost().getHostName();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();

        List<Contender> contenders = new ArrayList<>();
        try {
            for (int i = 0; i < PROCESSES; i++) {
                contenders.add(Contender.start(dir, lake, log, i));
            }
            for (Contender c : contenders) {
                c.expect("@ready");
            }
            for (int round = 0; round < ROUNDS; round++) {
                String stale = switch (round % 5) {
                    case 0 -> null;
                    case 1 -> "host=" + host + "\npid=" + gone.pid() + "\nstarted=2026-11-22T01:00:00Z\n";
                    case 2 -> "";
                    case 3 -> "host=" + host + "\npi";
                    default -> "host=elsewhere.example\npid=4242\nstarted="
                            + Instant.now().minus(13, ChronoUnit.HOURS) + "\n";
                };
                if (stale != null) {
                    Files.createDirectories(lockFile.getParent());
                    Files.writeString(lockFile, stale, StandardCharsets.ISO_8859_1);
                }
                // the start barrier: every process is waiting on its standard input for this line
                for (Contender c : contenders) {
                    c.send("go " + round);
                }
                for (Contender c : contenders) {
                    c.expect("@done " + round);
                }
            }
            for (Contender c : contenders) {
                c.in.close();
                assertThat(c.process.waitFor(30, TimeUnit.SECONDS)).as("process %d ended", c.index).isTrue();
                assertThat(c.process.exitValue()).as("process %d: %s", c.index, c.errors()).isZero();
            }
        } finally {
            contenders.forEach(c -> c.process.destroyForcibly());
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(2 * PROCESSES * ROUNDS);
        Set<String> holders = new HashSet<>();
        for (int i = 0; i < lines.size(); i += 2) {
            String enter = lines.get(i);
            assertThat(enter).as("line %d", i + 1).startsWith("enter ");
            assertThat(lines.get(i + 1)).as("line %d: the holder that entered on line %d leaves before anyone else "
                    + "enters, and the lock names it meanwhile", i + 2, i + 1).isEqualTo("exit " + enter.substring(6));
            holders.add(enter);
        }
        assertThat(holders).as("every process holds the lock once in every round").hasSize(PROCESSES * ROUNDS);
        try (Stream<Path> left = Files.list(lockFile.getParent())) {
            assertThat(left).as("no lock and no temporary file left").isEmpty();
        }
    }

    private record Contender(int index, Process process, Writer in, BufferedReader out, Path err) {
        static Contender start(Path dir, Path lake, Path log, int index) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path err = dir.resolve("contender-" + index + ".err");
            Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m",
                    "-cp", System.getProperty("java.class.path"), RunLockContender.class.getName(),
                    lake.toString(), log.toString(), Integer.toString(index))
                    .redirectError(err.toFile()).start();
            return new Contender(index, p, new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)), err);
        }

        void send(String line) throws IOException {
            in.write(line + "\n");
            in.flush();
        }

        /** Reads protocol lines (they start with {@code @}; logging may come between) up to {@code expected}. */
        void expect(String expected) throws IOException {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("@")) {
                    assertThat(line).as("process %d", index).startsWith(expected);
                    return;
                }
            }
            throw new AssertionError("process " + index + " ended before answering " + expected + ": " + errors());
        }

        String errors() {
            try {
                return Files.readString(err);
            } catch (IOException e) {
                return e.toString();
            }
        }
    }
}
