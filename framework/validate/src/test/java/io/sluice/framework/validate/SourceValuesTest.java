package io.sluice.framework.validate;

import static io.sluice.framework.validate.Fixtures.raw;
import static io.sluice.framework.validate.Fixtures.row;
import static io.sluice.framework.validate.SourceColumn.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import io.sluice.testing.SparkExtension;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Columns declared as real sources write them (issue 19): source names, null tokens, locale-aware values. */
@ExtendWith(SparkExtension.class)
class SourceValuesTest {

    private static DatasetSpec dataset(SourceColumn... columns) {
        return Fixtures.dataset(Stream.of(columns).map(SourceColumn::spec).toList(), List.of(), DriftPolicy.FAIL);
    }

    private static List<Object> values(Fixtures.Outcome out, int column) {
        return out.valid().stream().map(r -> r.get(column)).toList();
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }

    @Test
    void eachColumnReadsTheFieldOfItsSourceNameAndIsPublishedUnderItsLakeName(SparkSession spark) {
        DatasetSpec costs = dataset(column("cost_total", "decimal(10,2)").from("Cost Total $"),
                column("lead", "string").from(" lead"), column("answer", "string").from("No"),
                column("prenom", "string").from("Prénom"), column("share", "int").from("% share"));

        // drift: fail, so a field left unbound would throw
        Fixtures.Outcome out = Fixtures.run(spark, costs, raw(spark,
                List.of("Cost Total $", " lead", "No", "prénom", "% share"),
                row("12.50", "a", "yes", "Zoé", "5"),
                row("x", "b", "no", "Léa", "6")));

        assertThat(out.valid()).hasSize(1);
        assertThat(out.valid().get(0).schema().fieldNames()).startsWith("cost_total", "lead", "answer", "prenom",
                "share");
        assertThat(out.validValues(5)).containsExactly(List.of(new BigDecimal("12.50"), "a", "yes", "Zoé", 5));
        assertThat(out.errors().get(0).schema().fieldNames()).startsWith("cost_total", "lead", "answer", "prenom",
                "share");
        assertThat(out.errors().get(0).<String>getAs("cost_total")).isEqualTo("x");
        assertThat(out.messages()).containsExactly("2 cost_total/type: 'x' is not a decimal(10,2) (expected plain "
                + "notation, at most 2 decimal places, within ±99999999.99)");
        assertThat(out.compiled().unexpectedColumns()).isEmpty();
    }

    @Test
    void aSourceNameMissingFromTheSourceIsNamedInTheMessage(SparkSession spark) {
        Fixtures.Outcome out = Fixtures.run(spark, dataset(column("id", "int"), column("total", "int").from("Total $")),
                raw(spark, List.of("id"), row("1")));

        assertThat(out.messages()).containsExactly(
                "1 total/missing_column: column 'total' is missing from the source data (declared from: 'Total $')");
    }

