package io.sluice.framework.land;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.EarlierBatch;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.framework.lake.LakeLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests written by every earlier version are read; version 4 round-trips a connector's per-file detail. */
class ManifestVersionsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    /** A version 3 manifest: the files connector's line marks in a field of their own. */
    private static final String VERSION_3 = """
            {
              "version" : 3, "runId" : "run-3", "source" : "shop", "dataset" : "orders",
              "runDate" : "2026-11-22", "landedAt" : "2026-11-22T10:00:00Z",
              "files" : [ {
                "origin" : "/landing/orders.csv", "path" : "file:/lake/raw/orders.csv", "size" : 120,
                "sha256" : "ab12", "records" : 7, "fields" : [ "id", "price" ],
                "marks" : [ { "offset" : 40, "records" : 3, "line" : 5 }, { "offset" : 80, "records" : 5, "line" : 7 } ]
              } ],
              "watermark" : null, "status" : "LANDED", "reason" : null,
              "attributes" : { "delivery" : "d1" }, "extent" : "INCREMENT"
            }
            """;

    /** A version 1 manifest: no status, attributes, extent or marks. */
    private static final String VERSION_1 = """
            {
              "version" : 1, "runId" : "run-1", "source" : "shop", "dataset" : "orders",
              "runDate" : "2026-11-21", "landedAt" : "2026-11-21T10:00:00Z",
              "files" : [ {
                "origin" : "/landing/old.csv", "path" : "file:/lake/raw/old.csv", "size" : 10,
                "sha256" : "cd34", "records" : 2, "fields" : [ "id" ]
              } ],
              "watermark" : "41"
            }
            """;

    @Test
    void aVersion3ManifestHandsItsLineMarksToTheConnectorAsTheirJsonText(@TempDir Path dir) throws IOException {
        RawZone raw = raw(dir);
        write(dir, "run-3", VERSION_3);

        Manifest manifest = raw.run("run-3").orElseThrow().manifest();

        LandedFile file = manifest.files().get(0);
        assertThat(file.records()).isEqualTo(7);
        assertThat(file.fields()).containsExactly("id", "price");
        assertThat(file.detail()).containsOnlyKeys("marks");
        assertThat(file.detail().get("marks")).isEqualTo("[{\"offset\":40,\"records\":3,\"line\":5},"
                + "{\"offset\":80,\"records\":5,\"line\":7}]");
        assertThat(raw.earlierBatches()).containsExactly(
                new EarlierBatch("run-3", LandedBatch.Status.LANDED, Map.of("delivery", "d1")));
    }

    @Test
    void aVersion1ManifestIsALandedIncrementWithoutDetail(@TempDir Path dir) throws IOException {
        RawZone raw = raw(dir);
        write(dir, "run-1", VERSION_1);

        Manifest manifest = raw.run("run-1").orElseThrow().manifest();

        assertThat(manifest.status()).isEqualTo(LandedBatch.Status.LANDED);
        assertThat(manifest.extent()).isEqualTo(LandedBatch.Extent.INCREMENT);
        assertThat(manifest.watermark()).contains("41");
        assertThat(manifest.files().get(0).detail()).isEmpty();
        assertThat(raw.lastWatermark()).contains("41");
    }

    @Test
    void theCurrentVersionKeepsAConnectorsDetailAsItWasHandedOver(@TempDir Path dir) {
        RawZone raw = raw(dir);
        LandedFile file = new LandedFile("/landing/a.csv", "file:/lake/raw/a.csv", 3, "ef56", 1, List.of("id"),
                Map.of("marks", "[]", "codec", "gzip"));
        Manifest written = new Manifest(Manifest.CURRENT_VERSION, "run-4", "shop", "orders", DAY,
                Instant.parse("2026-11-22T11:00:00Z"), List.of(file), Optional.empty());
        raw.writeManifest(raw.createRunFolder(DAY, "run-4"), written);

        Manifest read = raw.run("run-4").orElseThrow().manifest();

        assertThat(read).isEqualTo(written);
        assertThat(Manifest.CURRENT_VERSION).isEqualTo(4);
    }

    private static RawZone raw(Path dir) {
        return new RawZone(new LakeLayout(dir.resolve("lake").toString()), "shop", "orders", new Configuration());
    }

    private static void write(Path dir, String runId, String json) throws IOException {
        LakeLayout lake = new LakeLayout(dir.resolve("lake").toString());
        String runDate = runId.equals("run-1") ? "2026-11-21" : "2026-11-22";
        Path folder = Path.of(lake.rawRun("shop", "orders", LocalDate.parse(runDate), runId));
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(RawZone.MANIFEST), json, StandardCharsets.UTF_8);
    }
}
