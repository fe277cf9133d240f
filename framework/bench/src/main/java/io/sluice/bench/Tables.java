package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one piece of work per TPC-H table, {@code atOnce} tables at the same time, as Sluice's {@code SourceRunner}
 * runs a source's datasets {@code parallelism} at a time: the hand-written contenders get the same concurrency as
 * Sluice, so that neither side is flattered by running its tables side by side while the other does not.
 */
final class Tables {
    private Tables() {
    }

    /**
     * Calls {@code work} for every table of {@link TpchTables#ALL}; returns when all are done.
     *
     * @param atOnce 1: one after the other on the calling thread; more: on that many threads
     * @throws RuntimeException the first failure of a table, the others' attached as suppressed
     */
    static void each(int atOnce, String contender, Consumer<TpchTables.Table> work) {
        if (atOnce <= 1) {
            TpchTables.ALL.forEach(work);
            return;
        }
        AtomicInteger thread = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(atOnce, r -> {
            Thread t = new Thread(r, "bench-" + contender + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (TpchTables.Table table : TpchTables.ALL) {
                running.add(pool.submit(() -> work.accept(table)));
            }
            RuntimeException failed = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(contender + " failed on a table", e.getCause());
                    if (failed == null) {
                        failed = cause;
                    } else {
                        failed.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while " + contender + " ran its tables", e);
                }
            }
            if (failed != null) {
                throw failed;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
