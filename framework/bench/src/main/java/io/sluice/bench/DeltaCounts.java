package io.sluice.bench;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/** Row counts from a Delta table's commit metrics: no scan of the data. */
final class DeltaCounts {
    private DeltaCounts() {
    }

    /** {@code numOutputRows} of the table's last commit; 0 when nothing was written there. */
    static long rowsOfLastWrite(SparkSession spark, Path table) {
        String path = table.toString();
        if (!java.nio.file.Files.isDirectory(table) || !DeltaTable.isDeltaTable(spark, path)) {
            return 0;
        }
        List<Row> last = DeltaTable.forPath(spark, path).history(1).select("operationMetrics").collectAsList();
        if (last.isEmpty() || last.get(0).isNullAt(0)) {
            return 0;
        }
        Map<String, String> metrics = CollectionConverters.asJava(last.get(0).<String, String>getMap(0));
        String rows = metrics.get("numOutputRows");
        if (rows == null) {
            throw new IllegalStateException("the last commit of " + path + " has no numOutputRows metric (metrics: "
                    + metrics.keySet() + "); is spark.databricks.delta.history.metricsEnabled off?");
        }
        return Long.parseLong(rows);
    }
}
