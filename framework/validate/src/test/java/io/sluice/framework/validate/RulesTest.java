package io.sluice.framework.validate;

import static io.sluice.framework.validate.Fixtures.column;
import static io.sluice.framework.validate.Fixtures.dataset;
import static io.sluice.framework.validate.Fixtures.raw;
import static io.sluice.framework.validate.Fixtures.row;
import static io.sluice.framework.validate.Fixtures.run;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.RuleSpec;
import io.sluice.testing.SparkExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class RulesTest {

    @Test
    void decimalBoundsCompareExactlyWhetherOrNotTheyFitTheColumnsType(SparkSession spark) {
        // 0.005 has more decimal places than the column, 123456 more digits, -2 fits decimal(5,2)
        Fixtures.Outcome out = run(spark, dataset(
                        column("a", "decimal(5,2)").min("0.005"),
                        column("b", "decimal(5,2)").max("123456"),
                        column("c", "decimal(5,2)").min("-2").max("2.5")),
                raw(spark, List.of("a", "b", "c"),
                        row("0.01", "999.99", "-2"),
                        row("0.00", "-999.99", "2.50"),
                        row("-0.01", "0", "2.51"),
                        row("0.01", "0", "-2.01")));

        assertThat(out.validValues(3)).containsExactly(
                List.of(new BigDecimal("0.01"), new BigDecimal("999.99"), new BigDecimal("-2.00")));
        assertThat(out.messages()).containsExactly(
                "2 a/min: 0.00 is below the minimum 0.005",
                "3 a/min: -0.01 is below the minimum 0.005",
                "3 c/max: 2.51 is above the maximum 2.5",
                "4 c/min: -2.01 is below the minimum -2");
    }

    @Test
    void columnRulesCheckParsedValuesOnly(SparkSession spark) {
        Fixtures.Outcome out = run(spark, dataset(
                        column("qty", "int").min("0").max("1000"),
                        column("name", "string").length(3, 5),
                        column("code", "string").pattern("^[A-Z]{2}$"),
                        column("colour", "string").allowed("red", "green"),
                        column("price", "decimal(6,2)").min("0.01")),
                raw(spark, List.of("qty", "name", "code", "colour", "price"),
                        row("0", "abc", "AB", "red", "0.01"),
                        row("1000", "abcde", "ZZ", "green", null),
                        row("-5", "ab", "XYZ", "purple", "0.00"),
                        row("1200", "abcdef", "ab", "Red", "-1"),
                        row("abc", "", "AB\n", "", "x"),
                        row("-1.5", null, null, null, null)));

        assertThat(out.validValues(5)).containsExactly(
                List.of(0, "abc", "AB", "red", new BigDecimal("0.01")),
                Arrays.asList(1000, "abcde", "ZZ", "green", null));
        assertThat(out.messages()).containsExactly(
                "3 qty/min: -5 is below the minimum 0",
                "3 name/length: 'ab' is shorter than the minimum length 3",
                "3 code/pattern: 'XYZ' does not match ^[A-Z]{2}$",
                "3 colour/allowed: 'purple' is not one of [red, green]",
                "3 price/min: 0.00 is below the minimum 0.01",
                "4 qty/max: 1200 is above the maximum 1000",
                "4 name/length: 'abcdef' is longer than the maximum length 5",
                "4 code/pattern: 'ab' does not match ^[A-Z]{2}$",
                "4 colour/allowed: 'Red' is not one of [red, green]",
                "4 price/min: -1 is below the minimum 0.01",
                "5 qty/type: 'abc' is not an int",
                "5 code/pattern: 'AB\n' does not match ^[A-Z]{2}$",
                "5 price/type: 'x' is not a decimal(6,2) (expected plain notation, at most 2 decimal places, "
                        + "within ±9999.99)",
                "6 qty/type: '-1.5' is not an int");
    }

    @Test
    void bytesNotValidInTheDeclaredEncodingAreRejectedNotPublishedAltered(SparkSession spark, @TempDir Path dir)
            throws IOException {
        // a Latin-1 file read as UTF-8 (Spark's default): é (0xE9) cannot be decoded and becomes U+FFFD
        Files.write(dir.resolve("part-0.csv"), "caf\u00e9,1\nbar,2\n".getBytes(StandardCharsets.ISO_8859_1));
        Dataset<Row> raw = spark.read().schema("name string, n string").csv(dir.toString())
                .withColumn(RawColumns.SOURCE_FILE, lit("part-0.csv"))
                .withColumn(RawColumns.LINE, monotonically_increasing_id().plus(1));

        Fixtures.Outcome out = run(spark, dataset(column("name", "string"), column("n", "int")), raw);

        assertThat(out.validValues(2)).containsExactly(List.of("bar", 2));
        assertThat(out.messages()).containsExactly("1 name/encoding: 'caf\uFFFD' holds U+FFFD (\uFFFD), what bytes "
                + "that are not valid in the file's declared encoding become: declare the extract's encoding "
                + "(e.g. ISO-8859-1), or fix the file");
    }

    @Test
    void aRowFailingSeveralChecksListsThemAllInOrder(SparkSession spark) {
        DatasetSpec dataset = dataset(List.of(
                        column("sale_id", "long").required().spec(),
                        column("vin", "string").pattern("[A-HJ-NPR-Z0-9]{17}").spec(),
                        column("price", "decimal(12,2)").min("0").spec(),
                        column("sold_on", "date").required().spec()),
                List.of(new RuleSpec.Sql("vin_or_price", "vin IS NOT NULL OR price > 0", "/rules/0"),
                        new RuleSpec.Sql("price_sane", "price < 1000000", "/rules/1")),
                DriftPolicy.FAIL);
        Fixtures.Outcome out = run(spark, dataset, raw(spark, List.of("sale_id", "vin", "price", "sold_on"),
                row("", "bad-vin", "-3", "2026-02-30"),
                row("7", null, "2000000", "2026-02-03"),
                row("8", null, "-1", "2026-02-03")));

        assertThat(out.valid()).isEmpty();
        assertThat(out.messages()).containsExactly(
                "1 sale_id/not_null: value is required",
                "1 vin/pattern: 'bad-vin' does not match [A-HJ-NPR-Z0-9]{17}",
                "1 price/min: -3 is below the minimum 0",
                "1 sold_on/type: '2026-02-30' is not a date (expected yyyy-MM-dd)",
                "2 null/price_sane: rule price_sane failed: price < 1000000",
                "3 price/min: -1 is below the minimum 0",
                "3 null/vin_or_price: rule vin_or_price failed: vin IS NOT NULL OR price > 0");
    }

    @Test
    void allRowsSharingAKeyAreRejected(SparkSession spark) {
        DatasetSpec dataset = dataset(List.of(
                        column("sale_id", "long").required().spec(),
                        column("store", "string").spec(),
                        column("day", "int").spec()),
                List.of(new RuleSpec.Unique("unique", List.of("sale_id"), "/rules/0"),
                        new RuleSpec.Unique("one_per_store_day", List.of("store", "day"), "/rules/1")),
                DriftPolicy.FAIL);
        Fixtures.Outcome out = run(spark, dataset, raw(spark, List.of("sale_id", "store", "day"),
                row("5", "a", "1"),
                row("5", "b", "1"),
                row("6", "b", "1"),
                row("7", "c", null),
                row("8", "c", null),
                row("", "d", "1"),
                row(" 09", "e", "x")));

        assertThat(out.validValues(3)).containsExactlyInAnyOrder(
                Arrays.asList(7L, "c", null), Arrays.asList(8L, "c", null));
        assertThat(out.messages()).containsExactly(
                "1 sale_id/unique: duplicate key (sale_id=5) within the run",
                "2 sale_id/unique: duplicate key (sale_id=5) within the run",
                "2 store, day/one_per_store_day: duplicate key (store=b, day=1) within the run",
                "3 store, day/one_per_store_day: duplicate key (store=b, day=1) within the run",
                "6 sale_id/not_null: value is required",
                "7 day/type: 'x' is not an int");
    }

    @Test
    void sqlRuleRunsOnTypedColumnsAndNullPasses(SparkSession spark) {
        DatasetSpec dataset = dataset(List.of(column("price", "decimal(12,2)").spec(), column("day", "date").spec()),
                List.of(new RuleSpec.Sql("price_sane", "price < 1000000", "/rules/0"),
                        new RuleSpec.Sql("recent", "day >= DATE'2026-01-01'", "/rules/1")),
                DriftPolicy.FAIL);
        Fixtures.Outcome out = run(spark, dataset, raw(spark, List.of("price", "day"),
                row("999999.99", "2026-01-01"),
                row(null, null),
                row("1000000", "2025-12-31"),
                row("abc", "2026-02-03")));

        assertThat(out.validValues(2)).containsExactly(
                List.of(new BigDecimal("999999.99"), java.sql.Date.valueOf("2026-01-01")), Arrays.asList(null, null));
        assertThat(out.messages()).containsExactly(
                "3 null/price_sane: rule price_sane failed: price < 1000000",
                "3 null/recent: rule recent failed: day >= DATE'2026-01-01'",
                "4 price/type: 'abc' is not a decimal(12,2) (expected plain notation, at most 2 decimal places, "
                        + "within ±9999999999.99)");
    }

    @Test
    void sqlRuleOnAnUnknownColumnPointsAtTheRule(SparkSession spark) {
        DatasetSpec dataset = dataset(List.of(column("sale_id", "long").spec(), column("price", "decimal(12,2)").spec()),
                List.of(new RuleSpec.Unique("unique", List.of("sale_id"), "/rules/0"),
                        new RuleSpec.Sql("price_sane", "prise < 1000000", "/rules/1")),
                DriftPolicy.FAIL);

        assertThatThrownBy(() -> ValidationCompiler.compile(spark, dataset,
                raw(spark, List.of("sale_id", "price")).schema()))
                .isInstanceOfSatisfying(DescriptorException.class, e -> assertThat(e.problems()).hasSize(1))
                .hasMessage("descriptors/sales.yaml:13: /rules/1: rule 'price_sane': unknown column 'prise' in sql "
                        + "'prise < 1000000' (declared columns: sale_id, price)");
    }

    @Test
    void everyRuleThatCannotBindIsReportedAtOnce(SparkSession spark) {
        DatasetSpec dataset = dataset(List.of(
                        column("sale_id", "long").pattern("[0-9").spec(),
                        column("day", "date").min("0").format("yyyy-MM-dd").spec(),
                        column("price", "decimal(12,2)").min("10").max("5").length(1, 2).spec(),
                        column("SALE_ID", "string").spec()),
                List.of(new RuleSpec.Unique("unique", List.of("sale_id", "store"), "/rules/0"),
                        new RuleSpec.Sql("price_plus", "price + 1", "/rules/1"),
                        new RuleSpec.Sql("few", "count(*) < 10", "/rules/2"),
                        new RuleSpec.Sql("broken", "price <", "/rules/3")),
                DriftPolicy.FAIL);

        assertThatThrownBy(() -> ValidationCompiler.compile(spark, dataset,
                raw(spark, List.of("sale_id", "day", "price")).schema()))
                .isInstanceOf(DescriptorException.class)
                .hasMessage(String.join("\n",
                        "descriptors/sales.yaml:4: /schema/0/pattern: invalid regular expression '[0-9': Unclosed "
                                + "character class near index 3",
                        "descriptors/sales.yaml:5: /schema/1/min: min applies to numeric columns; column 'day' is "
                                + "date: remove it or use a sql rule",
                        "descriptors/sales.yaml:6: /schema/2/min: min 10 is greater than max 5; swap them",
                        "descriptors/sales.yaml:6: /schema/2/min_length: min_length applies to string columns; "
                                + "column 'price' is decimal(12,2): remove it",
                        "descriptors/sales.yaml:6: /schema/2/max_length: max_length applies to string columns; "
                                + "column 'price' is decimal(12,2): remove it",
                        "descriptors/sales.yaml:1: /schema/3/name: column 'SALE_ID' is already declared at "
                                + "/schema/0 (names are compared ignoring case)",
                        "descriptors/sales.yaml:12: /rules/0: rule 'unique': unknown column 'store' (declared "
                                + "columns: sale_id, day, price)",
                        "descriptors/sales.yaml:13: /rules/1: rule 'price_plus': sql 'price + 1' is of type "
                                + "decimal(13,2); a rule must be a boolean condition (e.g. price < 1000000)",
                        "descriptors/sales.yaml:1: /rules/2: rule 'few': sql 'count(*) < 10' uses an aggregate, "
                                + "window or generator function; a sql rule checks one row at a time (use a unique "
                                + "rule for duplicates)",
                        "descriptors/sales.yaml:1: /rules/3: rule 'broken': sql 'price <' cannot be compiled: "
                                + "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 7)"));
    }
}
