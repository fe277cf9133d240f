package io.sluice.framework.validate;

import static io.sluice.framework.validate.Fixtures.column;
import static io.sluice.framework.validate.Fixtures.dataset;
import static io.sluice.framework.validate.Fixtures.raw;
import static io.sluice.framework.validate.Fixtures.row;
import static io.sluice.framework.validate.Fixtures.run;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.RuleSpec;
import io.sluice.metadata.SluiceException;
import io.sluice.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

@ExtendWith(SparkExtension.class)
class OutputsTest {

    private static DatasetSpec sales(DriftPolicy drift) {
        return dataset(List.of(column("sale_id", "long").required().spec(), column("price", "decimal(12,2)").spec()),
                List.of(), drift);
    }

    @Test
    void aCorruptRecordIsOneParseErrorKeepingItsText(SparkSession spark) {
        StructType schema = new StructType().add("sale_id", DataTypes.StringType).add("price", DataTypes.StringType)
                .add(RawColumns.CORRUPT_RECORD, DataTypes.StringType)
                .add(RawColumns.SOURCE_FILE, DataTypes.StringType).add(RawColumns.LINE, DataTypes.LongType);
        Dataset<Row> raw = spark.createDataFrame(List.of(
                RowFactory.create("1", "2.50", null, "a.csv", 1L),
                RowFactory.create("x", null, "x,\"unclosed", "a.csv", 2L)), schema);
        Fixtures.Outcome out = run(spark, sales(DriftPolicy.FAIL), raw);

        assertThat(out.compiled().unexpectedColumns()).isEmpty();
        assertThat(out.valid()).hasSize(1);
        assertThat(out.messages()).containsExactly(
                "2 null/parse: record could not be split into fields (wrong number of fields or broken quoting)");
        Row rejected = out.errors().get(0);
        assertThat(rejected.getString(rejected.fieldIndex("_raw_record"))).isEqualTo("x,\"unclosed");
        assertThat(rejected.getString(rejected.fieldIndex("sale_id"))).isEqualTo("x");
        assertThat(rejected.getString(rejected.fieldIndex(RawColumns.SOURCE_FILE))).isEqualTo("a.csv");
    }

    @Test
    void aMissingColumnRejectsEveryRow(SparkSession spark) {
        Fixtures.Outcome out = run(spark, sales(DriftPolicy.FAIL), raw(spark, List.of("SALE_ID"), row("1"), row("2")));

        assertThat(out.compiled().missingColumns()).containsExactly("price");
        assertThat(out.compiled().unexpectedColumns()).isEmpty();
        assertThat(out.valid()).isEmpty();
        assertThat(out.messages()).containsExactly(
                "1 price/missing_column: column 'price' is missing from the source data",
                "2 price/missing_column: column 'price' is missing from the source data");
        assertThat(out.errors().get(0).schema().fieldNames())
                .containsExactly("sale_id", "price", "_raw_record", "_errors", "_source_file", "_line");
        // the error table declares _errors not null (a valid row's null never reaches it)
        assertThat(out.errors().get(0).schema().apply("_errors").nullable()).isFalse();
        assertThat(out.errors().get(0).getString(0)).isEqualTo("1");
        assertThat(out.errors().get(0).isNullAt(1)).isTrue();
    }

