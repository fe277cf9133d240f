package io.sluice.framework.run;

import io.sluice.framework.lake.LakeLayout;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;

/**
 * One process of {@link RunLockRaceTest}: on each {@code go <round>} line from its standard input it takes the
 * lock {@code source-race} (retrying at once while another process holds it), appends {@code enter} and
 * {@code exit} lines to the shared log while holding it, releases it and answers {@code done <round>}.
 * Protocol lines start with {@code @}; anything else on standard output (logging) is not protocol.
 */
public final class RunLockContender {
    private RunLockContender() {
    }

    public static void main(String[] args) throws Exception {
        LakeLayout lake = new LakeLayout(args[0]);
        Path log = Path.of(args[1]);
        String id = args[2];
        Path lockFile = Path.of(lake.locks(), "source-race.lock");
        String mine = "pid=" + ProcessHandle.current().pid();
        Configuration conf = new Configuration();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("@ready");
        for (String line = in.readLine(); line != null && line.startsWith("go "); line = in.readLine()) {
            String round = line.substring(3);
            long conflicts = 0;
            while (true) {
                try (RunLock lock = RunLock.acquire(lake, "source-race", conf, Clock.systemUTC(), Duration.ofHours(12))) {
                    append(log, "enter " + id + " " + round);
                    // the lock on disk must name this process while it holds it
                    String onDisk = Files.exists(lockFile) ? Files.readString(lockFile, StandardCharsets.ISO_8859_1) : "";
                    append(log, (onDisk.contains(mine + "\n") || onDisk.contains(mine + "\r") ? "exit " : "lost ")
                            + id + " " + round);
                    break;
                } catch (SluiceException e) {
                    if (e.category() != ErrorCategory.CONFLICT) {
                        throw e;
                    }
                    conflicts++;
                    Thread.yield();
                }
            }
            out.println("@done " + round + " " + conflicts);
        }
    }

    private static void append(Path log, String line) throws Exception {
        // one small O_APPEND write per line: lines from several processes never mix
        Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
