package io.sluice.job;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM the tests start: its merged output is copied to a log file and watched, so a test waits for a line
 * ("I have been elected leader") or for the exit, each with a deadline, instead of sleeping.
 */
final class JvmProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JvmProcess.class);
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private final List<Watch> watches = new ArrayList<>();
    private boolean ended;

    private record Watch(String text, CompletableFuture<String> line) {
    }

    private JvmProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code workDir} with {@code environment} added to this process's environment. */
    static JvmProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
                            Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        JvmProcess started = new JvmProcess(name, builder.start(), log);
        LOG.info("started {} (pid {}), output in {}", name, started.process.pid(), log);
        Thread pump = new Thread(started::pump, "output of " + name);
        pump.setDaemon(true);
        pump.start();
        return started;
    }

    /** The Java launcher of this JVM, so that child JVMs run the same Java. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** Waits for a line containing {@code text} (printed before or after this call) and returns it. */
    String awaitLine(String text, Duration deadline) {
        CompletableFuture<String> line;
        synchronized (this) {
            line = lines.stream().filter(l -> l.contains(text)).findFirst()
                    .map(CompletableFuture::completedFuture).orElse(null);
            if (line == null && ended) {
                throw new AssertionError(name + " ended (exit " + exitValueOrNull() + ") without printing '" + text
                        + "'; its last lines:\n" + tail(40));
            }
            if (line == null) {
                line = new CompletableFuture<>();
                watches.add(new Watch(text, line));
            }
        }
        try {
            return line.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(name + " printed no line with '" + text + "' within " + deadline
                    + "; its last lines (full log " + log + "):\n" + tail(40), e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name, e);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not finish within " + deadline + "; its last lines (full log "
                    + log + "):\n" + tail(40));
        }
        return process.exitValue();
    }

    /** Whether the process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** The lines of output seen so far that contain {@code text}. */
    synchronized List<String> linesContaining(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    /** The last {@code count} lines of output seen so far. */
    synchronized String tail(int count) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** Ends the process and everything it started (a worker's executors), gently first. */
    @Override
    public void close() {
        destroyTree(process.toHandle());
    }

    static void destroyTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warn("process {} did not stop within {}: killing it", handle.pid(), GRACE);
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            }
        }
    }

    private Integer exitValueOrNull() {
        return process.isAlive() ? null : process.exitValue();
    }

    private void pump() {
        try (BufferedReader in = process.inputReader(UTF_8); BufferedWriter out = Files.newBufferedWriter(log, UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.newLine();
                out.flush();
                offer(line);
            }
        } catch (IOException e) {
            LOG.warn("could not copy the output of {} to {}", name, log, e);
        } finally {
            end();
        }
    }

    private synchronized void offer(String line) {
        lines.add(line);
        watches.removeIf(w -> line.contains(w.text()) && w.line().complete(line));
    }

    private synchronized void end() {
        ended = true;
        for (Watch w : watches) {
            w.line().completeExceptionally(new IllegalStateException(name + " ended without printing '" + w.text()
                    + "'; its last lines (full log " + log + "):\n" + tail(40)));
        }
        watches.clear();
    }
}
