package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.RunReport;
import io.sluice.compat.delta.DeltaTables;
import io.sluice.testing.SparkExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, defect 2, with the real files connector: a UTF-16 file declared UTF-8 is refused at landing (exit 3),
 * and listed as still refused by later runs (which do not fail for it again); once the descriptor declares its encoding, the next run counts it again and publishes
 * its records exactly once (it was reported PUBLISHED 0 0 0, then NOTHING_NEW, and the records never arrived).
 */
@ExtendWith(SparkExtension.class)
class FilesRefusalRecoveryTest {
    private static final String DESCRIPTOR = """
            kind: source
            name: shop
            connector: files
            connection: { landing: landing }
            ---
            kind: dataset
            name: stock
            source: shop
            extract: { path: "stock/*.csv"%s }
            schema:
              - { name: sku, type: string }
              - { name: qty, type: int }
            """;

    @Test
    void aFileRefusedAtLandingIsPublishedOnceAfterItsEncodingIsDeclared(SparkSession spark, @TempDir Path dir)
            throws Exception {
        TestLake t = new TestLake(spark, dir).descriptor("shop.yaml", DESCRIPTOR.formatted(""));
        Path file = dir.resolve("landing/stock/day1.csv");
        Files.createDirectories(file.getParent());
        Files.write(file, "sku,qty\nA,1\nB,2\n".getBytes(StandardCharsets.UTF_16));

        for (int attempt = 0; attempt < 2; attempt++) {
            RunReport refused = t.run("shop");
            // the run that refuses it fails; the next lists it as still refused without failing again
            assertThat(refused.exitCode()).isEqualTo(attempt == 0 ? 3 : 0);
            assertThat(refused.datasets()).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(DatasetOutcome.Status.REJECTED);
                assertThat(o.message().orElseThrow()).contains("UTF-16 byte-order mark")
                        .contains("declare 'encoding: UTF-16'");
            });
            assertThat(DeltaTables.exists(spark, t.lake.valid("shop", "stock"))).isFalse();
        }

        t.descriptor("shop.yaml", DESCRIPTOR.formatted(", encoding: UTF-16"));
        RunReport fixed = t.run("shop");

        assertThat(fixed.exitCode()).isZero();
        assertThat(fixed.datasets()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
            assertThat(o.raw()).isEqualTo(2);
            assertThat(o.valid()).isEqualTo(2);
        });
        assertThat(t.rows(t.lake.valid("shop", "stock"), "sku")).extracting(r -> r.getString(0) + "=" + r.get(1))
                .containsExactly("A=1", "B=2");
        long version = t.version(t.lake.valid("shop", "stock"));

        RunReport again = t.run("shop");
        assertThat(again.exitCode()).isZero();
        assertThat(again.datasets()).singleElement().extracting(DatasetOutcome::status)
                .isEqualTo(DatasetOutcome.Status.NOTHING_NEW);
        assertThat(t.version(t.lake.valid("shop", "stock"))).isEqualTo(version);
    }
}
