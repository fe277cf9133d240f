package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.framework.fault.FaultPoints;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.RunReport;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose first attempt committed its valid and error rows and then failed before the run was marked
 * committed (here: a failure injected before the commit marker) is retried with a corrected descriptor: each of its records
 * must then be in valid or in error once, as the retry decides, never also where the first attempt put it.
 * Regression (issue 18): a retry refused by {@code error.max_ratio} left the first attempt's valid rows in valid
 * while the same records were in error.
 */
@ExtendWith(SparkExtension.class)
class RetriedRunTest {
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
              - { name: sold_on, type: date, format: "%s" }
            error: { max_ratio: %s }
            """;

    /** Two dates written dd/MM/yyyy, one yyyy-MM-dd. */
    private static final String SALES = "id,sold_on\n1,01/11/2026\n2,02/11/2026\n3,2026-11-03\n";

    private static TestLake firstAttemptCommittedThenFailed(SparkSession spark, Path dir) throws Exception {
        TestLake t = new TestLake(spark, dir).descriptor("shop.yaml", DESCRIPTOR.formatted("dd/MM/yyyy", "0.5"))
                .deliver("sales/day1.csv", SALES);
        RunReport first;
        try (AutoCloseable failing = FaultPoints.failOnceAt("publish.before-committed")) {
            first = t.run("shop");
        }

        assertThat(first.datasets().get(0).status()).isEqualTo(DatasetOutcome.Status.FAILED);
        // the first attempt's rows are committed, the run is not
        assertThat(t.table(t.lake.valid("shop", "sales")).count()).isEqualTo(2);
        assertThat(t.table(t.lake.error("shop", "sales")).count()).isEqualTo(1);
        return t;
    }

    @Test
    void aRetryRefusedByTheThresholdTakesTheFirstAttemptsRowsOutOfValid(SparkSession spark, @TempDir Path dir)
            throws Exception {
        TestLake t = firstAttemptCommittedThenFailed(spark, dir);
        // now two of the three rows are rejected: above max_ratio 0.5
        t.descriptor("shop.yaml", DESCRIPTOR.formatted("yyyy-MM-dd", "0.5"));

        RunReport retry = t.run("shop");

        assertThat(retry.datasets()).extracting(DatasetOutcome::status)
                .containsExactly(DatasetOutcome.Status.THRESHOLD_EXCEEDED);
        assertThat(t.table(t.lake.valid("shop", "sales")).count()).isZero();
        assertThat(ids(t.rows(t.lake.error("shop", "sales"), "id"))).containsExactly("1", "2");
    }

    @Test
    void aPublishedRetryHoldsEachRecordOnceWhereTheCorrectedDescriptorPutsIt(SparkSession spark, @TempDir Path dir)
            throws Exception {
        TestLake t = firstAttemptCommittedThenFailed(spark, dir);
        t.descriptor("shop.yaml", DESCRIPTOR.formatted("yyyy-MM-dd", "1.0"));

        RunReport retry = t.run("shop");

        assertThat(retry.exitCode()).isZero();
        assertThat(ids(t.rows(t.lake.valid("shop", "sales"), "id"))).containsExactly("3");
        assertThat(ids(t.rows(t.lake.error("shop", "sales"), "id"))).containsExactly("1", "2");
    }

    @Test
    void aRunRefusedByTheThresholdIsPublishedOnceTheThresholdIsRaised(SparkSession spark, @TempDir Path dir) {
        TestLake t = new TestLake(spark, dir).descriptor("shop.yaml", DESCRIPTOR.formatted("dd/MM/yyyy", "0.1"))
                .deliver("sales/day1.csv", SALES);
        assertThat(t.run("shop").exitCode()).isEqualTo(4);
        t.descriptor("shop.yaml", DESCRIPTOR.formatted("dd/MM/yyyy", "1.0"));

        RunReport retry = t.run("shop");

        assertThat(retry.exitCode()).as(retry.datasets().toString()).isZero();
        assertThat(ids(t.rows(t.lake.valid("shop", "sales"), "id"))).containsExactly("1", "2");
        assertThat(ids(t.rows(t.lake.error("shop", "sales"), "id"))).containsExactly("3");
    }

    private static List<String> ids(List<Row> rows) {
        return rows.stream().map(r -> String.valueOf(r.<Object>getAs("id"))).toList();
    }
}
