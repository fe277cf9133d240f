package io.sluice.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code sluice} command in its own JVM, started as {@code bin/sluice} starts it (Spark's module flags, UTC,
 * {@code SPARK_LOCAL_IP}), with the CLI's own logging set-up: what a scheduler sees, exit code and all.
 *
 * <p>{@link #runUntilKilled} arms a {@code FaultPoints} point, waits for the process to reach it and kills it
 * with SIGKILL ({@link Process#destroyForcibly()} on Linux), as {@code kill -9} would.
 */
final class SluiceProcess {
    /** Far above any run of the example, even on a crowded machine; a hung run fails the test instead of CI. */
    private static final Duration LIMIT = Duration.ofMinutes(10);
    /**
     * Classes of Spark, Delta and Hadoop dumped by this test JVM's first sluice process that ends normally and
     * mapped by every later one (AppCDS): it saves about 40% of each process's start-up CPU, and the crash test
     * starts some 30 of them. Used only when the class path is all jars (as under {@code mvn verify}). Each
     * process started before the archive exists dumps to a file of its own, moved into place when it ends
     * normally: processes running side by side never write the same file.
     */
    private static final Path CLASS_ARCHIVE = Path.of("target/it-cds/sluice-" + ProcessHandle.current().pid() + ".jsa")
            .toAbsolutePath();
    /**
     * Spark settings for runs over a few dozen rows, measured on two cores (CPU seconds of one run of the example:
     * 32 without, 25 with): expressions interpreted instead of compiled to Java by Janino (each compiled class is
     * then JIT-compiled again, and no process lives long enough to profit), and no adaptive re-planning of
     * single-partition stages. They change how Spark computes rows, not what a run writes or when it commits:
     * the fault points, the Delta commits and the raw-zone markers are the same. As system properties they rank
     * below the project's sluice.yaml, which may still set them.
     */
    private static final List<String> SPARK_FOR_TINY_DATA = List.of("-Dspark.sql.codegen.wholeStage=false",
            "-Dspark.sql.codegen.factoryMode=NO_CODEGEN", "-Dspark.sql.adaptive.enabled=false");

    private final Path workDir;
    private int started;
    /** The archive the latest process dumps when it ends normally; null when it maps the shared one. */
    private Path dumping;

    SluiceProcess(Path workDir) {
        this.workDir = workDir;
    }

    /** What a finished process left: its exit code and everything it wrote. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** How an armed run ended: killed at the point ({@code reached} names it, as {@code name#hit}) or finished. */
    record Outcome(Optional<String> reached, Optional<Result> finished, long pid) {
        boolean killed() {
            return reached.isPresent();
        }
    }

    Result run(Map<String, String> env, String... args) {
        Process p = start(env, args);
        try {
            if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("sluice " + String.join(" ", args) + " did not end within " + LIMIT);
            }
            keepArchive();
            return result(p.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs with {@code SLUICE_FAULT_POINT=point}; when the process reaches it, kills it with SIGKILL and checks
     * that it is gone. A process that ends without reaching the point is returned as finished.
     */
    Outcome runUntilKilled(String point, Map<String, String> env, String... args) {
        Path marker = workDir.resolve("fault-" + (started + 1) + ".marker");
        Map<String, String> armed = new java.util.HashMap<>(env);
        armed.put("SLUICE_FAULT_POINT", point);
        armed.put("SLUICE_FAULT_MARKER", marker.toString());
        Process p = start(armed, args);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        try {
            while (!Files.exists(marker)) {
                if (p.waitFor(100, TimeUnit.MILLISECONDS)) {
                    keepArchive();
                    return new Outcome(Optional.empty(), Optional.of(result(p.exitValue())), p.pid());
                }
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("sluice did not reach " + point + " within " + LIMIT);
                }
            }
            String[] content = Files.readString(marker, StandardCharsets.UTF_8).strip().split(" ");
            if (Long.parseLong(content[1]) != p.pid()) {
                throw new AssertionError("the marker " + marker + " names process " + content[1] + ", not " + p.pid());
            }
            ProcessHandle handle = p.toHandle();
            p.destroyForcibly();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("process " + p.pid() + " survived SIGKILL");
            }
            // 128 + 9: the JVM was killed by SIGKILL, no shutdown hook ran
            if (p.exitValue() != 137) {
                throw new AssertionError("process " + p.pid() + " ended with " + p.exitValue() + ", not by SIGKILL");
            }
            if (handle.isAlive() || ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new AssertionError("process " + p.pid() + " is still alive after SIGKILL");
            }
            return new Outcome(Optional.of(content[0]), Optional.empty(), p.pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    /** Standard output and error of the latest process. */
    private Result result(int exitCode) {
        try {
            return new Result(exitCode, Files.readString(out(started), StandardCharsets.UTF_8),
                    Files.readString(err(started), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process start(Map<String, String> env, String... args) {
        started++;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("sluice.spark.java.options", "").trim().split("\\s+")));
        command.add("-Duser.timezone=UTC");
        // as the test JVMs: C1 only and a serial GC make these short runs markedly cheaper on two cores; a young
        // generation of its full size from the start spares the dozens of collections of a growing one
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx1g", "-Xms1g", "-Xmn400m"));
        command.addAll(SPARK_FOR_TINY_DATA);
        command.addAll(classArchive());
        command.addAll(List.of("-cp", classPath(), "io.sluice.cli.Main"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out(started).toFile()).redirectError(err(started).toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().remove("SLUICE_FAULT_POINT");
        builder.environment().remove("SLUICE_FAULT_TRACE");
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    private Path out(int n) {
        return workDir.resolve("sluice-" + n + ".out");
    }

    private Path err(int n) {
        return workDir.resolve("sluice-" + n + ".err");
    }

    private List<String> classArchive() {
        dumping = null;
        boolean jarsOnly = Arrays.stream(classPath().split(java.io.File.pathSeparator)).allMatch(e -> e.endsWith(".jar"));
        if (!jarsOnly) {
            return List.of();
        }
        // silences the warnings about each class the archive cannot hold; errors still reach standard error
        List<String> options = new ArrayList<>(List.of("-Xlog:disable", "-Xlog:all=error:stderr"));
        if (Files.exists(CLASS_ARCHIVE)) {
            options.add("-XX:SharedArchiveFile=" + CLASS_ARCHIVE);
        } else {
            try {
                Files.createDirectories(CLASS_ARCHIVE.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dumping = CLASS_ARCHIVE.resolveSibling(CLASS_ARCHIVE.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
            options.add("-XX:ArchiveClassesAtExit=" + dumping);
        }
        return options;
    }

    /** Puts the archive the process that just ended normally dumped in place, for the processes started next. */
    private void keepArchive() {
        if (dumping == null || !Files.exists(dumping)) {
            return;
        }
        try {
            Files.move(dumping, CLASS_ARCHIVE, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the class archive " + dumping, e);
        } finally {
            dumping = null;
        }
    }

    static String classPath() {
        String cp = System.getProperty("sluice.cli.classpath");
        if (cp == null || cp.isBlank() || cp.startsWith("${")) {
            throw new IllegalStateException("system property sluice.cli.classpath is not set: run through Maven"
                    + " (framework/it/pom.xml computes it)");
        }
        return cp;
    }
}
