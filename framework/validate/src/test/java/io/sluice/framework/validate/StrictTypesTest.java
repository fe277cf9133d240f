package io.sluice.framework.validate;

import static io.sluice.framework.validate.Fixtures.column;
import static io.sluice.framework.validate.Fixtures.dataset;
import static io.sluice.framework.validate.Fixtures.raw;
import static io.sluice.framework.validate.Fixtures.row;
import static io.sluice.framework.validate.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import io.sluice.testing.SparkExtension;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class StrictTypesTest {

    @Test
    void intAndLongAcceptOnlyWholeNumbersInRange(SparkSession spark) {
        Fixtures.Outcome out = run(spark, dataset(column("i", "int"), column("n", "long")),
                raw(spark, List.of("i", "n"),
                        row("1", "9223372036854775807"),
                        row(" +7 ", "-5"),
                        row("1.23", "1e3"),
                        row("2147483648", "9223372036854775808"),
                        row("abc", "0x10"),
                        row("", null)));

        assertThat(out.validValues(2)).containsExactly(
                List.of(1, Long.MAX_VALUE), List.of(7, -5L), Arrays.asList(null, null));
        assertThat(out.messages()).containsExactly(
                "3 i/type: '1.23' is not an int",
                "3 n/type: '1e3' is not a long",
                "4 i/type: '2147483648' is not an int",
                "4 n/type: '9223372036854775808' is not a long",
                "5 i/type: 'abc' is not an int",
                "5 n/type: '0x10' is not a long");
    }

    @Test
    void aTrailingLineBreakIsNotPartOfANumberOrADate(SparkSession spark) {
        // a quoted CSV field can end in a line break; Spark's casts would drop it, a regular expression's $ too
        Fixtures.Outcome out = run(spark, dataset(column("i", "int"), column("p", "decimal(6,2)"),
                        column("d", "double"), column("day", "date")),
                raw(spark, List.of("i", "p", "d", "day"),
                        row("5\n", "1.50\n", "2.5\n", "2026-02-03\n"),
                        row("5", "1.50", "2.5", "2026-02-03")));

        assertThat(out.validValues(4)).containsExactly(
                List.of(5, new BigDecimal("1.50"), 2.5, Date.valueOf("2026-02-03")));
        assertThat(out.messages()).containsExactly(
                "1 i/type: '5\n' is not an int",
                "1 p/type: '1.50\n' is not a decimal(6,2) (expected plain notation, at most 2 decimal places, "
                        + "within ±9999.99)",
                "1 d/type: '2.5\n' is not a double",
                "1 day/type: '2026-02-03\n' is not a date (expected yyyy-MM-dd)");
    }

    @Test
    void theDefaultDatePatternAcceptsWhatSparksStrictDateFormatterAcceptsButNoSign(SparkSession spark) {
        // the default pattern is checked without the datetime formatter: it must agree with it, value by value
        List<String> texts = List.of("2026-02-03", "2024-02-29", "2023-02-29", "2026-02-30", "2026-04-31",
                "2026-12-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-2-03", "2026-02-3", "26-02-03",
                "0000-01-01", "0001-01-01", "9999-12-31", "12026-02-03", "+2026-02-03", "-2026-02-03",
                "2026-02-03T10:00", "2026-02-03 10:00", "2026-02", "2026", "2026/02/03", "２０２６-02-03",
                "2026-02-03\u0000", "");
        Dataset<Row> df = spark.createDataFrame(texts.stream().map(t -> RowFactory.create(t)).toList(),
                new StructType().add("t", DataTypes.StringType));
        List<Row> both = df.select(org.apache.spark.sql.functions.col("t"),
                StrictParsers.fromText(org.apache.spark.sql.functions.col("t"), column("d", "date").spec()).as("fast"),
                org.apache.spark.sql.functions.try_to_date(org.apache.spark.sql.functions.col("t"), "yyyy-MM-dd")
                        .as("formatter")).collectAsList();
        // one deliberate difference: the formatter reads '-2026-02-03' as a date of the year 2027 BC
        assertThat(both).hasSize(texts.size()).filteredOn(r -> !r.<String>getAs("t").equals("-2026-02-03"))
                .allSatisfy(r -> assertThat(r.<Date>getAs("fast")).as("'%s'", r.<String>getAs("t"))
                        .isEqualTo(r.<Date>getAs("formatter")));
        assertThat(both.stream().filter(r -> r.getAs("fast") != null).map(r -> r.<String>getAs("t")))
                .containsExactly("2026-02-03", "2024-02-29", "2026-12-31", "0000-01-01", "0001-01-01", "9999-12-31");
    }

    @Test
    void decimalIsPlainNotationWithoutRoundingAndDoubleIsANumber(SparkSession spark) {
        Fixtures.Outcome out = run(spark, dataset(column("price", "decimal(12,2)"), column("ratio", "double")),
                raw(spark, List.of("price", "ratio"),
                        row("12.5", "1.5"),
                        row(" .5 ", "-2e10"),
                        row("-9999999999.99", ".25"),
                        row("1.234", "NaN"),
                        row("abc", "1d"),
                        row("10000000000.00", "1e999"),
                        row("1e2", "Infinity")));

        assertThat(out.validValues(2)).containsExactly(
                List.of(new BigDecimal("12.50"), 1.5),
                List.of(new BigDecimal("0.50"), -2e10),
                List.of(new BigDecimal("-9999999999.99"), 0.25));
        String expectation = " is not a decimal(12,2) (expected plain notation, at most 2 decimal places, "
                + "within ±9999999999.99)";
        assertThat(out.messages()).containsExactly(
                "4 price/type: '1.234'" + expectation,
                "4 ratio/type: 'NaN' is not a double",
                "5 price/type: 'abc'" + expectation,
                "5 ratio/type: '1d' is not a double",
                "6 price/type: '10000000000.00'" + expectation,
                "6 ratio/type: '1e999' is not a double",
                "7 price/type: '1e2'" + expectation,
                "7 ratio/type: 'Infinity' is not a double");
    }

    @Test
    void wholeDecimalSaysSo(SparkSession spark) {
        Fixtures.Outcome out = run(spark, dataset(column("qty", "decimal(5,0)")),
                raw(spark, List.of("qty"), row("99999"), row("1.5"), row("100000")));

        assertThat(out.validValues(1)).containsExactly(List.of(new BigDecimal("99999")));
        assertThat(out.messages()).containsExactly(
                "2 qty/type: '1.5' is not a decimal(5,0) (expected a whole number within ±99999)",
                "3 qty/type: '100000' is not a decimal(5,0) (expected a whole number within ±99999)");
    }

    @Test
    void booleanDateAndTimestampAreStrict(SparkSession spark) {
        Fixtures.Outcome out = run(spark, dataset(
                        column("flag", "boolean"),
                        column("day", "date"),
                        column("at", "timestamp").format("yyyy-MM-dd HH:mm:ss"),
                        column("seen", "timestamp"),
                        column("eu", "date").format("dd.MM.yyyy")),
                raw(spark, List.of("flag", "day", "at", "seen", "eu"),
                        row("TRUE", "2026-02-28", "2026-02-03 10:11:12", "2026-02-03T10:11:12Z", "03.02.2026"),
                        row(" false ", "2024-02-29", "2026-12-31 23:59:59", "2026-02-03", null),
                        row("1", "2026-02-30", "2026-02-03T10:11:12", "yesterday", "2026-02-03"),
                        row("yes", "2026-2-3", "2026-02-03", "2026-02-03 25:00:00", "31.02.2026"),
                        row("f", "2026-02-03x", "2026-02-30 10:00:00", "", ""),
                        row("true", "2026-02-03", "2026-02-03 10:11:12", "\t2026-02-03 10:11:12\n", null)));

        assertThat(out.validValues(5)).containsExactly(
                List.of(true, Date.valueOf("2026-02-28"), ts("2026-02-03T10:11:12Z"), ts("2026-02-03T10:11:12Z"),
                        Date.valueOf("2026-02-03")),
                Arrays.asList(false, Date.valueOf("2024-02-29"), ts("2026-12-31T23:59:59Z"),
                        ts("2026-02-03T00:00:00Z"), null));
        String iso = " is not a timestamp (expected an ISO 8601 date-time such as 2026-11-22 10:15:00)";
        assertThat(out.messages()).containsExactly(
                "3 flag/type: '1' is not a boolean (expected true or false)",
                "3 day/type: '2026-02-30' is not a date (expected yyyy-MM-dd)",
                "3 at/type: '2026-02-03T10:11:12' is not a timestamp (expected yyyy-MM-dd HH:mm:ss)",
                "3 seen/type: 'yesterday'" + iso,
                "3 eu/type: '2026-02-03' is not a date (expected dd.MM.yyyy)",
                "4 flag/type: 'yes' is not a boolean (expected true or false)",
                "4 day/type: '2026-2-3' is not a date (expected yyyy-MM-dd)",
                "4 at/type: '2026-02-03' is not a timestamp (expected yyyy-MM-dd HH:mm:ss)",
                "4 seen/type: '2026-02-03 25:00:00'" + iso,
                "4 eu/type: '31.02.2026' is not a date (expected dd.MM.yyyy)",
                "5 flag/type: 'f' is not a boolean (expected true or false)",
                "5 day/type: '2026-02-03x' is not a date (expected yyyy-MM-dd)",
                "5 at/type: '2026-02-30 10:00:00' is not a timestamp (expected yyyy-MM-dd HH:mm:ss)",
                "6 seen/type: '\t2026-02-03 10:11:12\n'" + iso);
    }

    @Test
    void emptyIsNullWhereNullableAndNotNullWhereRequired(SparkSession spark) {
        Fixtures.Outcome out = run(spark, dataset(
                        column("id", "int").required(),
                        column("qty", "int"),
                        column("name", "string").required(),
                        column("note", "string")),
                raw(spark, List.of("id", "qty", "name", "note"),
                        row("1", "", "a", ""),
                        row("2", "   ", " ", null),
                        row("", "x", "", "n"),
                        row(null, null, null, null)));

        assertThat(out.validValues(4)).containsExactly(
                Arrays.asList(1, null, "a", ""),
                Arrays.asList(2, null, " ", null));
        assertThat(out.messages()).containsExactly(
                "3 id/not_null: value is required",
                "3 qty/type: 'x' is not an int",
                "3 name/not_null: value is required",
                "4 id/not_null: value is required",
                "4 name/not_null: value is required");
        Row rejected = out.errors().get(0);
        assertThat(rejected.getString(rejected.fieldIndex("id"))).isEmpty();
        assertThat(rejected.getString(rejected.fieldIndex("qty"))).isEqualTo("x");
    }

    @Test
    void typedSourcesConvertOnlyLosslessly(SparkSession spark) {
        StructType schema = new StructType()
                .add("n", DataTypes.LongType)
                .add("amount", DataTypes.createDecimalType(12, 4))
                .add("code", DataTypes.StringType)
                .add("ratio", DataTypes.DoubleType)
                .add("day", DataTypes.TimestampType)
                .add("label", DataTypes.IntegerType)
                .add("at", DataTypes.DateType)
                .add(RawColumns.SOURCE_FILE, DataTypes.StringType)
                .add(RawColumns.LINE, DataTypes.LongType);
        Dataset<Row> raw = spark.createDataFrame(List.of(
                RowFactory.create(5L, new BigDecimal("1.2300"), "42", 2.0, Timestamp.from(Instant.parse(
                        "2026-02-03T00:00:00Z")), 7, Date.valueOf("2026-02-03"), "part-0.avro", 1L),
                RowFactory.create(3000000000L, new BigDecimal("1.2345"), "abc", 2.5, Timestamp.from(Instant.parse(
                        "2026-02-03T10:00:00Z")), null, null, "part-0.avro", 2L)), schema);
        Fixtures.Outcome out = run(spark, dataset(
                column("n", "int"), column("amount", "decimal(12,2)"), column("code", "int"),
                column("ratio", "int"), column("day", "date"), column("label", "string"),
                column("at", "timestamp")), raw);

        assertThat(out.validValues(7)).containsExactly(List.of(5, new BigDecimal("1.23"), 42, 2,
                Date.valueOf("2026-02-03"), "7", ts("2026-02-03T00:00:00Z")));
        assertThat(out.messages()).containsExactly(
                "2 n/type: '3000000000' is not an int",
                "2 amount/type: '1.2345' is not a decimal(12,2) (expected plain notation, at most 2 decimal "
                        + "places, within ±9999999999.99)",
                "2 code/type: 'abc' is not an int",
                "2 ratio/type: '2.5' is not an int",
                "2 day/type: '2026-02-03 10:00:00' is not a date (expected yyyy-MM-dd)");
        assertThat(out.errors().get(0).getString(out.errors().get(0).fieldIndex("amount"))).isEqualTo("1.2345");
    }

    @Test
    void ansiModeOnAndOffGiveTheSameResults(SparkSession spark) {
        String before = spark.conf().get("spark.sql.ansi.enabled");
        Dataset<Row> raw = raw(spark, List.of("i", "price", "day", "at", "flag"),
                row("1", "12.5", "2026-02-28", "2026-02-03 10:11:12", "true"),
                row("1.23", "1.234", "2026-02-30", "2026-13-03 10:11:12", "1"),
                row("99999999999", "abc", "x", "", "FALSE"));
        var dataset = dataset(column("i", "int").min("0"), column("price", "decimal(4,2)"), column("day", "date"),
                column("at", "timestamp"), column("flag", "boolean"));
        try {
            spark.conf().set("spark.sql.ansi.enabled", "true");
            Fixtures.Outcome ansi = run(spark, dataset, raw);
            spark.conf().set("spark.sql.ansi.enabled", "false");
            Fixtures.Outcome legacy = run(spark, dataset, raw);

            assertThat(legacy.valid().toString()).isEqualTo(ansi.valid().toString());
            assertThat(legacy.messages()).isEqualTo(ansi.messages()).hasSize(8);
        } finally {
            spark.conf().set("spark.sql.ansi.enabled", before);
        }
    }

    @Test
    void aLenientTimeParserPolicyIsRefused(SparkSession spark) {
        String key = "spark.sql.legacy.timeParserPolicy";
        String before = spark.conf().get(key);
        try {
            spark.conf().set(key, "LEGACY");
            assertThatThrownBy(() -> ValidationCompiler.compile(spark, dataset(column("day", "date")),
                    raw(spark, List.of("day")).schema()))
                    .isInstanceOfSatisfying(SluiceException.class, e -> {
                        assertThat(e.code()).isEqualTo("SPARK_TIME_PARSER_POLICY");
                        assertThat(e.category()).isEqualTo(ErrorCategory.DESCRIPTOR);
                    })
                    .hasMessage("spark.sql.legacy.timeParserPolicy is LEGACY, but strict date and timestamp "
                            + "parsing needs CORRECTED (Spark's default): with LEGACY '2026-02-03x' is a date, with "
                            + "EXCEPTION an invalid date stops the job; remove the setting or set it to CORRECTED");
        } finally {
            spark.conf().set(key, before);
        }
    }

    private static Timestamp ts(String instant) {
        return Timestamp.from(Instant.parse(instant));
    }
}
