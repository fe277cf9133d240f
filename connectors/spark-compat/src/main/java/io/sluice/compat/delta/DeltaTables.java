package io.sluice.compat.delta;

import io.delta.tables.DeltaTable;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.delta.actions.Metadata;

/** Reads the bookkeeping of a Delta table's last commit: its version, operation metrics and user metadata. */
public final class DeltaTables {
    private DeltaTables() {
    }

    public record LastCommit(long version, Map<String, String> metrics, Optional<String> userMetadata) {
        public long metric(String name) {
            String v = metrics.get(name);
            return v == null ? 0 : Long.parseLong(v);
        }

        /** The rows a write or a merge took in: a merge reports its source rows, a write its output rows. */
        public long rowsWritten() {
            return metrics.containsKey("numSourceRows") ? metric("numSourceRows") : metric("numOutputRows");
        }
    }

    /**
     * Makes the table carry its catalog description: {@code comment} becomes the Delta table description, the
     * rest table properties. Commits only when something differs, so an unchanged descriptor writes nothing.
     */
    public static void describe(SparkSession spark, String path, Optional<String> comment, Map<String, String> properties) {
        // the snapshot's metadata action, not DeltaTable.detail(): detail() also sums the files of the table, a
        // Spark job over the log per table and run (docs/benchmark.md, "Measurements behind the code")
        Metadata metadata = latest(DeltaLog.forTable(spark, path)).metadata();
        Map<String, String> current = scala.jdk.javaapi.CollectionConverters.asJava(metadata.configuration());
        java.util.Map<String, String> wanted = new java.util.TreeMap<>(properties);
        comment.ifPresent(c -> wanted.put("comment", c));
        boolean same = java.util.Objects.equals(metadata.description(), comment.orElse(null))
                && properties.entrySet().stream().allMatch(e -> e.getValue().equals(current.get(e.getKey())));
        if (same || wanted.isEmpty()) {
            return;
        }
        String assignments = wanted.entrySet().stream()
                .map(e -> literal(e.getKey()) + " = " + literal(e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
        spark.sql("ALTER TABLE delta.`" + path.replace("`", "``") + "` SET TBLPROPERTIES (" + assignments + ")");
    }

    /**
     * Creates the table at {@code path} from {@code rows} with its description and properties in the same
     * commit: describing a new table afterwards cost a second commit per table.
     */
    public static void create(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows, String path,
                              Optional<String> comment, Map<String, String> properties) {
        var writer = rows.writeTo("delta.`" + path.replace("`", "``") + "`").using("delta");
        for (Map.Entry<String, String> p : properties.entrySet()) {
            writer = writer.tableProperty(p.getKey(), p.getValue());
        }
        if (comment.isPresent()) {
            writer = writer.tableProperty("comment", comment.get());
        }
        try {
            writer.create();
        } catch (org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException
                 | org.apache.spark.sql.delta.DeltaConcurrentModificationException e) {
            throw writtenConcurrently("the Delta table " + path, e);
        }
    }

    /**
     * Another process created or committed to {@code table} (e.g. "the Delta table /lake/valid/s/d") while this
     * one wrote it: nothing of this write was committed, running again later writes it after the other's.
     */
    public static SluiceException writtenConcurrently(String table, Exception cause) {
        return new SluiceException(StandardErrorCode.TABLE_WRITTEN_CONCURRENTLY, table
                + " was created or changed by another process while this run wrote it ("
                + cause.getClass().getSimpleName() + "); nothing of this write was committed: run again once the"
                + " other process has finished, and check that no other job writes Sluice's tables", cause);
    }

    /** The concurrent Delta commit behind {@code failure}, if that is what it is. */
    public static Optional<org.apache.spark.sql.delta.DeltaConcurrentModificationException> concurrentCommit(
            Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.spark.sql.delta.DeltaConcurrentModificationException c) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    public static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /**
     * The last commit of the table at {@code path}; empty when there is no Delta table there. Read from the
     * commit file itself: {@code DeltaTable.history(1)} runs a Spark job for it, and a run asks three times per
     * dataset.
     */
    public static Optional<LastCommit> lastCommit(SparkSession spark, String path) {
        DeltaLog log = DeltaLog.forTable(spark, path);
        long version = version(log);
        if (version < 0) {
            return Optional.empty();
        }
        return Optional.of(commitInfos(log, version, version).stream().findFirst()
                .orElse(new LastCommit(version, Map.of(), Optional.empty())));
    }

    /**
     * The user metadata of the newest of the last {@code commits} commits that has some (table property changes
     * carry none); empty when none has or there is no table.
     */
    public static Optional<String> latestUserMetadata(SparkSession spark, String path, int commits) {
        DeltaLog log = DeltaLog.forTable(spark, path);
        long version = version(log);
        if (version < 0) {
            return Optional.empty();
        }
        List<LastCommit> recent = commitInfos(log, Math.max(0, version - commits + 1), version);
        for (int i = recent.size() - 1; i >= 0; i--) {
            if (recent.get(i).userMetadata().isPresent()) {
                return recent.get(i).userMetadata();
            }
        }
        return Optional.empty();
    }

    private static long version(DeltaLog log) {
        return latest(log).version();
    }

    /** The table's newest snapshot (a listing of its log; no Spark job). */
    private static org.apache.spark.sql.delta.Snapshot latest(DeltaLog log) {
        return log.update(false, scala.Option.empty(), scala.Option.empty());
    }

    /** The commit information of versions {@code from} to {@code to}, oldest first, read on the driver. */
    private static List<LastCommit> commitInfos(DeltaLog log, long from, long to) {
        List<LastCommit> infos = new ArrayList<>();
        scala.collection.Iterator<scala.Tuple2<Object, scala.collection.immutable.Seq<Action>>> changes =
                log.getChanges(from, scala.Option.empty(), true);
        while (changes.hasNext()) {
            scala.Tuple2<Object, scala.collection.immutable.Seq<Action>> commit = changes.next();
            long version = ((Number) commit._1()).longValue();
            if (version > to) {
                break;
            }
            for (Action action : scala.jdk.javaapi.CollectionConverters.asJava(commit._2())) {
                if (action instanceof CommitInfo info) {
                    Map<String, String> metrics = info.operationMetrics().isDefined()
                            ? Map.copyOf(scala.jdk.javaapi.CollectionConverters.asJava(info.operationMetrics().get()))
                            : Map.of();
                    infos.add(new LastCommit(version, metrics,
                            Optional.ofNullable(info.userMetadata().isDefined() ? info.userMetadata().get() : null)));
                    break;
                }
            }
        }
        return infos;
    }
}
