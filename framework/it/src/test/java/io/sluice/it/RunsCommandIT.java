package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice runs list|retry|discard} end to end: a run that failed to publish (error threshold) is listed as
 * failed with its reason, is retried by command after the descriptor is fixed, and arrives once; the errors an
 * operator can make exit 64 with one line that says what to do.
 */
class RunsCommandIT {
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

    @Test
    void aFailedRunIsListedRetriedAfterTheFixAndRefusedWhenThereIsNothingToRetry(@TempDir Path dir) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("sluice.yaml"), BadInputCorpusIT.SETTINGS);
        Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(project.resolve("descriptors/shop.yaml"), DESCRIPTORS.formatted("0.1"));
        Files.createDirectories(project.resolve("landing/orders"));
        Files.writeString(project.resolve("landing/orders/day1.csv"), "order_id,qty\n1,1\n2,0\n3,2\n");
        String p = project.toString();
        String[] target = {"--project", p, "--source", "shop", "--dataset", "orders"};

        Cli.Result run = Cli.run("run", "--project", p, "--source", "shop", "--run-date", "2026-11-22");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(4);

        Cli.Result list = Cli.run(concat(new String[] {"runs", "list", "--json"}, target));
        assertThat(list.exitCode()).as(list.all()).isZero();
        JsonNode runs = new ObjectMapper().readTree(list.out());
        assertThat(runs).hasSize(1);
        String runId = runs.get(0).get("runId").asText();
        assertThat(runs.get(0).get("state").asText()).isEqualTo("failed");
        assertThat(runs.get(0).get("records").asLong()).isEqualTo(3);
        assertThat(runs.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(runs.get(0).get("reason").asText()).contains("above error.max_ratio");

        Cli.Result table = Cli.run(concat(new String[] {"runs", "list"}, target));
        assertThat(table.out()).as(table.all()).contains(runId).contains("failed").contains("above error.max_ratio");

        Files.writeString(project.resolve("descriptors/shop.yaml"), DESCRIPTORS.formatted("1.0"));
        Cli.Result retry = Cli.run(concat(new String[] {"runs", "retry", "--run", runId}, target));
        assertThat(retry.exitCode()).as(retry.all()).isZero();
        assertThat(retry.out()).contains("PUBLISHED").contains("run " + runId + " (landed earlier)");

        Cli.Result again = Cli.run(concat(new String[] {"runs", "retry", "--run", runId}, target));
        assertThat(again.exitCode()).as(again.all()).isEqualTo(64);
        assertThat(again.err().strip()).isEqualTo("shop.orders: run " + runId + " is already published; nothing to retry");

        Cli.Result unknown = Cli.run(concat(new String[] {"runs", "discard", "--run", "nope", "--reason", "x"}, target));
        assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(64);
        assertThat(unknown.err()).contains("shop.orders has no landed run 'nope'")
                .contains("sluice runs list --source shop --dataset orders");

        Cli.Result rerun = Cli.run("run", "--project", p, "--source", "shop", "--run-date", "2026-11-23");
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(rerun.out()).contains("NOTHING_NEW");
        Cli.Result published = Cli.run(concat(new String[] {"runs", "list"}, target));
        assertThat(published.out()).as(published.all()).contains("published");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
