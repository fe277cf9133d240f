package io.sluice.framework.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named places in a run where the crash tests stop the process ({@code kill -9}) to prove that a run killed
 * anywhere leaves nothing half-written visible and that the next run completes it.
 *
 * <p>Inert unless the environment variable {@code SLUICE_FAULT_POINT} is set, read once when the class loads: a
 * production run pays one null check per point. {@code SLUICE_FAULT_POINT=publish.after-error-write#2} arms the
 * second time that point is reached in the process (no {@code #n}: the first time). At that moment the hook
 * writes the marker file {@code SLUICE_FAULT_MARKER} (atomically; its content is {@code name#hit pid}) and blocks
 * the calling thread for ever, so that the test, which waits for the marker, kills the process at exactly that
 * place. {@code SLUICE_FAULT_TRACE=FILE} appends every point reached, one {@code name#hit} a line, so that a test
 * learns which points a run passes.
 *
 * <p>The hit counters are the only state, and exist only in an armed process: this is a test seam, not a
 * feature, and its names are the contract with the crash tests (framework/it).
 */
public final class FaultPoints {
    private static final Armed ARMED = Armed.from(System.getenv());

    private FaultPoints() {
    }

    /** The point at which an in-process test wants the next pass to fail; null (the production case) if none. */
    private static final java.util.concurrent.atomic.AtomicReference<String> FAIL_ONCE =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** Marks that the run reached the point {@code name}; stops here for ever when the crash test armed it. */
    public static void reached(String name) {
        if (ARMED != null) {
            ARMED.reached(name);
        }
        String failing = FAIL_ONCE.get();
        if (failing != null && failing.equals(name) && FAIL_ONCE.compareAndSet(failing, null)) {
            throw new IllegalStateException("injected failure at " + name);
        }
    }

    /**
     * For tests that run Sluice in their own JVM: the next time the point {@code name} is reached, it throws
     * instead (an attempt that fails there, as a killed one stops there, while the test goes on). Disarmed by
     * that pass or by {@code close()}.
     */
    public static AutoCloseable failOnceAt(String name) {
        FAIL_ONCE.set(name);
        return () -> FAIL_ONCE.compareAndSet(name, null);
    }

    /** What the environment armed; null when nothing was (the production case). */
    private record Armed(String point, int hit, Path marker, Path trace, Map<String, AtomicInteger> hits) {
        static Armed from(Map<String, String> env) {
            String spec = env.get("SLUICE_FAULT_POINT");
            String trace = env.get("SLUICE_FAULT_TRACE");
            if ((spec == null || spec.isBlank()) && (trace == null || trace.isBlank())) {
                return null;
            }
            String point = null;
            int hit = 1;
            Path marker = null;
            if (spec != null && !spec.isBlank()) {
                int hash = spec.indexOf('#');
                point = hash < 0 ? spec.strip() : spec.substring(0, hash).strip();
                hit = hash < 0 ? 1 : Integer.parseInt(spec.substring(hash + 1).strip());
                String markerFile = env.get("SLUICE_FAULT_MARKER");
                if (markerFile == null || markerFile.isBlank()) {
                    throw new IllegalStateException("SLUICE_FAULT_POINT is set but SLUICE_FAULT_MARKER is not:"
                            + " set it to the file the crash test waits for");
                }
                marker = Path.of(markerFile);
            }
            return new Armed(point, hit, marker, trace == null || trace.isBlank() ? null : Path.of(trace),
                    new ConcurrentHashMap<>());
        }

        void reached(String name) {
            int n = hits.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            String hitName = name + "#" + n;
            if (trace != null) {
                append(trace, hitName + "\n");
            }
            if (name.equals(point) && n == hit) {
                stopHere(hitName);
            }
        }

        private void stopHere(String hitName) {
            Path tmp = marker.resolveSibling("." + marker.getFileName() + ".tmp");
            try {
                Files.writeString(tmp, hitName + " " + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the fault marker " + marker, e);
            }
            CountDownLatch never = new CountDownLatch(1);
            while (true) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    // the crash test kills the process here; an interrupt must not let the run go on
                }
            }
        }

        private static void append(Path file, String line) {
            try {
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the fault trace " + file, e);
            }
        }
    }
}
