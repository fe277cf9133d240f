package io.sluice.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The row-at-a-time baseline: the same rules, checked per record by a UDF that builds a JSON object and validates
 * it with everit JSON Schema ({@link JsonSchemaRowCheck}), writing a typed valid table and an error table (the
 * record's text and its violations). To be fair to it, every record is checked once: the checked rows are kept
 * on local disk ({@code DISK_ONLY}) between the valid and the error write instead of being validated twice. The
 * tables run {@code tablesAtOnce} at a time, as Sluice runs them.
 */
final class RowBaseline implements Contender {
    private static final String CORRUPT = "_corrupt_record";
    private static final String ERRORS = "_errors";

    private final SparkSession spark;
    private final Path landing;
    private final int tablesAtOnce;

    RowBaseline(SparkSession spark, Path landing, int tablesAtOnce) {
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
        return "baseline";
    }

    @Override
    public void run(Path out) {
        Tables.each(tablesAtOnce, name(), table -> runTable(table, out));
    }

    private void runTable(TpchTables.Table table, Path out) {
        StructType text = table.textSchema().add(CORRUPT, DataTypes.StringType);
        Dataset<Row> raw = spark.read().schema(text).option("header", "true").option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .csv(landing.resolve(table.name()).toString());
        List<Column> fields = new ArrayList<>();
        for (TpchTables.Column c : table.columns()) {
            fields.add(col(c.name()));
        }
        fields.add(col(CORRUPT));
        UserDefinedFunction check = udf(new JsonSchemaRowCheck(table), DataTypes.createArrayType(DataTypes.StringType));
        Dataset<Row> checked = raw.withColumn(ERRORS, check.apply(struct(fields.toArray(Column[]::new))))
                .withColumn("_source_file", col("_metadata.file_name"))
                .persist(StorageLevel.DISK_ONLY());
        try {
            List<Column> typed = new ArrayList<>();
            for (TpchTables.Column c : table.columns()) {
                typed.add(col(c.name()).cast(c.type().spark()).as(c.name()));
            }
            typed.add(col("_source_file"));
            typed.add(lit("bench").as("_run_id"));
            typed.add(current_timestamp().as("_ingested_at"));
            checked.where(col(ERRORS).isNull()).select(typed.toArray(Column[]::new))
                    .write().format("delta").mode("overwrite").save(validPath(out, table));
            checked.where(col(ERRORS).isNotNull()).drop(CORRUPT).withColumn("_run_id", lit("bench"))
                    .write().format("delta").mode("overwrite").save(errorPath(out, table));
        } finally {
            checked.unpersist(true);
        }
    }

    @Override
    public Map<String, TableCounts> counts(Path out) {
        Map<String, TableCounts> counts = new LinkedHashMap<>();
        for (TpchTables.Table table : TpchTables.ALL) {
            long valid = DeltaCounts.rowsOfLastWrite(spark, Path.of(validPath(out, table)));
            long error = DeltaCounts.rowsOfLastWrite(spark, Path.of(errorPath(out, table)));
            counts.put(table.name(), new TableCounts(valid + error, valid, error));
        }
        return counts;
    }

    @Override
    public String phaseOf(SparkWork.Execution execution, Path out) {
        if (execution.writes(out.resolve("valid").toString())) {
            return "validate+write valid";
        }
        if (execution.writes(out.resolve("error").toString())) {
            return "write error";
        }
        return "bookkeeping";
    }

    private static String validPath(Path out, TpchTables.Table table) {
        return out.resolve("valid").resolve(table.name()).toString();
    }

    private static String errorPath(Path out, TpchTables.Table table) {
        return out.resolve("error").resolve(table.name()).toString();
    }
}
