package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.report.RunStatus;
import io.sluice.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Partner deliveries through the whole run path: waiting, published, rejected, corrected, archived. */
@ExtendWith(SparkExtension.class)
class FeedPipelineTest {
    private static final String DESCRIPTORS = """
            kind: source
            name: partner
            connector: feed
            connection: { landing: landing }
            ---
            kind: dataset
            name: orders
            source: partner
            extract:
              path: orders
              files: "orders_*.txt"
              complete: marker
              format: fixed_width
              layout:
                - {name: order_id, start: 1, length: 4}
                - {name: amount, width: 6, implied_decimals: 2}
              trailer_records: 1
              trailer_pattern: '^TRL(?<count>\\d{3})$'
              checks: { record_count: trailer }
            schema:
              - {name: order_id, type: long, key: true}
              - {name: amount, type: "decimal(8,2)", min: 0}
            error: { max_ratio: 1.0 }
            """;

    private static void deliver(TestLake t, String delivery, String content, boolean complete) {
        t.deliver("orders/" + delivery + "/orders_1.txt", content);
        if (complete) {
            t.deliver("orders/" + delivery + "/" + delivery + ".done", "");
        }
    }

    private static List<Path> runFolders(Path dir) throws IOException {
        Path raw = dir.resolve("lake/raw/partner/orders");
        if (!Files.isDirectory(raw)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(raw, 2)) {
            return all.filter(p -> p.getFileName().toString().startsWith("run=")).sorted().toList();
        }
    }

    @Test
    void aDeliveryWaitsForItsMarkerThenPublishesAndIsArchived(SparkSession spark, @TempDir Path dir) throws IOException {
        TestLake t = new TestLake(spark, dir).descriptor("partner.yaml", DESCRIPTORS);
        deliver(t, "d1", "0001001250\n0002000075\nTRL002\n", false);

        RunReport waiting = t.run("partner");

        assertThat(waiting.status()).isEqualTo(RunStatus.DELIVERY_WAITING);
        assertThat(waiting.exitCode()).isEqualTo(5);
        assertThat(waiting.datasets().get(0).status()).isEqualTo(DatasetOutcome.Status.WAITING);
        assertThat(waiting.datasets().get(0).message().orElseThrow()).startsWith("delivery d1: waiting for a completion marker");
        assertThat(runFolders(dir)).isEmpty();

        deliver(t, "d1", "0001001250\n0002000075\nTRL002\n", true);
        RunReport published = t.run("partner");

        assertThat(published.exitCode()).isZero();
        DatasetOutcome outcome = published.datasets().get(0);
        assertThat(outcome.status()).isEqualTo(DatasetOutcome.Status.PUBLISHED);
        assertThat(outcome.valid()).isEqualTo(2);
        assertThat(outcome.message().orElseThrow()).contains("delivery d1", "version 1");
        assertThat(t.table(t.lake.valid("partner", "orders")).selectExpr("sum(amount)").first().getDecimal(0))
                .isEqualByComparingTo("13.25");
        assertThat(dir.resolve("landing/orders/d1")).doesNotExist();
        assertThat(dir.resolve("landing/_archive/orders/d1/orders_1.txt")).exists();
    }

    @Test
    void aDeliveryFailingItsCountIsKeptInRawUnpublishedAndItsCorrectionIsAVersionTwo(SparkSession spark,
                                                                                       @TempDir Path dir) throws IOException {
        TestLake t = new TestLake(spark, dir).descriptor("partner.yaml", DESCRIPTORS);
        deliver(t, "d2", "0003000100\nTRL002\n", true);

        RunReport rejected = t.run("partner");

        assertThat(rejected.exitCode()).isEqualTo(3);
        DatasetOutcome outcome = rejected.datasets().get(0);
        assertThat(outcome.status()).isEqualTo(DatasetOutcome.Status.REJECTED);
        assertThat(outcome.message().orElseThrow()).startsWith("delivery rejected: delivery d2: orders_1.txt holds 1 "
                + "records but its trailer says 2");
        List<Path> folders = runFolders(dir);
        assertThat(folders).hasSize(1);
        assertThat(folders.get(0).resolve("orders_1.txt")).exists();
        assertThat(Files.readString(folders.get(0).resolve("_manifest.json"))).contains("\"REJECTED\"");
        assertThat(dir.resolve("lake/valid/partner/orders")).doesNotExist();
        assertThat(dir.resolve("lake/error/partner/orders")).doesNotExist();

        deliver(t, "d2", "0003000100\n0004000200\nTRL002\n", true);
        RunReport corrected = t.run("partner");

        assertThat(corrected.exitCode()).isZero();
        assertThat(corrected.datasets().get(0).valid()).isEqualTo(2);
        assertThat(corrected.datasets().get(0).message().orElseThrow()).contains("delivery d2", "version 2");
        assertThat(runFolders(dir)).hasSize(2);
    }
}
