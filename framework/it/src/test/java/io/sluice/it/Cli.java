package io.sluice.it;

import io.sluice.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code sluice} command run in this JVM ({@link Main#execute}): its standard output and error, and what its
 * logging wrote meanwhile (the test logging set-up copies every log line to {@link #LOG_FILE}).
 */
final class Cli {
    static final Path LOG_FILE = Path.of("target/it-logs/sluice.log").toAbsolutePath();

    private Cli() {
    }

    /** One run: exit code, standard output, standard error, and the log lines written during it. */
    record Result(int exitCode, String out, String err, String log) {
        String all() {
            return "--- out\n" + out + "--- err\n" + err + "--- log\n" + log;
        }
    }

    static Result run(String... args) {
        long logBefore = size();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString(), logSince(logBefore));
    }

    private static long size() {
        try {
            return Files.exists(LOG_FILE) ? Files.size(LOG_FILE) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String logSince(long offset) {
        try {
            if (!Files.exists(LOG_FILE)) {
                return "";
            }
            byte[] all = Files.readAllBytes(LOG_FILE);
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
