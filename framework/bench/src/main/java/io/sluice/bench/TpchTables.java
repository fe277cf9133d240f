package io.sluice.bench;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The two TPC-H tables the benchmark ingests and the checks declared on them. One definition feeds the CSV
 * generator (column order), the Sluice descriptor, the floor's typed read schema and the row-at-a-time baseline's
 * JSON Schema, so that every contender checks exactly the same rules.
 */
public final class TpchTables {
    /** The TPC-H ship instructions and modes, the only values the descriptor allows. */
    static final List<String> SHIP_INSTRUCTIONS = List.of("DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN");
    static final List<String> SHIP_MODES = List.of("REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB");
    static final List<String> ORDER_PRIORITIES = List.of("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW");

    public static final Table LINEITEM = new Table("lineitem", List.of(
            Column.of("l_orderkey", Type.LONG).min("1"),
            Column.of("l_partkey", Type.LONG).min("1"),
            Column.of("l_suppkey", Type.LONG).min("1"),
            Column.of("l_linenumber", Type.INT).min("1").max("7"),
            Column.of("l_quantity", Type.DECIMAL).min("1").max("50"),
            Column.of("l_extendedprice", Type.DECIMAL).min("0"),
            Column.of("l_discount", Type.DECIMAL).min("0").max("0.10"),
            Column.of("l_tax", Type.DECIMAL).min("0").max("0.08"),
            Column.of("l_returnflag", Type.STRING).allowed(List.of("A", "N", "R")),
            Column.of("l_linestatus", Type.STRING).allowed(List.of("F", "O")),
            Column.of("l_shipdate", Type.DATE),
            Column.of("l_commitdate", Type.DATE),
            Column.of("l_receiptdate", Type.DATE),
            Column.of("l_shipinstruct", Type.STRING).allowed(SHIP_INSTRUCTIONS),
            Column.of("l_shipmode", Type.STRING).allowed(SHIP_MODES),
            Column.of("l_comment", Type.STRING)));

    public static final Table ORDERS = new Table("orders", List.of(
            Column.of("o_orderkey", Type.LONG).min("1"),
            Column.of("o_custkey", Type.LONG).min("1"),
            Column.of("o_orderstatus", Type.STRING).allowed(List.of("F", "O", "P")),
            Column.of("o_totalprice", Type.DECIMAL).min("0"),
            Column.of("o_orderdate", Type.DATE),
            Column.of("o_orderpriority", Type.STRING).allowed(ORDER_PRIORITIES),
            Column.of("o_clerk", Type.STRING).pattern("^Clerk#[0-9]{9}$"),
            Column.of("o_shippriority", Type.INT).min("0"),
            Column.of("o_comment", Type.STRING)));

    public static final List<Table> ALL = List.of(LINEITEM, ORDERS);

    private TpchTables() {
    }

    /** The declared types; every TPC-H money and quantity column is {@code decimal(15,2)}. */
    enum Type {
        LONG("long", DataTypes.LongType),
        INT("int", DataTypes.IntegerType),
        DECIMAL("decimal(15,2)", DataTypes.createDecimalType(15, 2)),
        DATE("date", DataTypes.DateType),
        STRING("string", DataTypes.StringType);

        private final String spelling;
        private final DataType spark;

        Type(String spelling, DataType spark) {
            this.spelling = spelling;
            this.spark = spark;
        }

        /** The descriptor spelling, also a Spark SQL type name. */
        String spelling() {
            return spelling;
        }

        DataType spark() {
            return spark;
        }
    }

    /** One column: never nullable (TPC-H has no nulls), with optional bounds, allowed values or pattern. */
    record Column(String name, Type type, Optional<BigDecimal> min, Optional<BigDecimal> max, List<String> allowed,
                  Optional<String> pattern) {
        Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            allowed = List.copyOf(allowed);
        }

        static Column of(String name, Type type) {
            return new Column(name, type, Optional.empty(), Optional.empty(), List.of(), Optional.empty());
        }

        Column min(String value) {
            return new Column(name, type, Optional.of(new BigDecimal(value)), max, allowed, pattern);
        }

        Column max(String value) {
            return new Column(name, type, min, Optional.of(new BigDecimal(value)), allowed, pattern);
        }

        Column allowed(List<String> values) {
            return new Column(name, type, min, max, values, pattern);
        }

        Column pattern(String regex) {
            return new Column(name, type, min, max, allowed, Optional.of(regex));
        }
    }

    /** A table: its name (also the dataset name and landing sub-folder) and its columns in file order. */
    public record Table(String name, List<Column> columns) {
        public Table {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
        }

        /** The typed schema a hand-written Spark job would read the CSV with. */
        StructType typedSchema() {
            return new StructType(columns.stream()
                    .map(c -> new StructField(c.name(), c.type().spark(), true, Metadata.empty()))
                    .toArray(StructField[]::new));
        }

        /** Every column as a string, as a validator that checks the text itself reads the CSV. */
        StructType textSchema() {
            return new StructType(columns.stream()
                    .map(c -> new StructField(c.name(), DataTypes.StringType, true, Metadata.empty()))
                    .toArray(StructField[]::new));
        }

        int indexOf(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("table " + name + " has no column " + column);
        }
    }
}
