package io.sluice.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark task work of each contender's run, through Spark's public listener API only: the summed
 * {@code executorCpuTime} and {@code executorRunTime} of the tasks of every job that started while the run's window
 * was open. Contenders run one at a time, so a job's start time names the run it belongs to, whichever thread
 * (e.g. Sluice's dataset threads) started it.
 *
 * <p>Spark delivers listener events on its own thread, after the fact. {@link #close} therefore runs a one-task
 * marker job and waits for its end event: events are delivered in the order they were posted, so by then every
 * task of the window has been counted. The marker job starts after the window closed and is not counted.
 */
final class TaskCpu extends SparkListener {
    private static final String MARKER = "sluice.bench.marker";
    private static final long DRAIN_TIMEOUT_SECONDS = 120;

    private final SparkSession spark;
    private final List<Window> windows = new ArrayList<>();
    private final Map<Integer, Window> windowOfStage = new HashMap<>();
    private final Map<Integer, String> markerJobs = new HashMap<>();
    private final List<String> markersEnded = new ArrayList<>();

    private TaskCpu(SparkSession spark) {
        this.spark = spark;
    }

    /** Registers a new recorder on the session; {@link #detach} removes it. */
    static TaskCpu attach(SparkSession spark) {
        TaskCpu cpu = new TaskCpu(spark);
        spark.sparkContext().addSparkListener(cpu);
        return cpu;
    }

    void detach() {
        spark.sparkContext().removeSparkListener(this);
    }

    /** Opens the window of one run: jobs starting from now on are counted towards it until {@link #close}. */
    synchronized Window open() {
        // a window closed by close() never overlaps the next: runs are measured one at a time
        Window w = new Window(System.currentTimeMillis());
        windows.add(w);
        return w;
    }

    /** Closes the window and returns its task work once Spark has delivered every event of its jobs. */
    Usage close(Window w) {
        synchronized (this) {
            w.to = System.currentTimeMillis();
        }
        awaitDelivered();
        synchronized (this) {
            windows.remove(w);
            windowOfStage.values().removeIf(x -> x == w);
            return new Usage(w.jobs, w.tasks, w.cpuNanos / 1e9, w.runMillis / 1e3);
        }
    }

    /** Waits until Spark has delivered every event posted so far to the listeners of the session. */
    static void drain(SparkSession spark) {
        TaskCpu marker = attach(spark);
        try {
            marker.awaitDelivered();
        } finally {
            marker.detach();
        }
    }

    /**
     * Waits until Spark has delivered every event posted so far to this listener: runs a one-task job marked by a
     * local property and waits for its end event, which Spark posts after every event of earlier jobs.
     */
    void awaitDelivered() {
        String marker = UUID.randomUUID().toString();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String before = context.getLocalProperty(MARKER);
        context.setLocalProperty(MARKER, marker);
        try {
            context.parallelize(List.of(1), 1).count();
        } finally {
            context.setLocalProperty(MARKER, before);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_SECONDS);
        synchronized (this) {
            while (!markersEnded.remove(marker)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("Spark did not deliver its listener events within "
                            + DRAIN_TIMEOUT_SECONDS + " s; the task CPU of this run is incomplete");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Spark's listener events", e);
                }
            }
        }
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart job) {
        String marker = job.properties() == null ? null : job.properties().getProperty(MARKER);
        if (marker != null) {
            markerJobs.put(job.jobId(), marker);
            return;
        }
        Window w = windowAt(job.time());
        if (w == null) {
            return;
        }
        w.jobs++;
        for (Object stage : CollectionConverters.asJava(job.stageIds())) {
            windowOfStage.put(((Number) stage).intValue(), w);
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
        Window w = windowOfStage.get(task.stageId());
        TaskMetrics m = task.taskMetrics();
        if (w == null || m == null) {
            return;
        }
        w.tasks++;
        w.cpuNanos += m.executorCpuTime();
        w.runMillis += m.executorRunTime();
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd job) {
        String marker = markerJobs.remove(job.jobId());
        if (marker != null) {
            markersEnded.add(marker);
            notifyAll();
        }
    }

    private Window windowAt(long time) {
        for (Window w : windows) {
            if (time >= w.from && time <= w.to) {
                return w;
            }
        }
        return null;
    }

    /** One run's window; its figures grow while Spark delivers the events of its jobs. */
    static final class Window {
        private final long from;
        private long to = Long.MAX_VALUE;
        private int jobs;
        private int tasks;
        private long cpuNanos;
        private long runMillis;

        private Window(long from) {
            this.from = from;
        }
    }

    /**
     * The Spark task work of one run.
     *
     * @param jobs           Spark jobs started during the run
     * @param tasks          their tasks
     * @param cpuSeconds     summed {@code executorCpuTime}: CPU the tasks' threads used (both cores count)
     * @param runSeconds     summed {@code executorRunTime}: the tasks' wall time, waiting on I/O included
     */
    record Usage(int jobs, int tasks, double cpuSeconds, double runSeconds) {
    }
}
