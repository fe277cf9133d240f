package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.RunReport;
import io.sluice.compat.delta.DeltaTables;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, defect 7: without error.max_ratio, a run whose every row is rejected fails (it exited 0). */
@ExtendWith(SparkExtension.class)
class ErrorThresholdTest {
    private static final String DESCRIPTOR = """
            kind: source
            name: shop
            connector: files
            connection: { landing: landing }
            ---
            kind: dataset
            name: sales
            source: shop
            extract: { path: "sales/*.csv" }
            schema:
              - { name: id, type: int }
              - { name: sold_on, type: date, format: "dd/MM/yyyy" }
            %s
            """;

    /** Every date is written yyyy-MM-dd: the declared format is wrong and every row is rejected. */
    private static final String WRONG_FORMAT = """
            id,sold_on
            1,2026-11-01
            2,2026-11-02
            """;

    @Test
    void aRunWhoseEveryRowIsRejectedFailsByDefaultWithExit4AndPublishesNothingToValid(SparkSession spark,
                                                                                    @TempDir Path dir) {
        TestLake t = new TestLake(spark, dir).descriptor("shop.yaml", DESCRIPTOR.formatted(""))
                .deliver("sales/day1.csv", WRONG_FORMAT);

        RunReport report = t.run("shop");

        assertThat(report.exitCode()).isEqualTo(4);
        DatasetOutcome sales = report.datasets().get(0);
        assertThat(sales.status()).isEqualTo(DatasetOutcome.Status.THRESHOLD_EXCEEDED);
        assertThat(sales.message()).hasValueSatisfying(m -> assertThat(m).startsWith("shop.sales: 2 of 2 rows"
                + " rejected (100.00%), every row was rejected (without error.max_ratio a run fails when all its rows"
                + " are rejected; write error: { max_ratio: 1.0 } to accept that); nothing was published to valid."));
        assertThat(DeltaTables.exists(spark, t.lake.valid("shop", "sales"))).isFalse();
    }

    @Test
    void aRunWithSomeValidRowsPassesByDefault(SparkSession spark, @TempDir Path dir) {
        TestLake t = new TestLake(spark, dir).descriptor("shop.yaml", DESCRIPTOR.formatted(""))
                .deliver("sales/day1.csv", "id,sold_on\n1,01/11/2026\n2,2026-11-02\n");

        RunReport report = t.run("shop");

        assertThat(report.exitCode()).isZero();
        assertThat(report.datasets().get(0).valid()).isEqualTo(1);
        assertThat(report.datasets().get(0).error()).isEqualTo(1);
    }

    @Test
    void maxRatioOneAcceptsARunWhoseEveryRowIsRejected(SparkSession spark, @TempDir Path dir) {
        TestLake t = new TestLake(spark, dir).descriptor("shop.yaml", DESCRIPTOR.formatted("error: { max_ratio: 1.0 }"))
                .deliver("sales/day1.csv", WRONG_FORMAT);

        RunReport report = t.run("shop");

        assertThat(report.exitCode()).isZero();
        assertThat(report.datasets().get(0).status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
        assertThat(report.datasets().get(0).error()).isEqualTo(2);
    }
}
