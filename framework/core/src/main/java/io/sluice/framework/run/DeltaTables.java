package io.sluice.framework.run;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads the bookkeeping of a Delta table's last commit: its version, operation metrics and user metadata. */
final class DeltaTables {
    private DeltaTables() {
    }

    record LastCommit(long version, Map<String, String> metrics, Optional<String> userMetadata) {
        long metric(String name) {
            String v = metrics.get(name);
            return v == null ? 0 : Long.parseLong(v);
        }
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
