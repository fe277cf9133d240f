package io.sluice.framework.validate;

import static io.sluice.framework.validate.Fixtures.column;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.metadata.ColumnSpec;
import io.sluice.testing.SparkExtension;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every row asks one flag per column whether any of the column's checks fails; only failing rows evaluate the
 * checks themselves. The two must agree on every value, or a row would be rejected with no reason, or pass with
 * one. Each column's flag is compared here with its checks, both evaluated on every row.
 */
@ExtendWith(SparkExtension.class)
class FailFlagTest {
    private static final List<String> TEXTS = Arrays.asList(null, "", " ", "  5 ", "5", "-5", "+5", "05", "0",
            "100", "101", "-1.5", "-1.6", "1.5", "1.50", "1.234", "2.001", "1e3", "NaN", "Infinity", "abc", "AB",
            "ab", "AB ", " AB", "ABCDEFG", "CD", "true", "FALSE", "yes", "2026-02-03", "2026-02-30",
            "03/02/2026", "2026-02-03 10:00:00", "2026-02-03T10:00:00Z", "99999999999", "\t5", "5\n", "1", "2",
            "caf\uFFFD", "5\uFFFD");

    @Test
    void eachColumnsFlagAgreesWithItsChecksOnEveryTextValue(SparkSession spark) {
        List<Fixtures.Col> columns = new ArrayList<>();
        for (String type : List.of("int", "long", "double", "decimal(5,2)", "boolean", "date", "timestamp",
                "string")) {
            columns.add(column("opt_" + type, type));
            columns.add(column("req_" + type, type).required());
        }
        columns.add(column("int_range", "int").required().min("0").max("100"));
        columns.add(column("dec_range", "decimal(5,2)").min("-1.5").max("2"));
        columns.add(column("double_min", "double").required().min("0"));
        columns.add(column("code", "string").required().length(2, 5).pattern("^[A-Z]+$"));
        columns.add(column("opt_code", "string").length(2, 5).allowed("AB", "CD"));
        columns.add(column("int_allowed", "int").allowed("1", "2"));
        columns.add(column("date_pattern", "date").required().pattern("^2026-.*"));
        columns.add(column("day_first", "date").format("dd/MM/yyyy"));

        StructType schema = new StructType();
        for (Fixtures.Col c : columns) {
            schema = schema.add(c.spec().name(), DataTypes.StringType);
        }
        List<Row> rows = new ArrayList<>();
        for (String text : TEXTS) {
            Object[] values = new Object[columns.size()];
            Arrays.fill(values, text);
            rows.add(RowFactory.create(values));
        }
        assertAgree(spark.createDataFrame(rows, schema), columns.stream().map(Fixtures.Col::spec).toList());
    }

    @Test
    void eachColumnsFlagAgreesWithItsChecksOnTypedSourceValues(SparkSession spark) {
        // declared type, source type, values: conversions that keep or lose the value, and nulls
        List<Typed> cases = List.of(
                new Typed(column("n_to_int", "int").required().min("0"), DataTypes.LongType,
                        Arrays.asList(5L, -3L, 3_000_000_000L, null)),
                new Typed(column("dec_narrow", "decimal(5,2)").max("2"), DataTypes.createDecimalType(10, 3),
                        Arrays.asList(new BigDecimal("1.230"), new BigDecimal("1.234"), new BigDecimal("2.500"),
                                new BigDecimal("1234.000"), null)),
                new Typed(column("ts_to_date", "date").required(), DataTypes.TimestampType,
                        Arrays.asList(Timestamp.valueOf("2026-02-03 00:00:00"),
                                Timestamp.valueOf("2026-02-03 10:00:00"), null)),
                new Typed(column("int_to_text", "string").required().allowed("1", "2"), DataTypes.IntegerType,
                        Arrays.asList(1, 3, null)),
                new Typed(column("double_to_long", "long"), DataTypes.DoubleType,
                        Arrays.asList(2.0, 2.5, Double.NaN, null)),
                new Typed(column("date_to_text", "string").length(3, 5), DataTypes.DateType,
                        Arrays.asList(Date.valueOf("2026-02-03"), null)));
        StructType schema = new StructType();
        int longest = 0;
        for (Typed t : cases) {
            schema = schema.add(t.column().spec().name(), t.sourceType());
            longest = Math.max(longest, t.values().size());
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < longest; r++) {
            Object[] values = new Object[cases.size()];
            for (int i = 0; i < cases.size(); i++) {
                List<?> v = cases.get(i).values();
                values[i] = v.get(Math.min(r, v.size() - 1));
            }
            rows.add(RowFactory.create(values));
        }
        assertAgree(spark.createDataFrame(rows, schema), cases.stream().map(t -> t.column().spec()).toList());
    }

