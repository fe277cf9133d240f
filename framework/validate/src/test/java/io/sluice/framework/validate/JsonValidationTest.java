package io.sluice.framework.validate;

import static io.sluice.framework.validate.Fixtures.column;
import static io.sluice.framework.validate.Fixtures.dataset;
import static io.sluice.framework.validate.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.RuleSpec;
import io.sluice.metadata.SluiceException;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Validation of JSON records, on raw DataFrames shaped as the files connector reads JSON: one string column per
 * key (declared or not), {@code _json_kinds} (key to kind, for the values neither string nor null),
 * {@code _corrupt_record}, {@code _source_file}, {@code _line}. Regression tests of issue 16.
 */
@ExtendWith(SparkExtension.class)
class JsonValidationTest {

    /** A JSON record: its values as the reader gives them (text) and the kinds of the non-string ones. */
    private record Json(Object[] values, Map<String, String> kinds, String corrupt) {
    }

    private static Json json(Map<String, String> kinds, Object... values) {
        return new Json(values, kinds, null);
    }

    private static Json corrupt(String text, int fields) {
        return new Json(new Object[fields], Map.of(), text);
    }

    /** The raw DataFrame of the JSON reader for {@code keys} (declared and not), one row per record. */
    static Dataset<Row> raw(SparkSession spark, List<String> keys, List<Json> records) {
        StructType schema = new StructType();
        for (String key : keys) {
            schema = schema.add(key, DataTypes.StringType);
        }
        schema = schema.add(RawColumns.JSON_KINDS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
                .add(RawColumns.CORRUPT_RECORD, DataTypes.StringType)
                .add(RawColumns.SOURCE_FILE, DataTypes.StringType)
                .add(RawColumns.LINE, DataTypes.LongType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Json r = records.get(i);
            Object[] values = Arrays.copyOf(r.values(), keys.size() + 4, Object[].class);
            values[keys.size()] = CollectionConverters.asScala(new HashMap<>(r.kinds()));
            values[keys.size() + 1] = r.corrupt();
            values[keys.size() + 2] = "e.jsonl";
            values[keys.size() + 3] = (long) i + 1;
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static io.sluice.metadata.DatasetSpec items(DriftPolicy drift) {
        return dataset(List.of(column("id", "long").required().spec(), column("name", "string").spec()),
                List.of(), drift);
    }

    @Test
    void numberInAStringColumnIsATypeError(SparkSession spark) {
        Fixtures.Outcome out = run(spark, items(DriftPolicy.FAIL), raw(spark, List.of("id", "name"), List.of(
                json(Map.of("id", "number", "name", "number"), "1", "12"),
                json(Map.of("id", "number", "name", "number"), "2", "1.50"),
                json(Map.of("id", "number"), "3", "12"))));

        assertThat(out.messages()).containsExactly(
                "1 name/type: '12' is not a string (expected a JSON string, found a number)",
                "2 name/type: '1.50' is not a string (expected a JSON string, found a number)");
        assertThat(out.validValues(2)).containsExactly(List.of(3L, "12"));
        // the error zone keeps the value as written
        assertThat(out.errors()).extracting(r -> r.getString(r.fieldIndex("name"))).containsExactly("12", "1.50");
    }

    @Test
    void objectInAStringColumnIsATypeError(SparkSession spark) {
        Fixtures.Outcome out = run(spark, items(DriftPolicy.FAIL), raw(spark, List.of("id", "name"), List.of(
                json(Map.of("id", "number", "name", "object"), "1", "{\"first\":\"Ada\"}"),
                json(Map.of("id", "number", "name", "array"), "2", "[\"Ada\"]"))));

        assertThat(out.messages()).containsExactly(
                "1 name/type: '{\"first\":\"Ada\"}' is not a string (expected a JSON string, found an object)",
                "2 name/type: '[\"Ada\"]' is not a string (expected a JSON string, found an array)");
        assertThat(out.valid()).isEmpty();
    }

    @Test
    void booleanInAStringColumnIsATypeError(SparkSession spark) {
        Fixtures.Outcome out = run(spark, items(DriftPolicy.FAIL), raw(spark, List.of("id", "name"), List.of(
                json(Map.of("id", "number", "name", "boolean"), "1", "true"),
                json(Map.of("id", "number"), "2", "true"))));

        assertThat(out.messages()).containsExactly(
                "1 name/type: 'true' is not a string (expected a JSON string, found a boolean)");
        assertThat(out.validValues(2)).containsExactly(List.of(2L, "true"));
    }

    @Test
    void otherTypesTakeAJsonValueOfTheirKindOrAStringHoldingItsTextButNeverAnObjectOrArray(SparkSession spark) {
        var dataset = dataset(List.of(column("n", "int").spec(), column("ok", "boolean").spec(),
                column("day", "date").spec(), column("s", "string").required().spec()), List.of(), DriftPolicy.FAIL);

        Fixtures.Outcome out = run(spark, dataset, raw(spark, List.of("n", "ok", "day", "s"), List.of(
                json(Map.of("n", "number", "ok", "boolean"), "12", "true", "2026-02-03", "a"),
                json(Map.of(), "12", "true", "2026-02-03", "b"),
                json(Map.of(), null, null, null, ""),
                json(Map.of("n", "array", "ok", "object", "day", "array"), "[12]", "{\"ok\":true}", "[\"2026-02-03\"]",
                        "c"))));

        assertThat(out.validValues(4)).extracting(Object::toString).containsExactly(
                "[12, true, 2026-02-03, a]", "[12, true, 2026-02-03, b]");
        assertThat(out.messages()).containsExactly(
                "3 s/not_null: value is required",
                "4 n/type: '[12]' is not an int",
                "4 ok/type: '{\"ok\":true}' is not a boolean (expected true or false)",
                "4 day/type: '[\"2026-02-03\"]' is not a date (expected yyyy-MM-dd)");
    }

    @Test
    void aRecordThatIsNotOneObjectIsAParseErrorWithItsText(SparkSession spark) {
        Fixtures.Outcome out = run(spark, items(DriftPolicy.FAIL), raw(spark, List.of("id", "name"), List.of(
                corrupt("{\"id\":1}{\"id\":2}", 2), json(Map.of("id", "number"), "3", "c"))));

        assertThat(out.messages()).containsExactly("1 null/parse: record is not one JSON object (broken syntax, "
                + "a duplicate key, a second value, or not an object)");
        assertThat(out.errors()).extracting(r -> r.getString(r.fieldIndex("_raw_record")))
                .containsExactly("{\"id\":1}{\"id\":2}");
        assertThat(out.validValues(2)).containsExactly(List.of(3L, "c"));
    }

    @Test
    void driftFailRefusesUndeclaredKeysButNotTheKindsColumn(SparkSession spark) {
        StructType declaredOnly = raw(spark, List.of("id", "name"), List.of()).schema();
        assertThat(ValidationCompiler.compile(spark, items(DriftPolicy.FAIL), declaredOnly).unexpectedColumns())
                .isEmpty();

        StructType withColour = raw(spark, List.of("id", "name", "colour"), List.of()).schema();
        assertThatThrownBy(() -> ValidationCompiler.compile(spark, items(DriftPolicy.FAIL), withColour))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.code()).isEqualTo("DRIFT_UNEXPECTED_COLUMNS"))
                .hasMessageContaining("does not declare: colour (drift: fail)");
    }

    @Test
    void driftRescuePutsUndeclaredKeysIntoRescued(SparkSession spark) {
        Fixtures.Outcome out = run(spark, items(DriftPolicy.RESCUE), raw(spark, List.of("id", "name", "colour", "size"),
                List.of(json(Map.of("id", "number", "size", "number"), "1", "a", "red", "42"),
                        json(Map.of("id", "number"), "2", "b", null, null),
                        json(Map.of("id", "number", "colour", "object"), "3", "c", "{\"r\":1}", null))));

        assertThat(out.compiled().unexpectedColumns()).containsExactly("colour", "size");
        assertThat(out.valid().get(0).schema().fieldNames())
                .containsExactly("id", "name", "_source_file", "_rescued");
        // the texts of the undeclared values, whatever their kind
        assertThat(out.valid()).extracting(r -> CollectionConverters.asJava(r.<String, String>getMap(3)))
                .containsExactly(Map.of("colour", "red", "size", "42"), Map.of(), Map.of("colour", "{\"r\":1}"));
    }

    @Test
    void driftEvolveAddsUndeclaredKeysAsStringColumnsAndIgnoreDropsThem(SparkSession spark) {
        Dataset<Row> raw = raw(spark, List.of("id", "name", "colour"),
                List.of(json(Map.of("id", "number"), "1", "a", "red")));

        Fixtures.Outcome evolve = run(spark, items(DriftPolicy.EVOLVE), raw);
        assertThat(evolve.valid()).extracting(Row::toString).containsExactly("[1,a,e.jsonl,red]");
        assertThat(evolve.valid().get(0).schema().fieldNames()).containsExactly("id", "name", "_source_file", "colour");

        Fixtures.Outcome ignore = run(spark, items(DriftPolicy.IGNORE), raw);
        assertThat(ignore.valid()).extracting(Row::toString).containsExactly("[1,a,e.jsonl]");
    }

    @Test
    void theJsonKindCheckUsesBuiltInFunctionsOnly(SparkSession spark, @TempDir Path dir) {
        var dataset = dataset(List.of(column("id", "long").required().spec(), column("name", "string").spec(),
                column("n", "int").spec()), List.of(new RuleSpec.Sql("positive", "id > 0", "/rules/0")),
                DriftPolicy.RESCUE);
        raw(spark, List.of("id", "name", "n", "extra"), List.of(json(Map.of("id", "number", "name", "number"),
                "1", "12", "3", "x"))).write().parquet(dir.resolve("raw").toString());
        // a file scan, as in production: a local relation would be folded away by the optimizer
        Dataset<Row> raw = spark.read().parquet(dir.resolve("raw").toString());
        CompiledValidation compiled = ValidationCompiler.compile(spark, dataset, raw.schema());
        Dataset<Row> checked = compiled.check(raw);

        for (Dataset<Row> output : List.of(compiled.valid(checked), compiled.errors(checked))) {
            String plan = output.queryExecution().executedPlan().toString();
            assertThat(plan).doesNotContainIgnoringCase("udf").doesNotContain("from_json", "to_json",
                    "lambdafunction");
            assertThat(plan).contains("FileScan parquet", RawColumns.JSON_KINDS);
        }
        assertThat(compiled.errors(checked).collectAsList()).hasSize(1);
    }
}
