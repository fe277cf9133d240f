package io.sluice.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The floor: what an engineer writes by hand for one table. Read the CSV with an explicit typed schema, write a
 * Delta table. No validation, no raw copy, no error table: anything Spark cannot parse silently becomes null.
 * The tables run {@code tablesAtOnce} at a time, as Sluice runs them.
 */
final class FloorJob implements Contender {
    private final SparkSession spark;
    private final Path landing;
    private final int tablesAtOnce;

    FloorJob(SparkSession spark, Path landing, int tablesAtOnce) {
        this.spark = spark;
        this.landing = landing;
        this.tablesAtOnce = tablesAtOnce;
    }

    @Override
    public int tablesAtOnce() {
        return tablesAtOnce;
    }

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public void run(Path out) {
        Tables.each(tablesAtOnce, name(), table -> spark.read().schema(table.typedSchema()).option("header", "true")
                .csv(landing.resolve(table.name()).toString())
                .write().format("delta").mode("overwrite").save(out.resolve(table.name()).toString()));
    }

    @Override
    public Map<String, TableCounts> counts(Path out) {
        Map<String, TableCounts> counts = new LinkedHashMap<>();
        for (TpchTables.Table table : TpchTables.ALL) {
            long written = DeltaCounts.rowsOfLastWrite(spark, out.resolve(table.name()));
            counts.put(table.name(), new TableCounts(written, written, 0));
        }
        return counts;
    }

    @Override
    public String phaseOf(SparkWork.Execution execution, Path out) {
        return execution.writes(out.toString()) ? "read+write" : "bookkeeping";
    }
}
