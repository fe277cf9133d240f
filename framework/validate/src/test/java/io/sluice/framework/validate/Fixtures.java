package io.sluice.framework.validate;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import io.sluice.metadata.RuleSpec;
import io.sluice.metadata.WriteMode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Descriptor records, raw DataFrames and result views shared by the validation tests. */
final class Fixtures {
    static final Origin ORIGIN = new Origin("descriptors/sales.yaml", 1, Map.of(
            "/schema/0", 4, "/schema/1", 5, "/schema/2", 6, "/drift", 9, "/rules/0", 12, "/rules/1", 13));

    private Fixtures() {
    }

    static DatasetSpec dataset(List<ColumnSpec> columns, List<RuleSpec> rules, DriftPolicy drift) {
        return new DatasetSpec("sales", "dealer_dw", Optional.empty(), Optional.empty(), List.of(),
                Options.empty(ORIGIN, "/extract"), columns, rules, drift, WriteMode.APPEND, 0.05, ORIGIN);
    }

    static DatasetSpec dataset(Col... columns) {
        return dataset(Arrays.stream(columns).map(Col::spec).toList(), List.of(), DriftPolicy.FAIL);
    }

    static Col column(String name, String type) {
        return new Col(name, ColumnType.parse(type).orElseThrow());
    }

    /** String fields as a CSV connector reads them, plus {@code _source_file} and 1-based {@code _line}. */
    static Dataset<Row> raw(SparkSession spark, List<String> fields, String[]... rows) {
        StructType schema = new StructType();
        for (String f : fields) {
            schema = schema.add(f, DataTypes.StringType);
        }
        schema = schema.add(RawColumns.SOURCE_FILE, DataTypes.StringType).add(RawColumns.LINE, DataTypes.LongType);
        List<Row> data = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            Object[] values = Arrays.copyOf(rows[i], fields.size() + 2, Object[].class);
            values[fields.size()] = "part-0.csv";
            values[fields.size() + 1] = (long) i + 1;
            data.add(RowFactory.create(values));
        }
        return spark.createDataFrame(data, schema);
    }

    static String[] row(String... values) {
        return values;
    }

    /** Both outputs of one raw DataFrame, collected once each. */
    record Outcome(CompiledValidation compiled, List<Row> valid, List<Row> errors) {
        /** {@code line column/rule: message}, one entry per error, rows in line order. */
        List<String> messages() {
            List<String> out = new ArrayList<>();
            errors.stream().sorted((a, b) -> Long.compare(line(a), line(b))).forEach(r -> {
                for (Row e : r.<Row>getList(r.fieldIndex(ErrorStructs.ERRORS))) {
                    out.add(line(r) + " " + e.getString(0) + "/" + e.getString(1) + ": " + e.getString(2));
                }
            });
            return out;
        }

        /** The declared values of valid rows (bookkeeping dropped), in line order of the raw input. */
        List<List<Object>> validValues(int declared) {
            return valid.stream().map(r -> {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < declared; i++) {
                    values.add(r.get(i));
                }
                return values;
            }).toList();
        }

        private static long line(Row r) {
            return r.getLong(r.fieldIndex(RawColumns.LINE));
        }
    }

    static Outcome run(SparkSession spark, DatasetSpec dataset, Dataset<Row> raw) {
        CompiledValidation compiled = ValidationCompiler.compile(spark, dataset, raw.schema());
        Dataset<Row> checked = compiled.check(raw);
        // Without a unique rule nothing shuffles, so valid rows keep the raw order.
        List<Row> valid = compiled.valid(checked).collectAsList();
        List<Row> errors = compiled.errors(checked).collectAsList();
        return new Outcome(compiled, valid, errors);
    }

    /** A column declaration with the defaults of a descriptor that only names and types it (nullable). */
    static final class Col {
        private final String name;
        private final ColumnType type;
        private boolean nullable = true;
        private Optional<String> format = Optional.empty();
        private Optional<BigDecimal> min = Optional.empty();
        private Optional<BigDecimal> max = Optional.empty();
        private Optional<Integer> minLength = Optional.empty();
        private Optional<Integer> maxLength = Optional.empty();
        private Optional<String> pattern = Optional.empty();
        private List<String> allowed = List.of();

        Col(String name, ColumnType type) {
            this.name = name;
            this.type = type;
        }

        Col required() {
            nullable = false;
            return this;
        }

        Col format(String value) {
            format = Optional.of(value);
            return this;
        }

        Col min(String value) {
            min = Optional.of(new BigDecimal(value));
            return this;
        }

        Col max(String value) {
            max = Optional.of(new BigDecimal(value));
            return this;
        }

        Col length(int shortest, int longest) {
            minLength = Optional.of(shortest);
            maxLength = Optional.of(longest);
            return this;
        }

        Col pattern(String value) {
            pattern = Optional.of(value);
            return this;
        }

        Col allowed(String... values) {
            allowed = List.of(values);
            return this;
        }

        ColumnSpec spec() {
            return new ColumnSpec(name, type, nullable, false, format, Optional.empty(), false, min, max,
                    minLength, maxLength, pattern, allowed);
        }
    }
}
