package io.sluice.framework.run;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads the bookkeeping of a Delta table's last commit: its version, operation metrics and user metadata. */
public final class DeltaTables {
    private DeltaTables() {
    }

    record LastCommit(long version, Map<String, String> metrics, Optional<String> userMetadata) {
        long metric(String name) {
            String v = metrics.get(name);
            return v == null ? 0 : Long.parseLong(v);
        }
    }

    /**
     * Makes the table carry its catalog description: {@code comment} becomes the Delta table description, the
     * rest table properties. Commits only when something differs, so an unchanged descriptor writes nothing.
     */
    public static void describe(SparkSession spark, String path, Optional<String> comment, Map<String, String> properties) {
        Row detail = DeltaTable.forPath(spark, path).detail().select("description", "properties").first();
        Map<String, String> current = detail.isNullAt(1) ? Map.of()
                : scala.jdk.javaapi.CollectionConverters.asJava(detail.<String, String>getMap(1));
        java.util.Map<String, String> wanted = new java.util.TreeMap<>(properties);
        comment.ifPresent(c -> wanted.put("comment", c));
        boolean same = java.util.Objects.equals(detail.isNullAt(0) ? null : detail.getString(0), comment.orElse(null))
                && properties.entrySet().stream().allMatch(e -> e.getValue().equals(current.get(e.getKey())));
        if (same || wanted.isEmpty()) {
            return;
        }
        String assignments = wanted.entrySet().stream()
                .map(e -> literal(e.getKey()) + " = " + literal(e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
        spark.sql("ALTER TABLE delta.`" + path.replace("`", "``") + "` SET TBLPROPERTIES (" + assignments + ")");
    }

    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /** The last commit of the table at {@code path}; empty when there is no Delta table there. */
    static Optional<LastCommit> lastCommit(SparkSession spark, String path) {
        if (!exists(spark, path)) {
            return Optional.empty();
        }
        List<Row> rows = DeltaTable.forPath(spark, path).history(1)
                .select("version", "operationMetrics", "userMetadata").collectAsList();
        Row r = rows.get(0);
        Map<String, String> metrics = r.isNullAt(1) ? Map.of() : scala.jdk.javaapi.CollectionConverters.asJava(r.<String, String>getMap(1));
        return Optional.of(new LastCommit(r.getLong(0), Map.copyOf(metrics), Optional.ofNullable(r.getString(2))));
    }
}
