package io.sluice.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.cli.Main;
import io.sluice.connector.storage.Storages;
import io.sluice.framework.spark.SparkSessions;
import io.sluice.metadata.ProjectConfig;
import io.sluice.testing.ProjectCopies;
import io.sluice.testing.azure.Azurite;
import io.sluice.testing.azure.AzuriteExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example lake once on local disk and once with its root on {@code abfs://} (a real Azurite blob service,
 * through hadoop-azure), through the real command line: land, validate, publish, MERGE, refine. The valid, error
 * and refined tables must hold the same rows. The abfs run is a separate JVM given the account key as a secret
 * reference, as in production, and it must exit by itself once done (ABFS threads otherwise keep it alive).
 */
@ExtendWith(AzuriteExtension.class)
class AbfsExampleIT {
    private static final Path EXAMPLE = Path.of("retail").toAbsolutePath();
    private static final List<String> TABLES = List.of("valid/dealer_files/stores", "valid/dealer_files/inventory",
            "valid/dealer_files/web_events", "error/dealer_files/stores", "error/dealer_files/inventory",
            "error/dealer_files/web_events", "refined/stock_by_region");
    private static final Map<String, String> SECRETS = Map.of("SLUICE_SECRET_AZURITE_KEY", Azurite.KEY);

    private static Path copyExample(Path project) throws IOException {
        return ProjectCopies.withoutLake(EXAMPLE, project);
    }

    private static String sluiceYaml(Azurite azurite, String lake) {
        StringBuilder yaml = new StringBuilder("lake: ").append(lake).append("\n")
                .append("descriptors: descriptors\n")
                .append("spark:\n  master: \"local[2]\"\n")
                .append("azure:\n  accounts:\n")
                .append("    ").append(Azurite.ACCOUNT).append(": { auth: account-key, key: \"${secret:azurite_key}\" }\n")
                .append("  hadoop:\n");
        azurite.emulatorConf().forEach((k, v) -> yaml.append("    ").append(k).append(": \"").append(v).append("\"\n"));
        return yaml.toString();
    }

    /** {@code sluice <args>} in a new JVM with this test's class path and JVM flags, plus {@code environment}. */
    private static Process sluiceProcess(Path log, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** A table's rows, sorted, without what differs between two runs by nature (run id, times, lake paths). */
    private static List<String> rows(SparkSession spark, String table) {
        Dataset<Row> df = spark.read().format("delta").load(table).drop("_run_id", "_ingested_at");
        if (Arrays.asList(df.columns()).contains("_source_file")) {
            df = df.withColumn("_source_file", regexp_extract(col("_source_file"), "[^/]*$", 0));
        }
        // sorted here: Spark cannot order by the map columns (_rescued)
        return df.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void theExampleLakeHoldsTheSameTablesOnLocalDiskAndOnAbfs(@TempDir Path dir, Azurite azurite) throws Exception {
        Path remote = copyExample(dir.resolve("abfs"));
        String lake = azurite.uri("retail", "lake");
        Files.writeString(remote.resolve("sluice.yaml"), sluiceYaml(azurite, lake));
        Path report = dir.resolve("abfs-report.json");
        Path log = dir.resolve("abfs-run.log");
        // the abfs run's JVM works while this one makes the local run: the two lakes share nothing, and a small
        // run waits on latency (JVM and Spark start-up, job scheduling) more than it uses the cores
        Process run = sluiceProcess(log, SECRETS, "run", "--project", remote.toString(), "--source", "dealer_files",
                "--run-date", "2026-11-22", "--report", report.toString());

        Path local = copyExample(dir.resolve("local"));
        StringWriter out = new StringWriter();
        int localExit = Main.execute(new String[] {"run", "--project", local.toString(), "--source", "dealer_files",
                "--run-date", "2026-11-22"}, new PrintWriter(out, true), new PrintWriter(out, true));
        assertThat(localExit).as(out.toString()).isZero();

        // the comparison's session starts and reads the local lake while the abfs run still works
        ProjectConfig config = Storages.loadProject(remote, SECRETS::get, getClass().getClassLoader());
        SparkSession spark = SparkSessions.create("compare lakes", "local[2]", config.sparkConf());
        try {
            Map<String, List<String>> onDisk = new LinkedHashMap<>();
            for (String table : TABLES) {
                onDisk.put(table, rows(spark, local.resolve("lake").resolve(table).toString()));
            }

            boolean exited = run.waitFor(10, TimeUnit.MINUTES);
            if (!exited) {
                run.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exited).as("the abfs run's JVM did not exit by itself:\n" + output).isTrue();
            assertThat(run.exitValue()).as(output).isZero();
            assertThat(output).contains("refined.stock_by_region", "SUCCEEDED (exit 0)");

            JsonNode json = new ObjectMapper().readTree(report.toFile());
            for (JsonNode d : json.get("datasets")) {
                assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("PUBLISHED");
            }
            assertThat(json.get("refined").get(0).get("status").asText()).isEqualTo("WRITTEN");
            assertThat(remote.resolve("lake")).doesNotExist();
            assertThat(remote.resolve(".sluice/catalog.db")).isRegularFile();

            assertThat(new org.apache.hadoop.fs.Path(lake).getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .getClass().getSimpleName()).isEqualTo("AzureBlobFileSystem");
            for (String table : TABLES) {
                assertThat(onDisk.get(table)).as(table).isNotEmpty();
                assertThat(rows(spark, lake + "/" + table)).as(table).isEqualTo(onDisk.get(table));
            }
        } finally {
            run.destroyForcibly();
            spark.stop();
        }
    }
}