    @Test
    void eachColumnsFlagAgreesWithItsChecksOnJsonValuesOfEveryKind(SparkSession spark) {
        List<Fixtures.Col> columns = new ArrayList<>();
        for (String type : List.of("int", "double", "boolean", "date", "string")) {
            columns.add(column("opt_" + type, type));
            columns.add(column("req_" + type, type).required());
        }
        columns.add(column("code", "string").required().length(2, 5).pattern("^[A-Z0-9\\[\\]]+$"));
        columns.add(column("opt_code", "string").allowed("AB", "12", "true"));
        // a text and the kind the JSON reader gives it (null: a string or a null)
        List<String[]> values = List.of(new String[] {null, null}, new String[] {"", null}, new String[] {"AB", null},
                new String[] {"12", null}, new String[] {"12", "number"}, new String[] {"1.5", "number"},
                new String[] {"true", "boolean"}, new String[] {"true", null}, new String[] {"[12]", "array"},
                new String[] {"{\"a\":1}", "object"}, new String[] {"2026-02-03", null},
                new String[] {"ABCDEFG", null});
        StructType schema = new StructType();
        for (Fixtures.Col c : columns) {
            schema = schema.add(c.spec().name(), DataTypes.StringType);
        }
        schema = schema.add("_json_kinds", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
        List<Row> rows = new ArrayList<>();
        for (String[] value : values) {
            Object[] row = new Object[columns.size() + 1];
            java.util.Map<String, String> kinds = new java.util.HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row[i] = value[0];
                if (value[1] != null) {
                    kinds.put(columns.get(i).spec().name(), value[1]);
                }
            }
            row[columns.size()] = scala.jdk.javaapi.CollectionConverters.asScala(kinds);
            rows.add(RowFactory.create(row));
        }
        assertAgree(spark.createDataFrame(rows, schema), columns.stream().map(Fixtures.Col::spec).toList(),
                Optional.of(ErrorStructs.column("_json_kinds")));
    }

    @Test
    void aMissingColumnFailsEveryRow(SparkSession spark) {
        ColumnCompiler.CompiledColumn compiled =
                ColumnCompiler.compile(column("gone", "int").spec(), Optional.empty(), "_sluice_text_0",
                        Optional.empty());
        Row flags = spark.range(1).select(compiled.fails(), ErrorStructs.anyFails(compiled.checks())).first();

        assertThat(flags.getBoolean(0)).isTrue();
        assertThat(flags.getBoolean(1)).isTrue();
    }

    private record Typed(Fixtures.Col column, DataType sourceType, List<?> values) {
    }

    /** Projects each column as the compiler does, then its flag and its checks side by side, for every row. */
    private static void assertAgree(Dataset<Row> raw, List<ColumnSpec> specs) {
        assertAgree(raw, specs, Optional.empty());
    }

    private static void assertAgree(Dataset<Row> raw, List<ColumnSpec> specs, Optional<Column> jsonKinds) {
        List<Column> parsed = new ArrayList<>();
        List<Column> compared = new ArrayList<>();
        List<String> withChecks = new ArrayList<>();
        List<StructField> fields = Arrays.asList(raw.schema().fields());
        for (int i = 0; i < specs.size(); i++) {
            ColumnSpec spec = specs.get(i);
            String textName = ErrorStructs.INTERNAL_PREFIX + "text_" + i;
            ColumnCompiler.CompiledColumn compiled =
                    ColumnCompiler.compile(spec, Optional.of(fields.get(i)), textName, jsonKinds);
            parsed.add(compiled.typed().as(spec.name()));
            compiled.text().ifPresent(t -> parsed.add(t.as(textName)));
            if (!compiled.checks().isEmpty()) {
                withChecks.add(spec.name());
            }
            compared.add(compiled.fails().as("flag_" + i));
            compared.add(ErrorStructs.anyFails(compiled.checks()).as("checks_" + i));
            compared.add(ErrorStructs.column(compiled.textColumn()).as("text_" + i));
        }
        List<Row> rows = raw.select(parsed.toArray(Column[]::new)).select(compared.toArray(Column[]::new))
                .collectAsList();

        List<String> disagreements = new ArrayList<>();
        java.util.Set<String> answers = new java.util.TreeSet<>();
        for (Row r : rows) {
            for (int i = 0; i < specs.size(); i++) {
                boolean flag = r.getBoolean(3 * i);
                boolean checks = r.getBoolean(3 * i + 1);
                answers.add(specs.get(i).name() + "=" + checks);
                if (flag != checks) {
                    disagreements.add(specs.get(i).name() + " on " + quoted(r.getString(3 * i + 2)) + ": flag "
                            + flag + ", checks " + checks);
                }
            }
        }
        assertThat(disagreements).isEmpty();
        // the values make every column with a check both pass and fail
        for (String name : withChecks) {
            assertThat(answers).as(name).contains(name + "=true", name + "=false");
        }
    }

    private static String quoted(String text) {
        return text == null ? "null" : "'" + text.replace("\t", "\\t").replace("\n", "\\n") + "'";
    }
}
