package io.sluice.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Watches the JVM heap during one run: the highest heap use sampled every {@value #SAMPLE_MILLIS} ms, the highest
 * heap use left right after a collection (what the run really kept alive), and the time and count of
 * collections. The live heap is the largest heap use right after a collection, from the collectors'
 * notifications. In {@code local[*]} the driver and the executors share this heap, so this is the whole engine's.
 */
final class HeapWatch implements AutoCloseable {
    private static final int SAMPLE_MILLIS = 10;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Set<String> heapPools = new HashSet<>();
    private final long gcMillisBefore;
    private final long gcCountBefore;
    private final AtomicLong liveAfterGc = new AtomicLong();
    private final Thread sampler;
    private final NotificationListener afterGc = this::afterGc;
    private volatile boolean running = true;

    HeapWatch() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(afterGc, null, null);
            }
        }
        gcMillisBefore = gcMillis();
        gcCountBefore = gcCount();
        sampler = new Thread(this::sample, "bench-heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Heap in use right after a collection: what the run kept alive at that moment. */
    private void afterGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        liveAfterGc.accumulateAndGet(used, Math::max);
    }

    /** Stops watching and returns what was seen. */
    Heap stop() {
        close();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        return new Heap(peak.get() / 1048576.0, liveAfterGc.get() / 1048576.0,
                memory.getHeapMemoryUsage().getMax() / 1048576.0, (gcMillis() - gcMillisBefore) / 1e3,
                gcCount() - gcCountBefore);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(afterGc);
                } catch (ListenerNotFoundException e) {
                    // already removed by an earlier close()
                }
            }
        }
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static long gcCount() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }

    /**
     * Heap seen during one run, in MiB.
     *
     * @param peakUsedMb     highest sampled heap use (live data and garbage not yet collected)
     * @param liveAfterGcMb  highest heap use right after a collection (data the run kept alive)
     * @param maxMb          the heap limit ({@code -Xmx})
     * @param gcSeconds      time spent collecting
     * @param collections    number of collections
     */
    record Heap(double peakUsedMb, double liveAfterGcMb, double maxMb, double gcSeconds, long collections) {
    }
}
