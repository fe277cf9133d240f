package io.sluice.framework.validate;

import static io.sluice.framework.validate.Fixtures.column;
import static io.sluice.framework.validate.Fixtures.dataset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.RuleSpec;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/** Rules across rows and datasets (unique keep: first, references, sql with a lookup) and skipped records. */
@ExtendWith(SparkExtension.class)
class CrossRowRulesTest {

    @Test
    void keepFirstKeepsTheEarliestRowOfEachKeyAndNamesItInTheOthers(SparkSession spark) {
        DatasetSpec dataset = dataset(List.of(column("id", "int").spec(), column("v", "string").spec()),
                List.of(new RuleSpec.Unique("unique_id", List.of("id"), RuleSpec.Keep.FIRST, Optional.empty(),
                        "/rules/0")), DriftPolicy.FAIL);
        Outcome out = run(spark, dataset, Map.of(), rows(spark, List.of("id", "v"),
                line("b.csv", 1, "1", "w"),
                line("a.csv", 3, "1", "z"),
                line("a.csv", 1, "1", "x"),
                line("a.csv", 2, "2", "y"),
                line("a.csv", 4, null, "n"),
                line("a.csv", 5, null, "m"),
                line("a.csv", 6, "q", "t")));

        assertThat(out.valid()).containsExactlyInAnyOrder("1|x", "2|y", "null|n", "null|m");
        assertThat(out.messages()).containsExactly(
                "a.csv:3 id/unique_id: duplicate of line 1 in a.csv (unique_id keeps the first)",
                "a.csv:6 id/type: 'q' is not an int",
                "b.csv:1 id/unique_id: duplicate of line 1 in a.csv (unique_id keeps the first)");
    }

    @Test
    void keepFirstOrdersByTheOrderByColumnNullsLastThenByLine(SparkSession spark) {
        DatasetSpec dataset = dataset(List.of(column("id", "int").spec(), column("ts", "int").spec()),
                List.of(new RuleSpec.Unique("latest", List.of("id"), RuleSpec.Keep.FIRST, Optional.of("ts"),
                        "/rules/0")), DriftPolicy.FAIL);
        Outcome out = run(spark, dataset, Map.of(), rows(spark, List.of("id", "ts"),
                line("a.csv", 1, "7", null),
                line("a.csv", 2, "7", "5"),
                line("a.csv", 3, "7", "3"),
                line("a.csv", 4, "7", "3"),
                line("a.csv", 5, "8", null),
                line("a.csv", 6, "8", null)));

        assertThat(out.valid()).containsExactlyInAnyOrder("7|3", "8|null");
        assertThat(out.messages()).containsExactly(
                "a.csv:1 id/latest: duplicate of line 3 in a.csv (latest keeps the first)",
                "a.csv:2 id/latest: duplicate of line 3 in a.csv (latest keeps the first)",
                "a.csv:4 id/latest: duplicate of line 3 in a.csv (latest keeps the first)",
                "a.csv:6 id/latest: duplicate of line 5 in a.csv (latest keeps the first)");
    }

    @Test
    void referencesRejectsNonNullValuesMissingFromTheReferencedValidTable(SparkSession spark, @TempDir Path dir) {
        // the referenced table holds 1 twice: a row with 1 must still be published once
        Dataset<Row> stores = writeDelta(spark, dir.resolve("stores"), new StructType()
                        .add("store_id", DataTypes.IntegerType).add("name", DataTypes.StringType),
                RowFactory.create(1, "north"), RowFactory.create(1, "north again"), RowFactory.create(2, "south"),
                RowFactory.create(null, "nowhere"));
        DatasetSpec dataset = dataset(List.of(column("sale", "string").spec(), column("store_id", "long").spec()),
                List.of(references()), DriftPolicy.FAIL);
        Outcome out = run(spark, dataset, Map.of("drop.stores", stores), rows(spark, List.of("sale", "store_id"),
                line("a.csv", 1, "s1", "1"),
                line("a.csv", 2, "s2", "42"),
                line("a.csv", 3, "s3", null),
                line("a.csv", 4, "s4", "x"),
                line("a.csv", 5, "s5", "2")));

        assertThat(out.valid()).containsExactlyInAnyOrder("s1|1", "s3|null", "s5|2");
        assertThat(out.messages()).containsExactly(
                "a.csv:2 store_id/references_store_id: '42' is not a store_id of drop.stores",
                "a.csv:4 store_id/type: 'x' is not a long");
    }

