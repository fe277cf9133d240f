package io.sluice.bench;

import io.sluice.compat.listen.SqlExecutionEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Records, from outside the code under test, which SQL executions ran and what their tasks did: wall time per
 * root execution (a DataFrame action or a command such as a Delta write, with the nested executions it starts),
 * and task time, bytes read and written. A contender's phases then gather the executions it classifies by
 * their description and physical plan (for example "a Delta write whose path is in the error zone"): the time
 * during which one of them ran, and the sums of their Spark work.
 *
 * <p>Spark delivers listener events on its own thread; {@link #drain} waits until they have all arrived.
 *
 * <p>The SQL execution events ({@code org.apache.spark.sql.execution.ui}) are Spark internals: the only place the
 * physical plan of each execution, and so the phase it belongs to, can be seen. The per-phase figures depend on
 * them; the contenders' wall time, overhead and task CPU ({@link TaskCpu}) do not.
 */
final class SparkWork extends SparkListener {
    private final Map<Long, Execution> executions = new LinkedHashMap<>();
    private final Map<Integer, Long> stageToExecution = new HashMap<>();

    /** Installs a recorder on the session (one per benchmark; {@link #reset} between runs). */
    static SparkWork attach(SparkSession spark) {
        SparkWork work = new SparkWork();
        spark.sparkContext().addSparkListener(work);
        return work;
    }

    static void detach(SparkSession spark, SparkWork work) {
        spark.sparkContext().removeSparkListener(work);
    }

    synchronized void reset() {
        executions.clear();
        stageToExecution.clear();
    }

    /** Waits until Spark has delivered every event posted so far (through public API: {@link TaskCpu#drain}). */
    static void drain(SparkSession spark) {
        TaskCpu.drain(spark);
    }

    @Override
    public synchronized void onOtherEvent(SparkListenerEvent event) {
        SqlExecutionEvents.of(event).ifPresent(e -> {
            if (e.start()) {
                executions.put(e.id(), new Execution(e.id(), e.root(), e.description(), e.plan(), e.time()));
            } else {
                Execution started = executions.get(e.id());
                if (started != null) {
                    started.end = e.time();
                }
            }
        });
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart job) {
        String id = job.properties() == null ? null : job.properties().getProperty("spark.sql.execution.id");
        if (id == null) {
            return;
        }
        long execution = Long.parseLong(id);
        for (Object stage : CollectionConverters.asJava(job.stageIds())) {
            stageToExecution.put(((Number) stage).intValue(), execution);
        }
        Execution e = executions.get(execution);
        if (e != null) {
            e.jobs++;
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
        Long execution = stageToExecution.get(task.stageId());
        TaskMetrics m = task.taskMetrics();
        Execution e = execution == null ? null : executions.get(execution);
        if (e == null || m == null) {
            return;
        }
        e.tasks++;
        e.taskMillis += m.executorRunTime();
        e.inputBytes += m.inputMetrics().bytesRead();
        e.outputBytes += m.outputMetrics().bytesWritten();
    }

    /**
     * Gathers root executions by phase. Nested executions count towards their root; a phase's seconds are the
     * time during which one of its root executions ran, its other figures sums.
     *
     * @param phaseOf names the phase of a root execution from its description and physical plan
     */
    synchronized Map<String, PhaseWork> byPhase(Function<Execution, String> phaseOf) {
        Map<Long, String> phaseOfRoot = phases(phaseOf);
        Map<String, PhaseWork> out = new LinkedHashMap<>();
        for (Execution e : executions.values()) {
            String phase = phaseOfRoot.get(e.root);
            if (phase == null) {
                continue;
            }
            PhaseWork w = out.getOrDefault(phase, PhaseWork.NONE);
            double wall = e.id == e.root && e.end > 0 ? (e.end - e.start) / 1e3 : 0;
            out.put(phase, new PhaseWork(0, w.executionSeconds() + wall, w.executions() + (e.id == e.root ? 1 : 0),
                    w.jobs() + e.jobs, w.tasks() + e.tasks, w.taskSeconds() + e.taskMillis / 1e3,
                    w.inputBytes() + e.inputBytes, w.outputBytes() + e.outputBytes));
        }
        // Datasets published side by side run executions of one phase at the same time: a phase's seconds are
        // the time during which at least one of its executions ran, not the sum of their durations.
        out.replaceAll((phase, w) -> new PhaseWork(busySeconds(phaseOfRoot, phase::equals), w.executionSeconds(),
                w.executions(), w.jobs(), w.tasks(), w.taskSeconds(), w.inputBytes(), w.outputBytes()));
        return out;
    }

    /** The seconds during which at least one root execution of the phases {@code counted} accepts was running. */
    synchronized double busySeconds(Function<Execution, String> phaseOf,
                                    java.util.function.Predicate<String> counted) {
        return busySeconds(phases(phaseOf), counted);
    }

    private double busySeconds(Map<Long, String> phaseOfRoot, java.util.function.Predicate<String> counted) {
        List<long[]> spans = new ArrayList<>();
        for (Execution e : executions.values()) {
            if (e.id == e.root && e.end > 0 && counted.test(phaseOfRoot.get(e.id))) {
                spans.add(new long[] {e.start, e.end});
            }
        }
        spans.sort(java.util.Comparator.comparingLong(span -> span[0]));
        long busy = 0;
        long coveredTo = Long.MIN_VALUE;
        for (long[] span : spans) {
            long from = Math.max(span[0], coveredTo);
            if (span[1] > from) {
                busy += span[1] - from;
            }
            coveredTo = Math.max(coveredTo, span[1]);
        }
        return busy / 1e3;
    }

    private Map<Long, String> phases(Function<Execution, String> phaseOf) {
        Map<Long, String> phaseOfRoot = new HashMap<>();
        for (Execution e : executions.values()) {
            if (e.id == e.root) {
                phaseOfRoot.put(e.id, phaseOf.apply(e));
            }
        }
        return phaseOfRoot;
    }

    /** Every root execution with its description and plan, for profiling ({@code --plans}). */
    synchronized List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Execution e : executions.values()) {
            out.add(String.format(java.util.Locale.ROOT, "#%d (root %d) %.3f s, %d jobs, %d tasks, %.3f task-s, in %,d B, out %,d B: %s%n%s",
                    e.id, e.root, e.end > 0 ? (e.end - e.start) / 1e3 : -1.0, e.jobs, e.tasks, e.taskMillis / 1e3,
                    e.inputBytes, e.outputBytes, e.description, e.plan));
        }
        return out;
    }

    /** One SQL execution as seen by the listener. */
    static final class Execution {
        final long id;
        final long root;
        final String description;
        final String plan;
        final long start;
        long end;
        int jobs;
        int tasks;
        long taskMillis;
        long inputBytes;
        long outputBytes;

        Execution(long id, long root, String description, String plan, long start) {
            this.id = id;
            this.root = root;
            this.description = description == null ? "" : description;
            this.plan = plan == null ? "" : plan;
            this.start = start;
        }

        /** Whether this execution writes a table at a path containing {@code pathPart}. */
        boolean writes(String pathPart) {
            boolean write = plan.contains("SaveIntoDataSourceCommand") || plan.contains("WriteIntoDelta")
                    || plan.contains("InsertIntoHadoopFsRelationCommand") || plan.contains("CreateTableAsSelect");
            return write && plan.contains(pathPart);
        }
    }

    /**
     * What the executions of one phase did.
     *
     * @param seconds          the time during which at least one of its root executions ran
     * @param executionSeconds the summed durations of its root executions (more than {@code seconds} when they
     *                         ran side by side): how long one such execution takes, on average, per execution
     * @param taskSeconds      summed task run time (both cores count: up to 2 × wall on this machine)
     * @param inputBytes       bytes read by its tasks (files scanned)
     * @param outputBytes      bytes written by its tasks
     */
    record PhaseWork(double seconds, double executionSeconds, int executions, int jobs, int tasks,
                     double taskSeconds, long inputBytes, long outputBytes) {
        static final PhaseWork NONE = new PhaseWork(0, 0, 0, 0, 0, 0, 0, 0);
    }
}
