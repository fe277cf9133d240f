package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.Connectors;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.Registrar;
import io.sluice.framework.report.RunReport;
import io.sluice.testing.SparkExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 through whole runs of CSV files read by the files connector: columns declared by their header text (any
 * characters, empty and repeated header cells), published under lake names, with locale-aware values. The header
 * is read as the header: never published, never rejected (the {@code header: false} workaround is gone).
 */
@ExtendWith(SparkExtension.class)
class SourceValuesRunTest {
    private static final String SOURCE = """
            kind: source
            name: drop
            connector: files
            connection: { landing: landing }
            ---
            """;

    private static final String COSTS = SOURCE + """
            kind: dataset
            name: costs
            source: drop
            extract: { path: "costs/*.csv", format: csv }
            drift: fail
            error: { max_ratio: 1.0 }
            schema:
              - { name: id, type: int, key: true }
              - { name: cost_total, from: " Cost Total $", type: "decimal(10,2)", decimal_separator: ",", grouping_separator: "." }
              - { name: pct_done, from: "% done", type: int{{NULLS}} }
              - { name: prenom, from: "Prénom", type: string }
              - { name: answer, from: "No", type: boolean, true_values: ["yes"], false_values: ["no"] }
              - { name: blank_header, from: "_c5", type: string }
              - { name: first_dup, from: "dup6", type: string }
              - { name: second_dup, from: "dup7", type: string }
              - { name: seen_at, from: "Seen at (local)", type: timestamp, formats: ["dd/MM/yyyy HH:mm", epoch_seconds], timezone: Europe/Paris }
            """;

    // a header with a leading space, $, %, unicode, a YAML boolean word, an empty cell and a repeated one
    private static final String FILE = """
            id, Cost Total $,% done,Prénom,No,,dup,dup,Seen at (local)
            1,"1.234,50",75,Zoé,yes,x,a,b,01/07/2024 12:00
            2,"12,5",NA,Léa,no,,c,d,1719835200
            3,"1.23,4",5,Ana,no,y,e,f,31/06/2024 12:00
            """;

    private static String costs(String pctNulls) {
        return COSTS.replace("{{NULLS}}", pctNulls);
    }

    private static DatasetOutcome only(RunReport report) {
        assertThat(report.datasets()).hasSize(1);
        return report.datasets().get(0);
    }

    @Test
    void columnsBindToTheirHeaderTextAndArePublishedUnderTheirLakeNames(SparkSession spark, @TempDir Path dir) {
        TestLake t = new TestLake(spark, dir).descriptor("drop.yaml", costs(", null_values: [NA]"))
                .deliver("costs/day1.csv", FILE);

        DatasetOutcome outcome = only(t.run("drop"));

        assertThat(outcome.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
        assertThat(List.of(outcome.raw(), outcome.valid(), outcome.error())).as("the header is not a row")
                .containsExactly(3L, 2L, 1L);
        String valid = t.lake.valid("drop", "costs");
        assertThat(t.table(valid).columns()).startsWith("id", "cost_total", "pct_done", "prenom", "answer",
                "blank_header", "first_dup", "second_dup", "seen_at");
        List<Row> rows = t.rows(valid, "id");
        assertThat(rows).extracting(r -> r.getAs("cost_total"), r -> r.getAs("pct_done"), r -> r.getAs("prenom"),
                        r -> r.getAs("answer"), r -> r.getAs("blank_header"), r -> r.getAs("first_dup"),
                        r -> r.getAs("second_dup"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(new BigDecimal("1234.50"), 75, "Zoé", true, "x", "a", "b"),
                        org.assertj.core.groups.Tuple.tuple(new BigDecimal("12.50"), null, "Léa", false, null, "c",
                                "d"));
        assertThat(rows).extracting(r -> r.<java.sql.Timestamp>getAs("seen_at").toInstant().toString())
                .containsExactly("2024-07-01T10:00:00Z", "2024-07-01T12:00:00Z");

        Row rejected = t.table(t.lake.error("drop", "costs")).first();
        assertThat(rejected.<String>getAs("cost_total")).isEqualTo("1.23,4");
        assertThat(rejected.<String>getAs("seen_at")).isEqualTo("31/06/2024 12:00");
        assertThat(rejected.getList(rejected.fieldIndex("_errors"))).extracting(e -> ((Row) e).getString(2))
                .containsExactly("'1.23,4' is not a decimal(10,2) (expected plain notation, decimal separator ',', "
                                + "grouping separator '.', at most 2 decimal places, within ±99999999,99)",
                        "'31/06/2024 12:00' is not a timestamp in any of: dd/MM/yyyy HH:mm, epoch_seconds");
    }

    @Test
    void aReplayReadsTheErrorRowsByTheirSourceNames(SparkSession spark, @TempDir Path dir) {
        TestLake t = new TestLake(spark, dir).descriptor("drop.yaml", costs(""))
                .deliver("costs/day1.csv", FILE);
        assertThat(only(t.run("drop")).valid()).as("NA is not an int yet").isEqualTo(1);

        t.descriptor("drop.yaml", costs(", null_values: [NA]"));
        Sluice sluice = new Sluice(spark, dir, t.lake, Connectors.discover(getClass().getClassLoader()),
                name -> null, Clock.systemUTC(), Registrar.none());
        DatasetOutcome replayed = only(new ErrorReplay(sluice).replay(t.project(), "drop", "costs", Optional.empty()));

        assertThat(replayed.valid()).isEqualTo(1);
        assertThat(t.rows(t.lake.valid("drop", "costs"), "id")).extracting(r -> r.<Integer>getAs("id"))
                .containsExactly(1, 2);
    }

    @Test
    void sanitisedHeaderTextIsTheLakeName(SparkSession spark, @TempDir Path dir) {
        TestLake t = new TestLake(spark, dir).descriptor("drop.yaml", SOURCE + """
                kind: dataset
                name: costs
                source: drop
                extract: { path: "costs/*.csv", format: csv }
                column_names: sanitize
                drift: fail
                schema:
                  - { name: "Order ID", type: int }
                  - { name: "Cost Total $", type: "decimal(10,2)" }
                  - { name: "2024 %", type: int }
                """).deliver("costs/day1.csv", "Order ID,Cost Total $,2024 %\n7,1.50,3\n");

        assertThat(only(t.run("drop")).valid()).isEqualTo(1);

        Row row = t.table(t.lake.valid("drop", "costs")).first();
        assertThat(List.of(row.<Integer>getAs("order_id"), row.<BigDecimal>getAs("cost_total"),
                row.<Integer>getAs("c_2024"))).containsExactly(7, new BigDecimal("1.50"), 3);
    }
}