    @Test
    void referencesWithoutTheReferencedTableRejectsEveryNonNullValueSayingSo(SparkSession spark) {
        DatasetSpec dataset = dataset(List.of(column("sale", "string").spec(), column("store_id", "int").spec()),
                List.of(references()), DriftPolicy.FAIL);
        Outcome out = run(spark, dataset, Map.of(), rows(spark, List.of("sale", "store_id"),
                line("a.csv", 1, "s1", "1"),
                line("a.csv", 2, "s2", null)));

        assertThat(out.valid()).containsExactly("s2|null");
        assertThat(out.messages()).containsExactly("a.csv:1 store_id/references_store_id: '1' is not a store_id of "
                + "drop.stores: drop.stores has no valid table yet (publish it first)");
    }

    @Test
    void aDatasetWithRulesOnOtherDatasetsIsCompiledWithTheirTables(SparkSession spark) {
        DatasetSpec dataset = dataset(List.of(column("store_id", "int").spec()), List.of(references()),
                DriftPolicy.FAIL);

        assertThatThrownBy(() -> ValidationCompiler.compile(spark, dataset, new StructType()
                .add("store_id", DataTypes.StringType)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dealer_dw.sales has rules that read [drop.stores]: compile it with their valid tables "
                        + "(RuleInputs)");
    }

    @Test
    void aReferencedColumnTheValidTableLacksIsReportedAtTheRule(SparkSession spark, @TempDir Path dir) {
        Dataset<Row> stores = writeDelta(spark, dir.resolve("stores"), new StructType()
                .add("id", DataTypes.IntegerType), RowFactory.create(1));
        DatasetSpec dataset = dataset(List.of(column("store_id", "int").spec()), List.of(references()),
                DriftPolicy.FAIL);

        assertThatThrownBy(() -> ValidationCompiler.compile(spark, dataset, new StructType()
                .add("store_id", DataTypes.StringType), q -> Optional.of(stores)))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("descriptors/sales.yaml:12: /rules/0: rule 'references_store_id': the valid table of "
                        + "drop.stores has no column 'store_id'");
    }

    @Test
    void sqlRuleReadsTheLookupRowAndFailsWhenTheLookupKeyIsNotUnique(SparkSession spark, @TempDir Path dir) {
        Dataset<Row> limits = writeDelta(spark, dir.resolve("limits"), new StructType()
                        .add("store_id", DataTypes.IntegerType).add("max_price", DataTypes.IntegerType),
                RowFactory.create(1, 100), RowFactory.create(2, 50), RowFactory.create(3, 10),
                RowFactory.create(3, 20));
        RuleSpec.Lookup lookup = new RuleSpec.Lookup("drop", "limits", "s", List.of("store_id"));
        DatasetSpec dataset = dataset(List.of(column("store_id", "int").spec(), column("price", "int").spec()),
                List.of(new RuleSpec.Sql("under_limit", "price <= s.max_price", Optional.of(lookup), "/rules/0")),
                DriftPolicy.FAIL);
        Outcome out = run(spark, dataset, Map.of("drop.limits", limits), rows(spark, List.of("store_id", "price"),
                line("a.csv", 1, "1", "90"),
                line("a.csv", 2, "2", "60"),
                line("a.csv", 3, "3", "5"),
                line("a.csv", 4, "9", "5"),
                line("a.csv", 5, null, "5")));

        assertThat(out.valid()).containsExactlyInAnyOrder("1|90", "9|5", "null|5");
        assertThat(out.messages()).containsExactly(
                "a.csv:2 null/under_limit: rule under_limit failed: price <= s.max_price",
                "a.csv:3 null/under_limit: rule under_limit failed: the lookup key (store_id=3) matches 2 rows of "
                        + "drop.limits (a lookup key must be unique)");
    }

    @Test
    void aLookupSqlOnAnUnknownLookupColumnPointsAtTheRule(SparkSession spark, @TempDir Path dir) {
        Dataset<Row> limits = writeDelta(spark, dir.resolve("limits"), new StructType()
                .add("store_id", DataTypes.IntegerType), RowFactory.create(1));
        RuleSpec.Lookup lookup = new RuleSpec.Lookup("drop", "limits", "s", List.of("store_id"));
        DatasetSpec dataset = dataset(List.of(column("store_id", "int").spec()),
                List.of(new RuleSpec.Sql("under_limit", "store_id <= s.max_price", Optional.of(lookup), "/rules/0")),
                DriftPolicy.FAIL);

        assertThatThrownBy(() -> ValidationCompiler.compile(spark, dataset, new StructType()
                .add("store_id", DataTypes.StringType), q -> Optional.of(limits)))
                .isInstanceOf(DescriptorException.class)
                .hasMessageStartingWith("descriptors/sales.yaml:12: /rules/0: rule 'under_limit': sql 'store_id <= "
                        + "s.max_price' cannot be compiled: [FIELD_NOT_FOUND] No such struct field `max_price`");
    }

    @Test
    void skippedRecordsGoToTheErrorTableWithTheirReasonAloneAndAreCountedApart(SparkSession spark) {
        DatasetSpec dataset = dataset(List.of(column("id", "int").required().spec(), column("v", "string").spec()),
                List.of(new RuleSpec.Unique("unique_id", List.of("id"), "/rules/0")), DriftPolicy.FAIL);
        StructType schema = new StructType().add("id", DataTypes.StringType).add("v", DataTypes.StringType)
                .add(RawColumns.SOURCE_FILE, DataTypes.StringType).add(RawColumns.LINE, DataTypes.LongType)
                .add(RawColumns.CORRUPT_RECORD, DataTypes.StringType).add(RawColumns.SKIPPED, DataTypes.StringType);
        Dataset<Row> raw = spark.createDataFrame(List.of(
                RowFactory.create(null, null, "a.csv", 1L, "Report of 2026-12-07", "preamble line (extract.skip_lines)"),
                RowFactory.create("1", "x", "a.csv", 2L, null, null),
                RowFactory.create("y", "x", "a.csv", 3L, null, null),
                RowFactory.create(null, null, "a.csv", 4L, "1;2;3", null),
                RowFactory.create(null, null, "a.csv", 5L, "TRL;3", "record matches skip_records 'trl'")), schema);

        CompiledValidation compiled = ValidationCompiler.compile(spark, dataset, raw.schema());
        Observation metrics = new Observation("skipped_test");
        CompiledValidation.Split split = compiled.split(compiled.check(raw), metrics);
        List<Row> rows = split.rows().collectAsList();
        Map<String, Object> counted = observed(metrics);
        Outcome out = outcome(compiled, compiled.check(raw));

        assertThat(rows).hasSize(5);
        assertThat(counted).containsEntry("rows", 5L).containsEntry("valid", 1L).containsEntry("skipped", 2L);
        assertThat(out.messages()).containsExactly(
                "a.csv:1 null/skipped: preamble line (extract.skip_lines)",
                "a.csv:3 id/type: 'y' is not an int",
                "a.csv:4 null/parse: record could not be split into fields (wrong number of fields or broken quoting)",
                "a.csv:5 null/skipped: record matches skip_records 'trl'");
        assertThat(out.rawRecords()).containsExactly("a.csv:1 Report of 2026-12-07", "a.csv:3 null",
                "a.csv:4 1;2;3", "a.csv:5 TRL;3");
        // the skipped rows report no reason: only the rejected rows are counted by reason
        List<CompiledValidation.Reason> reasons = compiled.reasons();
        long reported = 0;
        for (int i = 0; i < reasons.size(); i++) {
            reported += (Long) counted.get("reason_" + i);
        }
        assertThat(reported).isEqualTo(2);
        assertThat(reasons).noneMatch(r -> r.rule().equals("skipped"));
    }

    private static RuleSpec.References references() {
        return new RuleSpec.References("references_store_id", "store_id", "drop", "stores", "store_id", "/rules/0");
    }

    /** Valid rows as {@code a|b} (declared columns), error rows as messages with their file and line. */
    record Outcome(List<String> valid, List<String> messages, List<String> rawRecords) {
    }

    static Outcome run(SparkSession spark, DatasetSpec dataset, Map<String, Dataset<Row>> tables,
                       Dataset<Row> raw) {
        CompiledValidation compiled = ValidationCompiler.compile(spark, dataset, raw.schema(),
                q -> Optional.ofNullable(tables.get(q)));
        return outcome(compiled, compiled.check(raw));
    }

    private static Outcome outcome(CompiledValidation compiled, Dataset<Row> checked) {
        List<String> valid = new ArrayList<>();
        for (Row r : compiled.valid(checked).collectAsList()) {
            valid.add(r.get(0) + "|" + r.get(1));
        }
        List<Row> errors = new ArrayList<>(compiled.errors(checked).collectAsList());
        errors.sort(Comparator.comparing((Row r) -> r.getString(r.fieldIndex(RawColumns.SOURCE_FILE)))
                .thenComparing(r -> r.getLong(r.fieldIndex(RawColumns.LINE))));
        List<String> messages = new ArrayList<>();
        List<String> rawRecords = new ArrayList<>();
        for (Row r : errors) {
            String where = r.getString(r.fieldIndex(RawColumns.SOURCE_FILE)) + ":" + r.getLong(r.fieldIndex(
                    RawColumns.LINE));
            rawRecords.add(where + " " + r.getString(r.fieldIndex(ErrorStructs.RAW_RECORD)));
            for (Row e : r.<Row>getList(r.fieldIndex(ErrorStructs.ERRORS))) {
                messages.add(where + " " + e.getString(0) + "/" + e.getString(1) + ": " + e.getString(2));
            }
        }
        return new Outcome(valid, messages, rawRecords);
    }

    /** Text fields as a CSV connector reads them, each row with its file and line. */
    static Dataset<Row> rows(SparkSession spark, List<String> fields, Object[]... rows) {
        StructType schema = new StructType();
        for (String f : fields) {
            schema = schema.add(f, DataTypes.StringType);
        }
        schema = schema.add(RawColumns.SOURCE_FILE, DataTypes.StringType).add(RawColumns.LINE, DataTypes.LongType);
        List<Row> data = new ArrayList<>();
        for (Object[] r : rows) {
            Object[] values = new Object[fields.size() + 2];
            System.arraycopy(r, 2, values, 0, fields.size());
            values[fields.size()] = r[0];
            values[fields.size() + 1] = r[1];
            data.add(RowFactory.create(values));
        }
        return spark.createDataFrame(data, schema);
    }

    static Object[] line(String file, long line, String... values) {
        Object[] out = new Object[values.length + 2];
        out[0] = file;
        out[1] = line;
        System.arraycopy(values, 0, out, 2, values.length);
        return out;
    }

    /** Writes the rows as a Delta table and reads it back, as the publisher hands a valid table to validation. */
    static Dataset<Row> writeDelta(SparkSession spark, Path path, StructType schema, Row... rows) {
        spark.createDataFrame(Arrays.asList(rows), schema).write().format("delta").save(path.toString());
        return spark.read().format("delta").load(path.toString());
    }

    private static Map<String, Object> observed(Observation metrics) {
        try {
            return metrics.getAsJava();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