    @Test
    void driftFailNamesTheColumnsAndTheDescriptor(SparkSession spark) {
        StructType schema = raw(spark, List.of("sale_id", "price", "colour", "size")).schema();

        assertThatThrownBy(() -> ValidationCompiler.compile(spark, sales(DriftPolicy.FAIL), schema))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("DRIFT_UNEXPECTED_COLUMNS");
                    assertThat(e.category()).isEqualTo(ErrorCategory.DATA);
                })
                .hasMessage("descriptors/sales.yaml:9: dataset dealer_dw.sales: the source has columns the schema "
                        + "does not declare: colour, size (drift: fail); declare them in the schema, or set drift "
                        + "to rescue, evolve or ignore");
    }

    @Test
    void driftRescueKeepsUndeclaredValuesInAMap(SparkSession spark) {
        Fixtures.Outcome out = run(spark, sales(DriftPolicy.RESCUE),
                raw(spark, List.of("sale_id", "colour", "price", "size"),
                        row("1", "red", "2.50", null), row("2", null, "1", "XL"), row("x", "blue", "1", "S")));

        assertThat(out.compiled().unexpectedColumns()).containsExactly("colour", "size");
        assertThat(out.valid().get(0).schema().fieldNames())
                .containsExactly("sale_id", "price", "_source_file", "_rescued");
        assertThat(out.valid()).extracting(r -> CollectionConverters.asJava(r.<String, String>getMap(3)))
                .containsExactly(Map.of("colour", "red"), Map.of("size", "XL"));
        assertThat(out.messages()).containsExactly("3 sale_id/type: 'x' is not a long");
        assertThat(out.errors().get(0).schema().fieldNames())
                .containsExactly("sale_id", "price", "_raw_record", "_errors", "_source_file", "_line");
    }

    @Test
    void driftRescueWithoutDriftHasAnEmptyMap(SparkSession spark) {
        Fixtures.Outcome out = run(spark, sales(DriftPolicy.RESCUE), raw(spark, List.of("sale_id", "price"),
                row("1", "2")));

        assertThat(out.valid().get(0).schema().apply("_rescued").dataType())
                .isEqualTo(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
        assertThat(out.valid().get(0).<String, String>getMap(3).isEmpty()).isTrue();
    }

    @Test
    void driftEvolveKeepsUndeclaredColumnsAsText(SparkSession spark) {
        StructType schema = new StructType().add("sale_id", DataTypes.LongType).add("price", DataTypes.StringType)
                .add("stock", DataTypes.IntegerType).add(RawColumns.SOURCE_FILE, DataTypes.StringType);
        Dataset<Row> raw = spark.createDataFrame(List.of(RowFactory.create(1L, "2.5", 7, "p.parquet")), schema);
        CompiledValidation compiled = ValidationCompiler.compile(spark, sales(DriftPolicy.EVOLVE), schema);
        List<Row> valid = compiled.valid(compiled.check(raw)).collectAsList();

        assertThat(valid.get(0).schema().fields()).extracting(f -> f.name() + ":" + f.dataType().simpleString())
                .containsExactly("sale_id:bigint", "price:decimal(12,2)", "_source_file:string", "stock:string");
        assertThat(valid.get(0).toString()).isEqualTo("[1,2.50,p.parquet,7]");
    }

    @Test
    void driftIgnoreDropsUndeclaredColumns(SparkSession spark) {
        Fixtures.Outcome out = run(spark, sales(DriftPolicy.IGNORE), raw(spark, List.of("price", "sale_id", "colour"),
                row("2.5", "1", "red")));

        assertThat(out.compiled().unexpectedColumns()).containsExactly("colour");
        assertThat(out.valid()).extracting(Row::toString).containsExactly("[1,2.50,part-0.csv]");
    }

    @Test
    void validAndErrorsAddUpToRawAndIsValidCountsWithObserve(SparkSession spark) throws InterruptedException {
        DatasetSpec dataset = dataset(List.of(column("sale_id", "long").required().spec(),
                        column("price", "decimal(12,2)").min("0").spec()),
                List.of(new RuleSpec.Unique("unique", List.of("sale_id"), "/rules/0")), DriftPolicy.FAIL);
        Dataset<Row> raw = raw(spark, List.of("sale_id", "price"),
                row("1", "1"), row("2", "-1"), row("3", "x"), row("3", "1"), row("", "1"), row("4", null));
        CompiledValidation compiled = ValidationCompiler.compile(spark, dataset, raw.schema());
        Observation observation = new Observation("validation");
        Dataset<Row> checked = compiled.check(raw).observe(observation,
                count(lit(1)).as("raw"), count(when(compiled.isValid(), true)).as("valid"));

        // The observation is reported by the first action over the observed DataFrame, as when writing valid.
        long valid = compiled.valid(checked).count();
        long errors = compiled.errors(compiled.check(raw)).count();

        assertThat(valid).isEqualTo(2);
        assertThat(valid + errors).isEqualTo(6);
        assertThat(observation.getAsJava()).containsEntry("raw", 6L).containsEntry("valid", 2L);
    }

    @Test
    void reasonCountsObservedOnTheErrorRowsGiveEachReasonsRowCount(SparkSession spark) throws InterruptedException {
        DatasetSpec dataset = dataset(List.of(column("sale_id", "long").required().spec(),
                        column("price", "decimal(12,2)").min("0").spec()),
                List.of(new RuleSpec.Unique("unique", List.of("sale_id"), "/rules/0")), DriftPolicy.FAIL);
        Dataset<Row> raw = raw(spark, List.of("sale_id", "price"),
                row("1", "1"), row("2", "-1"), row("3", "x"), row("3", "-2"), row("", "1"), row("4", null));
        CompiledValidation compiled = ValidationCompiler.compile(spark, dataset, raw.schema());
        Observation observation = new Observation("reasons");

        Dataset<Row> errors = compiled.errors(compiled.check(raw), observation);
        // the counted flags stay out of the rows
        assertThat(errors.columns()).containsExactly("sale_id", "price", "_raw_record", "_errors", "_source_file",
                "_line");
        errors.count();

        assertThat(compiled.reasons()).extracting(r -> r.column() + "/" + r.rule()).containsExactly("null/parse",
                "sale_id/not_null", "sale_id/type", "price/type", "price/min", "sale_id/unique");
        assertThat(observation.getAsJava()).containsExactlyInAnyOrderEntriesOf(Map.of("reason_0", 0L,
                "reason_1", 1L, "reason_2", 0L, "reason_3", 1L, "reason_4", 2L, "reason_5", 2L));
    }

    @Test
    void thePlansUseBuiltInFunctionsOnly(SparkSession spark, @TempDir Path dir) throws IOException {
        DatasetSpec dataset = dataset(List.of(
                        column("sale_id", "long").required().spec(),
                        column("code", "string").pattern("[A-Z]{2}").allowed("AB", "CD").length(2, 2).spec(),
                        column("price", "decimal(12,2)").min("0").max("10").spec(),
                        column("day", "date").spec(), column("at", "timestamp").spec(), column("ok", "boolean").spec()),
                List.of(new RuleSpec.Unique("unique", List.of("sale_id"), "/rules/0"),
                        new RuleSpec.Sql("price_sane", "price < 1000000", "/rules/1")),
                DriftPolicy.RESCUE);
        Files.writeString(dir.resolve("part-0.csv"), "1,AB,2.50,2026-02-03,2026-02-03 10:00:00,true,x\n");
        StructType schema = raw(spark, List.of("sale_id", "code", "price", "day", "at", "ok", "extra")).schema();
        // A file scan, as in production: a local relation would be folded away by the optimizer.
        Dataset<Row> raw = spark.read().schema(new StructType(Arrays.copyOf(schema.fields(), 7)))
                .csv(dir.toString())
                .withColumn(RawColumns.SOURCE_FILE, lit("part-0.csv"))
                .withColumn(RawColumns.LINE, lit(1L));
        CompiledValidation compiled = ValidationCompiler.compile(spark, dataset, raw.schema());
        Dataset<Row> checked = compiled.check(raw);

        for (Dataset<Row> output : List.of(compiled.valid(checked), compiled.errors(checked))) {
            String plan = output.queryExecution().executedPlan().toString();
            assertThat(plan).doesNotContainIgnoringCase("udf").doesNotContain("from_json").doesNotContain("to_json");
            assertThat(plan).contains("Window", "FileScan csv");
            // Spark evaluates a lambda without generated code, row by row through its interpreter
            assertThat(plan).doesNotContain("lambdafunction");
        }
    }

    @Test
    void checkRefusesADataFrameOfAnotherSchema(SparkSession spark) {
        CompiledValidation compiled = ValidationCompiler.compile(spark, sales(DriftPolicy.IGNORE),
                raw(spark, List.of("sale_id", "price")).schema());

        assertThatThrownBy(() -> compiled.check(raw(spark, List.of("sale_id"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("check() was given a DataFrame whose schema differs from the one compile() bound "
                        + "(bound: " + Arrays.asList("sale_id:string", "price:string", "_source_file:string",
                        "_line:bigint") + ", given: [sale_id:string, _source_file:string, _line:bigint]); "
                        + "compile again with raw.schema()");
    }
}