    @Test
    void anUndeclaredFieldNamedAsTheLakeNameOfAColumnReadFromAnotherIsNotEvolvedIntoIt(SparkSession spark) {
        // regression: drift: evolve added the field 'cost' next to the declared column 'cost' (read from 'Cost $')
        DatasetSpec costs = Fixtures.dataset(List.of(column("cost", "int").from("Cost $").spec()), List.of(),
                DriftPolicy.EVOLVE);

        assertThatThrownBy(() -> ValidationCompiler.compile(spark, costs,
                raw(spark, List.of("Cost $", "COST", "note")).schema()))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.DRIFT_UNEXPECTED_COLUMNS))
                .hasMessage("descriptors/sales.yaml:9: dataset dealer_dw.sales: the source has columns the schema "
                        + "does not declare whose names are lake names of declared columns read from other fields: "
                        + "COST (drift: evolve cannot add them); declare them in the schema under other names "
                        + "(from), or set drift to rescue or ignore");
    }

    @Test
    void nullTokensMeanMissingInEveryTypeAndTheErrorZoneKeepsTheirText(SparkSession spark) {
        DatasetSpec survey = dataset(column("s", "string").nullValues("NA", "-"),
                column("r", "string").required().nullValues("NA"),
                column("i", "int").nullValues("NA", "n/a", "-1"),
                column("e", "string").nullValues(""),
                column("day", "date").nullValues(" NA "),
                column("plain", "string"));

        Fixtures.Outcome out = Fixtures.run(spark, survey, raw(spark, List.of("s", "r", "i", "e", "day", "plain"),
                row("NA", "x", " n/a ", "", "NA", ""),
                row(" - ", "y", "-1", "   ", " NA", "NA"),
                row("na", "z", "NA ", "e", "2024-01-02", "-"),
                row("a", "NA", "7", null, null, null),
                row("b", "w", "na", "", "", "")));

        assertThat(out.validValues(6)).containsExactly(
                Arrays.asList(null, "x", null, null, null, ""),
                Arrays.asList(null, "y", null, null, null, "NA"),
                Arrays.asList("na", "z", null, "e", Date.valueOf("2024-01-02"), "-"));
        assertThat(out.messages()).containsExactly(
                "4 r/not_null: value is required",
                "5 i/type: 'na' is not an int");
        Row rejected = out.errors().stream().filter(r -> r.<Long>getAs("_line") == 4).findFirst().orElseThrow();
        assertThat(rejected.<String>getAs("r")).as("the token as delivered").isEqualTo("NA");
    }

    @Test
    void booleanTokensAreComparedIgnoringCaseAndSurroundingSpaces(SparkSession spark) {
        DatasetSpec flags = dataset(column("flag", "boolean").booleans(List.of("Y", "yes", "1"), List.of("N", "0")));

        Fixtures.Outcome out = Fixtures.run(spark, flags, raw(spark, List.of("flag"),
                row("Y"), row(" yes "), row("1"), row("n"), row("0"), row(""), row("true"), row("maybe")));

        assertThat(values(out, 0)).containsExactly(true, true, true, false, false, null);
        assertThat(out.messages()).containsExactly(
                "7 flag/type: 'true' is not a boolean (expected Y, yes or 1 for true, N or 0 for false)",
                "8 flag/type: 'maybe' is not a boolean (expected Y, yes or 1 for true, N or 0 for false)");
    }

    @Test
    void decimalCommaAndGroupingSeparatorsReadOnlyWellFormedNumbers(SparkSession spark) {
        DatasetSpec amounts = dataset(column("price", "decimal(12,2)").separators(",", "."),
                column("qty", "int").separators(null, " "),
                column("ratio", "double").separators(",", null),
                column("big", "long").separators(null, "'"));

        Fixtures.Outcome out = Fixtures.run(spark, amounts, raw(spark, List.of("price", "qty", "ratio", "big"),
                row("1.234.567,89", "1 234 567", "1,5e3", "1'000'000"),
                row("-1.234,5", "+12", "-,25", "-12"),
                row("1234,5", "999", "3", "12'345'678'901"),
                row("1.23.4", "12 34", "1.5", "1''000"),
                row("1..234", "1  234", "1,2,3", "1'00"),
                row("1.234,567", "1 234.5", "1,5 ", "'100"),
                row("1,234.56", "2 147 483 648", ",", "1'000'"),
                row(",5", " 1 234 ", ",5", "+0"),
                row("1.234.", "1 234x", "1,5x", "1'000x")));

        assertThat(out.validValues(4)).containsExactly(
                List.of(new BigDecimal("1234567.89"), 1234567, 1500.0, 1_000_000L),
                List.of(new BigDecimal("-1234.50"), 12, -0.25, -12L),
                List.of(new BigDecimal("1234.50"), 999, 3.0, 12_345_678_901L),
                List.of(new BigDecimal("0.50"), 1234, 0.5, 0L));
        String price = " is not a decimal(12,2) (expected plain notation, decimal separator ',', grouping separator "
                + "'.', at most 2 decimal places, within ±9999999999,99)";
        assertThat(out.messages()).containsExactly(
                "4 price/type: '1.23.4'" + price,
                "4 qty/type: '12 34' is not an int (grouping separator ' ' (space))",
                "4 ratio/type: '1.5' is not a double (decimal separator ',')",
                "4 big/type: '1''000' is not a long (grouping separator ''')",
                "5 price/type: '1..234'" + price,
                "5 qty/type: '1  234' is not an int (grouping separator ' ' (space))",
                "5 ratio/type: '1,2,3' is not a double (decimal separator ',')",
                "5 big/type: '1'00' is not a long (grouping separator ''')",
                "6 price/type: '1.234,567'" + price,
                "6 qty/type: '1 234.5' is not an int (grouping separator ' ' (space))",
                "6 big/type: ''100' is not a long (grouping separator ''')",
                "7 price/type: '1,234.56'" + price,
                "7 qty/type: '2 147 483 648' is not an int (grouping separator ' ' (space))",
                "7 ratio/type: ',' is not a double (decimal separator ',')",
                "7 big/type: '1'000'' is not a long (grouping separator ''')",
                "9 price/type: '1.234.'" + price,
                "9 qty/type: '1 234x' is not an int (grouping separator ' ' (space))",
                "9 ratio/type: '1,5x' is not a double (decimal separator ',')",
                "9 big/type: '1'000x' is not a long (grouping separator ''')");
    }

    @Test
    void theFirstOfSeveralFormatsThatParsesWinsAndTheMessageNamesThemAll(SparkSession spark) {
        DatasetSpec days = dataset(column("day", "date").formats("dd/MM/yyyy", "yyyy-MM-dd"),
                column("ambiguous", "date").formats("dd/MM/yyyy", "MM/dd/yyyy"));

        Fixtures.Outcome out = Fixtures.run(spark, days, raw(spark, List.of("day", "ambiguous"),
                row("31/01/2024", "01/02/2024"),
                row("2024-01-31", "12/31/2024"),
                row("31/02/2024", "31/31/2024"),
                row("2024-1-31", null)));

        assertThat(out.validValues(2)).containsExactly(
                List.of(Date.valueOf("2024-01-31"), Date.valueOf("2024-02-01")),
                List.of(Date.valueOf("2024-01-31"), Date.valueOf("2024-12-31")));
        assertThat(out.messages()).containsExactly(
                "3 day/type: '31/02/2024' is not a date in any of: dd/MM/yyyy, yyyy-MM-dd",
                "3 ambiguous/type: '31/31/2024' is not a date in any of: dd/MM/yyyy, MM/dd/yyyy",
                "4 day/type: '2024-1-31' is not a date in any of: dd/MM/yyyy, yyyy-MM-dd");
    }

    @Test
    void epochFormatsReadSignedWholeNumbersWithinTheDatetimeRange(SparkSession spark) {
        DatasetSpec events = dataset(column("s", "timestamp").formats(ColumnSpec.EPOCH_SECONDS),
                column("ms", "timestamp").formats("yyyy-MM-dd HH:mm", ColumnSpec.EPOCH_MILLIS));

        Fixtures.Outcome out = Fixtures.run(spark, events, raw(spark, List.of("s", "ms"),
                row("0", "1700000000123"),
                row("-1", "-1"),
                row("+86400", "2024-07-01 12:00"),
                row("253402300799", "253402300799999"),
                row("253402300800", "253402300800000"),
                row("-62135596801", "1.5"),
                row("99999999999999999999", "1e3")));

        assertThat(out.valid()).extracting(r -> instant(r.get(0)), r -> instant(r.get(1))).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.EPOCH, Instant.parse("2023-11-14T22:13:20.123Z")),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("1969-12-31T23:59:59Z"),
                        Instant.parse("1969-12-31T23:59:59.999Z")),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("1970-01-02T00:00:00Z"),
                        Instant.parse("2024-07-01T12:00:00Z")),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("9999-12-31T23:59:59Z"),
                        Instant.parse("9999-12-31T23:59:59.999Z")));
        assertThat(out.messages()).containsExactly(
                "5 s/type: '253402300800' is not a timestamp (expected epoch_seconds)",
                "5 ms/type: '253402300800000' is not a timestamp in any of: yyyy-MM-dd HH:mm, epoch_millis",
                "6 s/type: '-62135596801' is not a timestamp (expected epoch_seconds)",
                "6 ms/type: '1.5' is not a timestamp in any of: yyyy-MM-dd HH:mm, epoch_millis",
                "7 s/type: '99999999999999999999' is not a timestamp (expected epoch_seconds)",
                "7 ms/type: '1e3' is not a timestamp in any of: yyyy-MM-dd HH:mm, epoch_millis");
    }

    @Test
    void aTimezoneAppliesToTimestampsWithoutOffsetAndAnOffsetInTheValueWins(SparkSession spark) {
        DatasetSpec readings = dataset(
                column("at", "timestamp").formats("yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mmXXX").timezone("Europe/Paris"),
                column("iso", "timestamp").timezone("Europe/Paris"),
                column("fixed", "timestamp").formats("dd.MM.yyyy HH:mm").timezone("-05:00"));

        Fixtures.Outcome out = Fixtures.run(spark, readings, raw(spark, List.of("at", "iso", "fixed"),
                row("2024-07-01 12:00", "2024-07-01T12:00:00", "01.07.2024 12:00"),
                row("2024-01-15 12:00", "2024-01-15 12:00:00.5", "15.01.2024 00:30"),
                row("2024-07-01 12:00+05:00", "2024-07-01T12:00:00Z", null),
                row("2024-03-31 02:30", "2024-07-01 12:00:00+01:00", null),
                row("2024-10-27 02:30", "2024-07-01", null),
                row(null, "2024-07", null)));

        assertThat(out.messages()).isEmpty();
        assertThat(out.valid().subList(0, 5)).extracting(r -> instant(r.get(0))).containsExactly(
                Instant.parse("2024-07-01T10:00:00Z"), Instant.parse("2024-01-15T11:00:00Z"),
                Instant.parse("2024-07-01T07:00:00Z"),
                // a wall-clock time the zone skips moves forward by the gap; one it shows twice is the earlier
                Instant.parse("2024-03-31T01:30:00Z"), Instant.parse("2024-10-27T00:30:00Z"));
        assertThat(out.valid()).extracting(r -> instant(r.get(1))).containsExactly(
                Instant.parse("2024-07-01T10:00:00Z"), Instant.parse("2024-01-15T11:00:00.500Z"),
                Instant.parse("2024-07-01T12:00:00Z"), Instant.parse("2024-07-01T11:00:00Z"),
                Instant.parse("2024-06-30T22:00:00Z"), Instant.parse("2024-06-30T22:00:00Z"));
        assertThat(out.valid().subList(0, 2)).extracting(r -> instant(r.get(2))).containsExactly(
                Instant.parse("2024-07-01T17:00:00Z"), Instant.parse("2024-01-15T05:30:00Z"));
    }

    @Test
    void bindAcceptsEpochWordsAsFormatsAndChecksEveryPatternAtItsIndex(SparkSession spark) {
        DatasetSpec bad = dataset(column("at", "timestamp").formats(ColumnSpec.EPOCH_MILLIS, "yyyy-MM-dd HH:mm",
                        "yyyy-MM-dd bb"),
                column("day", "date").formats("dd/MM/yyyy", ColumnSpec.EPOCH_SECONDS),
                column("n", "int").formats("yyyy"));

        assertThatThrownBy(() -> ValidationCompiler.compile(spark, bad, raw(spark, List.of("at", "day", "n")).schema()))
                .isInstanceOf(DescriptorException.class)
                .hasMessage(String.join("\n",
                        "descriptors/sales.yaml:4: /schema/0/formats/2: invalid datetime pattern 'yyyy-MM-dd bb': "
                                + "Unknown pattern letter: b (see Spark's datetime patterns, e.g. yyyy-MM-dd HH:mm:ss)",
                        "descriptors/sales.yaml:5: /schema/1/formats/1: epoch_seconds applies to timestamp columns "
                                + "only, and 'day' is date",
                        "descriptors/sales.yaml:6: /schema/2/formats: formats applies to date and timestamp columns; "
                                + "column 'n' is int: remove it"));
    }
}
