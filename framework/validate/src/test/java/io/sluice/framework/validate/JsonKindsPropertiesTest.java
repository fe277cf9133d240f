package io.sluice.framework.validate;

import static io.sluice.framework.validate.Fixtures.column;
import static io.sluice.framework.validate.Fixtures.dataset;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.DriftPolicy;
import io.sluice.testing.TestSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Generated JSON rows (values of every kind in string, long and boolean columns, undeclared keys under every
 * drift policy but fail), shaped as the JSON reader gives them: every row ends in valid or in error exactly once,
 * with exactly the expected reasons, and undeclared keys reach {@code _rescued} or their evolved column unaltered.
 * Each try is one small Spark job, so the tries are few and each holds many rows.
 */
class JsonKindsPropertiesTest {
    /** A value as the reader gives it: its kind ({@code null} for a JSON null) and its text. */
    record Cell(String kind, String text) {
        boolean isNull() {
            return kind == null;
        }
    }

    /** A generated row: id, s (string), r (required string), n (long), b (boolean), undeclared x and y. */
    record JsonRow(Cell s, Cell r, Cell n, Cell b, Cell x, Cell y) {
    }

    private static final Cell NULL = new Cell(null, null);

    private static Arbitrary<Cell> anyCell() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab1{[ .-e\"").ofMaxLength(5).map(t -> new Cell("string", t)),
                Arbitraries.of("0", "-0", "12", "1.50", "1e3", "-2E-2").map(t -> new Cell("number", t)),
                Arbitraries.of("true", "false").map(t -> new Cell("boolean", t)),
                Arbitraries.of("{\"k\":1}", "{}").map(t -> new Cell("object", t)),
                Arbitraries.of("[1]", "[]").map(t -> new Cell("array", t)),
                Arbitraries.just(NULL));
    }

    /** Cells for the long column, with whether they are a long. */
    private static final Map<Cell, Boolean> LONGS = Map.ofEntries(
            Map.entry(new Cell("number", "12"), true), Map.entry(new Cell("number", "-0"), true),
            Map.entry(new Cell("string", "12"), true), Map.entry(new Cell("string", " 7 "), true),
            Map.entry(new Cell("string", ""), true), Map.entry(NULL, true),
            Map.entry(new Cell("number", "1.5"), false), Map.entry(new Cell("number", "1e3"), false),
            Map.entry(new Cell("number", "99999999999999999999"), false), Map.entry(new Cell("string", "x"), false),
            Map.entry(new Cell("boolean", "true"), false), Map.entry(new Cell("object", "{\"n\":1}"), false),
            Map.entry(new Cell("array", "[12]"), false));

    /** Cells for the boolean column, with whether they are a boolean. */
    private static final Map<Cell, Boolean> BOOLEANS = Map.ofEntries(
            Map.entry(new Cell("boolean", "true"), true), Map.entry(new Cell("boolean", "false"), true),
            Map.entry(new Cell("string", "TRUE"), true), Map.entry(NULL, true),
            Map.entry(new Cell("number", "1"), false), Map.entry(new Cell("string", "yes"), false),
            Map.entry(new Cell("array", "[true]"), false));

    @Provide
    Arbitrary<List<JsonRow>> rows() {
        return Combinators.combine(anyCell(), anyCell(), Arbitraries.of(LONGS.keySet()),
                        Arbitraries.of(BOOLEANS.keySet()), anyCell(), anyCell())
                .as(JsonRow::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 25, seed = "20261210")
    void everyRowEndsOnceWithExactlyItsReasons(@ForAll("rows") List<JsonRow> rows,
                                               @ForAll("drifts") DriftPolicy drift) {
        SparkSession spark = TestSpark.builder().getOrCreate();
        var dataset = dataset(List.of(column("id", "long").required().spec(), column("s", "string").spec(),
                column("r", "string").required().spec(), column("n", "long").spec(),
                column("b", "boolean").spec()), List.of(), drift);

        Fixtures.Outcome out = Fixtures.run(spark, dataset, raw(spark, rows));

        Map<Long, Set<String>> expectedErrors = new TreeMap<>();
        List<Long> expectedValid = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Set<String> reasons = reasons(rows.get(i));
            if (reasons.isEmpty()) {
                expectedValid.add((long) i);
            } else {
                expectedErrors.put((long) i + 1, reasons);
            }
        }
        assertThat(out.valid().size() + out.errors().size()).isEqualTo(rows.size());
        assertThat(out.valid()).extracting(r -> r.getLong(0)).containsExactlyInAnyOrderElementsOf(expectedValid);
        Map<Long, Set<String>> actualErrors = new TreeMap<>();
        for (Row e : out.errors()) {
            Set<String> reasons = new TreeSet<>();
            for (Row entry : e.<Row>getList(e.fieldIndex("_errors"))) {
                reasons.add(entry.getString(0) + "/" + entry.getString(1) + ": " + entry.getString(2));
            }
            actualErrors.put(e.getLong(e.fieldIndex(RawColumns.LINE)), reasons);
        }
        assertThat(actualErrors).isEqualTo(expectedErrors);

        for (Row valid : out.valid()) {
            JsonRow row = rows.get((int) valid.getLong(0));
            Map<String, String> undeclared = new HashMap<>();
            if (!row.x().isNull()) {
                undeclared.put("x", row.x().text());
            }
            if (!row.y().isNull()) {
                undeclared.put("y", row.y().text());
            }
            switch (drift) {
                case RESCUE -> assertThat(CollectionConverters.asJava(valid.<String, String>getMap(
                        valid.fieldIndex("_rescued")))).isEqualTo(undeclared);
                case EVOLVE -> {
                    assertThat(valid.<String>getAs("x")).isEqualTo(row.x().text());
                    assertThat(valid.<String>getAs("y")).isEqualTo(row.y().text());
                }
                case IGNORE -> assertThat(valid.schema().fieldNames()).doesNotContain("x", "y");
                default -> throw new IllegalStateException("not generated: " + drift);
            }
        }
    }

    @Provide
    Arbitrary<DriftPolicy> drifts() {
        return Arbitraries.of(DriftPolicy.RESCUE, DriftPolicy.EVOLVE, DriftPolicy.IGNORE);
    }

    /** The reasons a row must be rejected with, as {@code column/rule: message}. */
    private static Set<String> reasons(JsonRow row) {
        Set<String> reasons = new TreeSet<>();
        stringReason("s", row.s(), false).ifPresent(reasons::add);
        stringReason("r", row.r(), true).ifPresent(reasons::add);
        if (!LONGS.get(row.n())) {
            reasons.add("n/type: '" + row.n().text() + "' is not a long");
        }
        if (!BOOLEANS.get(row.b())) {
            reasons.add("b/type: '" + row.b().text() + "' is not a boolean (expected true or false)");
        }
        return reasons;
    }

    private static Optional<String> stringReason(String name, Cell cell, boolean required) {
        if (cell.isNull() || (cell.kind().equals("string") && cell.text().isEmpty())) {
            return required ? Optional.of(name + "/not_null: value is required") : Optional.empty();
        }
        if (cell.kind().equals("string")) {
            return Optional.empty();
        }
        String found = switch (cell.kind()) {
            case "object", "array" -> "an " + cell.kind();
            default -> "a " + cell.kind();
        };
        return Optional.of(name + "/type: '" + cell.text() + "' is not a string (expected a JSON string, "
                + "found " + found + ")");
    }

    /** The rows as the JSON reader gives them: a string column per key, {@code _json_kinds}, bookkeeping. */
    private static Dataset<Row> raw(SparkSession spark, List<JsonRow> rows) {
        List<String> keys = List.of("id", "s", "r", "n", "b", "x", "y");
        StructType schema = new StructType();
        for (String key : keys) {
            schema = schema.add(key, DataTypes.StringType);
        }
        schema = schema.add(RawColumns.JSON_KINDS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
                .add(RawColumns.CORRUPT_RECORD, DataTypes.StringType)
                .add(RawColumns.SOURCE_FILE, DataTypes.StringType)
                .add(RawColumns.LINE, DataTypes.LongType);
        List<Row> data = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonRow row = rows.get(i);
            List<Cell> cells = List.of(new Cell("number", String.valueOf(i)), row.s(), row.r(), row.n(), row.b(),
                    row.x(), row.y());
            Object[] values = new Object[keys.size() + 4];
            Map<String, String> kinds = new HashMap<>();
            for (int k = 0; k < keys.size(); k++) {
                Cell cell = cells.get(k);
                values[k] = cell.text();
                if (!cell.isNull() && !cell.kind().equals("string")) {
                    kinds.put(keys.get(k), cell.kind());
                }
            }
            values[keys.size()] = CollectionConverters.asScala(kinds);
            values[keys.size() + 2] = "e.json";
            values[keys.size() + 3] = (long) i + 1;
            data.add(RowFactory.create(values));
        }
        return spark.createDataFrame(data, schema);
    }
}
