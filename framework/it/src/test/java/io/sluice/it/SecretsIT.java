package io.sluice.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.jdbc.PostgresExtension;
import io.sluice.connector.jdbc.PostgresServer;
import io.sluice.framework.spark.SparkSessions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs sources whose password is a {@code ${secret:…}} (handed over as {@code SLUICE_SECRET_*}) and a project
 * whose {@code sluice.yaml} holds an {@code ${env:…}} value, at debug log level, and then looks for those values
 * everywhere a run leaves text: the processes' output and logs, run reports, raw manifests, Delta logs, the valid
 * and error tables' rows, and the catalog database. A value known to be in the data is found by the same scan,
 * so the scan itself is shown to work.
 */
@ExtendWith(PostgresExtension.class)
class SecretsIT {
    @Test
    void secretValuesAppearInNoLogReportTableManifestOrCatalog(PostgresServer pg, @TempDir Path dir) throws IOException {
        String token = "tok-" + UUID.randomUUID();
        String password = pg.password();
        pg.execute("DROP TABLE IF EXISTS accounts; CREATE TABLE accounts (id int, email text, tier text);"
                + " INSERT INTO accounts VALUES (1, 'ann@example.com', 'gold'), (2, 'bob-at-example.com', 'gold'),"
                + " (3, 'cy@example.com', 'tin')");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(project.resolve("sluice.yaml"), """
                lake: lake
                spark:
                  master: "local[2]"
                  conf: { spark.sql.shuffle.partitions: "1", spark.sluice.it.token: "${env:SLUICE_IT_TOKEN}" }
                """);
        Files.writeString(project.resolve("descriptors/crm.yaml"), """
                kind: source
                name: crm
                connector: jdbc
                connection: { url: "${env:CRM_URL}", user: "${env:CRM_USER}", password: "${secret:crm_pg}" }
                ---
                kind: dataset
                name: accounts
                source: crm
                extract: { table: accounts }
                schema:
                  - { name: id, type: int, key: true }
                  - { name: email, type: string, pattern: "^[^@]+@[^@]+$" }
                  - { name: tier, type: string, allowed: [gold, silver] }
                valid: { mode: merge }
                error: { max_ratio: 0.9 }
                ---
                kind: source
                name: leaky
                connector: jdbc
                connection:
                  url: "jdbc:postgresql://127.0.0.1:%d/postgres?connectTimeout=3&password=${secret:crm_pg}"
                  user: "${env:CRM_USER}"
                  password: "${secret:crm_pg}"
                ---
                kind: dataset
                name: things
                source: leaky
                extract: { table: things }
                schema:
                  - { name: id, type: int, key: true }
                """.formatted(closed));
        Map<String, String> env = Map.of("CRM_URL", pg.url(), "CRM_USER", pg.user(), "SLUICE_SECRET_CRM_PG", password,
                "SLUICE_IT_TOKEN", token, "SLUICE_LOG_LEVEL", "debug");
        SluiceProcess cli = new SluiceProcess(Files.createDirectories(dir.resolve("logs")));

        Path report = dir.resolve("report.json");
        SluiceProcess.Result good = cli.run(env, "run", "--project", project.toString(), "--source", "crm",
                "--run-date", "2026-11-22", "--report", report.toString());
        assertThat(good.exitCode()).as(good.all()).isZero();
        SluiceProcess.Result bad = cli.run(env, "run", "--project", project.toString(), "--source", "leaky",
                "--run-date", "2026-11-22");
        assertThat(bad.exitCode()).as(bad.all()).isEqualTo(3);
        assertThat(bad.out()).contains("source 'leaky' is unreachable at jdbc:postgresql://127.0.0.1:" + closed);
        SluiceProcess.Result show = cli.run(env, "catalog", "show", "crm.accounts", "--project", project.toString());
        assertThat(show.exitCode()).as(show.all()).isZero();

        List<String> texts = new ArrayList<>();
        for (SluiceProcess.Result r : List.of(good, bad, show)) {
            texts.add(r.out());
            texts.add(r.err());
        }
        texts.add(Files.readString(report, StandardCharsets.UTF_8));
        Path lake = project.resolve("lake");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("reports, manifests, Delta logs and the catalog database are scanned")
                .anyMatch(p -> p.toString().contains("_sluice/reports/"))
                .anyMatch(p -> p.getFileName().toString().equals("_manifest.json"))
                .anyMatch(p -> p.toString().contains("_delta_log"))
                .anyMatch(p -> p.getFileName().toString().startsWith("catalog.db"));
        List<String> tableRows = tableRows(lake);

        for (String secret : List.of(password, token)) {
            for (String text : texts) {
                assertThat(text).doesNotContain(secret);
            }
            for (Path file : files) {
                assertThat(containsBytes(file, secret)).as("%s holds a secret value", dir.relativize(file)).isFalse();
            }
            assertThat(tableRows).noneMatch(row -> row.contains(secret));
        }
        // the scans are able to find what is there: a rejected value in the error table and the catalog file
        assertThat(tableRows).anyMatch(row -> row.contains("bob-at-example.com"));
        assertThat(files).anyMatch(f -> f.getFileName().toString().startsWith("catalog.db") && containsBytes(f, "accounts"));
        assertThat(good.err()).as("the run logged at its most verbose").contains("INFO  DatasetPublisher");
    }

    private static boolean containsBytes(Path file, String text) {
        try {
            byte[] content = Files.readAllBytes(file);
            byte[] needle = text.getBytes(StandardCharsets.UTF_8);
            outer:
            for (int i = 0; i <= content.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (content[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every row of the valid and error tables as JSON: Parquet pages are compressed, so their bytes prove nothing. */
    private static List<String> tableRows(Path lake) {
        SparkSession spark = SparkSessions.create("sluice-it secrets", "local[2]", Map.of("spark.sql.shuffle.partitions", "1"));
        try {
            List<String> rows = new ArrayList<>();
            for (String zone : List.of("valid", "error")) {
                Path table = lake.resolve(zone).resolve("crm").resolve("accounts");
                assertThat(table.resolve("_delta_log")).isDirectory();
                var df = spark.read().format("delta").load(table.toString());
                rows.addAll(df.select(to_json(struct(java.util.Arrays.stream(df.columns()).map(c -> col(c))
                        .toArray(org.apache.spark.sql.Column[]::new)))).as(Encoders.STRING()).collectAsList());
            }
            return rows;
        } finally {
            spark.stop();
        }
    }
}
