package io.sluice.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.LineageDirection;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.RunStatus;
import io.sluice.catalog.Zone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes share one new SQLite catalog at once, as several {@code sluice run}s of one lake do: the
 * first-use migration races too. Nothing may be lost and no writer may fail with "database is locked".
 */
class SqliteConcurrencyTest {
    private static final int WRITERS = 4;
    private static final int ITERATIONS = 40;

    @TempDir
    Path dir;

    @Test
    void fourProcessesWriteOneCatalogAndNothingIsLost() throws Exception {
        String url = Catalogs.embeddedUrl(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            Path log = dir.resolve("writer-" + writer + ".log");
            processes.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                    "-cp", System.getProperty("java.class.path"), CatalogWriterMain.class.getName(), url,
                    String.valueOf(writer), String.valueOf(ITERATIONS))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        for (int writer = 0; writer < WRITERS; writer++) {
            // A safety net against a hung child, not a timing assertion.
            assertThat(processes.get(writer).waitFor(5, TimeUnit.MINUTES)).as("writer %d finished", writer).isTrue();
            String log = Files.readString(dir.resolve("writer-" + writer + ".log"));
            assertThat(processes.get(writer).exitValue()).as("writer %d exit code, log:%n%s", writer, log).isZero();
            assertThat(log).doesNotContainIgnoringCase("locked").doesNotContain("Exception");
        }

        try (Catalog catalog = Catalogs.open(url)) {
            for (int writer = 0; writer < WRITERS; writer++) {
                for (int i = 0; i < ITERATIONS; i++) {
                    AssetName valid = AssetName.of(Zone.VALID, "w" + writer, "ds" + i);
                    assertThat(catalog.find(valid)).as(valid.qualified()).isPresent();
                    List<RunRecord> runs = catalog.runs("w" + writer, "ds" + i, 10);
                    assertThat(runs).hasSize(1);
                    assertThat(runs.get(0).status()).isEqualTo(RunStatus.SUCCEEDED);
                    assertThat(runs.get(0).rows().valid()).isEqualTo(i);
                    assertThat(catalog.lineage(valid, LineageDirection.UPSTREAM)).hasSize(1);
                }
            }
            assertThat(catalog.runs("shared", "common", 10_000)).hasSize(WRITERS * ITERATIONS)
                    .allSatisfy(run -> assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED));
            assertThat(catalog.recentRuns(10_000)).hasSize(2 * WRITERS * ITERATIONS);
            assertThat(catalog.search("writer dataset", 10_000)).hasSize(WRITERS * ITERATIONS);
        }
    }
}
