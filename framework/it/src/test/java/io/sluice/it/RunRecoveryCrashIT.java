package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.framework.spark.SparkSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run states are crash-safe: {@code sluice run} killed (SIGKILL) just before it records a failed run, and the
 * retry after the fix killed just before its commit marker and while writing the state file, end where an
 * uninterrupted history ends: the run published once, the same rows in valid and error, no temporary file left.
 */
class RunRecoveryCrashIT {
    private static final String DESCRIPTORS = """
            kind: source
            name: shop
            connector: files
            connection: { landing: landing }
            ---
            kind: dataset
            name: orders
            source: shop
            extract: { path: "orders/*.csv", format: csv }
            schema:
              - { name: order_id, type: long, key: true }
              - { name: qty, type: int, min: 1 }
            error: { max_ratio: %s }
            """;
    private static final String DAY1 = "order_id,qty\n1,1\n2,0\n3,2\n";

    @Test
    void aRunKilledWhileRecordingOrRetryingAFailureEndsAsIfNothingHappened(@TempDir Path dir) throws IOException {
        SluiceProcess cli = new SluiceProcess(Files.createDirectories(dir.resolve("logs")));

        Path reference = project(dir.resolve("reference"));
        assertThat(cli.run(Map.of(), run(reference)).exitCode()).isEqualTo(4);
        fix(reference);
        assertThat(cli.run(Map.of(), run(reference)).exitCode()).isZero();

        Path killed = project(dir.resolve("killed"));
        assertThat(cli.runUntilKilled("attempt.before-failed-state", Map.of(), run(killed)).killed()).isTrue();
        assertThat(state(cli, killed)).isEqualTo("landed");
        // the state file itself, killed before its rename: the next run reads no half-written state
        assertThat(cli.runUntilKilled("atomic-write.before-rename#1", Map.of(), run(killed)).killed()).isTrue();
        try (Stream<Path> files = Files.walk(killed.resolve("lake/raw"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("._state.json.tmp");
        }
        assertThat(state(cli, killed)).isEqualTo("landed");
        assertThat(cli.run(Map.of(), run(killed)).exitCode()).isEqualTo(4);
        assertThat(state(cli, killed)).isEqualTo("failed");
        fix(killed);
        assertThat(cli.runUntilKilled("publish.before-committed", Map.of(), run(killed)).killed()).isTrue();
        SluiceProcess.Result finished = cli.run(Map.of(), run(killed));
        assertThat(finished.exitCode()).as(finished.all()).isZero();
        assertThat(state(cli, killed)).isEqualTo("published");

        SparkSession spark = SparkSessions.create("compare", "local[1]", Map.of("spark.sql.shuffle.partitions", "1"));
        try {
            for (String zone : List.of("valid", "error")) {
                assertThat(rows(spark, killed, zone)).as(zone).isEqualTo(rows(spark, reference, zone));
            }
            assertThat(rows(spark, killed, "valid")).hasSize(2);
            assertThat(rows(spark, killed, "error")).hasSize(1);
        } finally {
            spark.stop();
        }
        try (Stream<Path> files = Files.walk(killed.resolve("lake/raw"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private static Path project(Path p) throws IOException {
        Files.createDirectories(p.resolve("descriptors"));
        Files.writeString(p.resolve("sluice.yaml"), BadInputCorpusIT.SETTINGS);
        Files.writeString(p.resolve("descriptors/shop.yaml"), DESCRIPTORS.formatted("0.1"));
        Files.createDirectories(p.resolve("landing/orders"));
        Files.writeString(p.resolve("landing/orders/day1.csv"), DAY1);
        return p;
    }

    private static void fix(Path p) throws IOException {
        Files.writeString(p.resolve("descriptors/shop.yaml"), DESCRIPTORS.formatted("1.0"));
    }

    private static String[] run(Path p) {
        return new String[] {"run", "--project", p.toString(), "--source", "shop", "--run-date", "2026-11-22"};
    }

    /** The only run's state, as {@code sluice runs list --json} gives it. */
    private static String state(SluiceProcess cli, Path p) throws IOException {
        SluiceProcess.Result list = cli.run(Map.of(), "runs", "list", "--json", "--project", p.toString(),
                "--source", "shop", "--dataset", "orders");
        assertThat(list.exitCode()).as(list.all()).isZero();
        JsonNode runs = new ObjectMapper().readTree(list.out());
        assertThat(runs).hasSize(1);
        return runs.get(0).get("state").asText();
    }

    private static List<String> rows(SparkSession spark, Path project, String zone) {
        return spark.read().format("delta").load(project.resolve("lake").resolve(zone).resolve("shop/orders").toString())
                .drop("_run_id", "_ingested_at", "_source_file").toJSON().collectAsList().stream().sorted().toList();
    }
}
