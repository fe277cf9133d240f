package io.sluice.connector.feed;

import static io.sluice.connector.feed.FeedFixtures.NOW;
import static io.sluice.connector.feed.FeedFixtures.connector;
import static io.sluice.connector.feed.FeedFixtures.dataset;
import static io.sluice.connector.feed.FeedFixtures.digest;
import static io.sluice.connector.feed.FeedFixtures.map;
import static io.sluice.connector.feed.FeedFixtures.read;
import static io.sluice.connector.feed.FeedFixtures.target;
import static io.sluice.connector.feed.FeedFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.EarlierBatch;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.metadata.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion, checks and re-deliveries, without Spark. */
class FeedLandingTest {
    static final String SALES = "H|20261123\n1|1.25\n2|2.25\nT|2|3.50\n";

    static Map<String, Object> salesExtract(Object... overrides) {
        Map<String, Object> x = map("path", "sales", "files", "*.dat", "complete", "marker", "format", "delimited",
                "delimiter", "|", "header_records", 1, "header_pattern", "^H\\|(?<date>\\d{8})$",
                "trailer_records", 1, "trailer_pattern", "^T\\|(?<count>\\d+)\\|(?<total>[0-9.]+)$",
                "checks", map("record_count", "trailer", "control_total", map("column", "amount", "from", "trailer")));
        x.putAll(map(overrides));
        return x;
    }

    static DatasetSpec sales(Object... overrides) {
        return dataset("sales", salesExtract(overrides), "id", "amount");
    }

    static Path delivery(Path landing, String name, String sales) {
        Path folder = landing.resolve("sales").resolve(name);
        write(folder.resolve("sales.dat"), sales);
        write(folder.resolve("sales.done"), "");
        return folder;
    }

    @Test
    void deliveryWithoutMarkerWaits(@TempDir Path dir) throws Exception {
        Path landing = dir.resolve("landing");
        Path folder = delivery(landing, "20261123", SALES);
        Files.delete(folder.resolve("sales.done"));
        LandedBatch batch = connector(landing).bind(sales()).land(target(dir.resolve("raw")));
        assertThat(batch.status()).isEqualTo(LandedBatch.Status.WAITING);
        assertThat(batch.reason()).contains("delivery 20261123: waiting for a completion marker (*.done, *.fin,"
                + " *.ctl) since 2026-11-23T11:00:00Z");
        assertThat(batch.files()).isEmpty();
    }

    @Test
    void quietPeriodCompletesADeliveryThatStoppedChanging(@TempDir Path dir) throws Exception {
        Path landing = dir.resolve("landing");
        Path folder = delivery(landing, "20261123", SALES);
        Files.delete(folder.resolve("sales.done"));
        Files.setLastModifiedTime(folder.resolve("sales.dat"), FileTime.from(NOW.minusSeconds(300)));
        DatasetSpec quiet = sales("complete", "quiet", "quiet_period", "15m");
        LandedBatch early = connector(landing).bind(quiet).land(target(dir.resolve("raw1")));
        assertThat(early.reason()).contains("delivery 20261123: waiting for PT15M without change (last change"
                + " 2026-11-23T11:55:00Z, complete at 2026-11-23T12:10:00Z)");
        LandedBatch later = connector(landing, NOW.plusSeconds(600)).bind(quiet).land(target(dir.resolve("raw2")));
        assertThat(later.status()).isEqualTo(LandedBatch.Status.LANDED);
        assertThat(later.records()).isEqualTo(2);
    }

    @Test
    void uploadsInProgressAreNeverRead(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        Path folder = delivery(landing, "20261123", SALES);
        write(folder.resolve("more.dat.part"), "H|x\nbroken");
        write(folder.resolve("more.dat.tmp"), "H|x\nbroken");
        LandedBatch batch = connector(landing).bind(sales()).land(target(dir.resolve("raw")));
        assertThat(batch.status()).isEqualTo(LandedBatch.Status.LANDED);
        assertThat(batch.files()).extracting(LandedFile::origin)
                .containsExactly(folder.resolve("sales.dat").toString());
        LandedFile landed = batch.files().get(0);
        assertThat(landed.records()).isEqualTo(2);
        assertThat(landed.sha256()).isEqualTo(digest("SHA-256", SALES));
        assertThat(landed.fields()).containsExactly("id", "amount");
        assertThat(read(landed.path())).isEqualTo(SALES);
        assertThat(batch.attributes()).containsEntry("delivery", "20261123").containsEntry("version", "1");
        assertThat(dir.resolve("raw/_delivery/sales.done")).exists();
    }

    @Test
    void recordCountMismatchRejectsTheDeliveryKeepingItsFiles(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        delivery(landing, "20261123", SALES.replace("T|2|", "T|3|"));
        LandedBatch batch = connector(landing).bind(sales()).land(target(dir.resolve("raw")));
        assertThat(batch.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(batch.reason()).contains("delivery 20261123: sales.dat holds 2 records but its trailer says 3");
        assertThat(batch.files()).hasSize(1);
        assertThat(dir.resolve("raw/sales.dat")).exists();
        assertThat(batch.attributes()).containsEntry("delivery", "20261123").containsEntry("version", "1");
    }

    @Test
    void controlTotalMismatchRejects(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        delivery(landing, "20261123", SALES.replace("|3.50", "|10.00").replace("2|2.25", "2|"));
        LandedBatch batch = connector(landing).bind(sales()).land(target(dir.resolve("raw")));
        assertThat(batch.reason()).contains("delivery 20261123: the amount values of sales.dat sum to 1.25 but its"
                + " trailer says 10.00 (1 empty or non-numeric values left out)");
    }

    @Test
    void trailerThatDoesNotMatchItsPatternRejects(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        delivery(landing, "20261123", SALES.replace("T|2|3.50", "TRAILER"));
        LandedBatch batch = connector(landing).bind(sales()).land(target(dir.resolve("raw")));
        assertThat(batch.reason()).contains("delivery 20261123: the trailer of sales.dat ('TRAILER') does not match"
                + " trailer_pattern");
    }

    @Test
    void checksumMismatchFromTheManifestRejects(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        Path folder = delivery(landing, "20261123", SALES);
        String wrong = "0".repeat(32);
        write(folder.resolve("20261123.md5"), wrong + "  sales.dat\n");
        DatasetSpec checked = sales("manifest", "{delivery}.md5", "manifest_format", "sums");
        LandedBatch batch = connector(landing).bind(checked).land(target(dir.resolve("raw")));
        assertThat(batch.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(batch.reason()).contains("delivery 20261123: sales.dat has MD5 " + digest("MD5", SALES)
                + " but the manifest says " + wrong);
        write(folder.resolve("20261123.md5"), digest("MD5", SALES) + "  sales.dat\n");
        assertThat(connector(landing).bind(checked).land(target(dir.resolve("raw2"))).status())
                .isEqualTo(LandedBatch.Status.LANDED);
    }

    @Test
    void controlManifestGivesCountsTotalsAndSha256(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        Path folder = delivery(landing, "20261123", SALES);
        String sha = digest("SHA-256", SALES);
        write(folder.resolve("control.csv"), "file;records;total;sha256\nsales.dat;2;3.50;" + sha + "\n");
        Map<String, Object> checks = map("record_count", "manifest", "control_total", map("column", "amount",
                "from", "manifest"));
        DatasetSpec checked = sales("manifest", "control.csv", "manifest_delimiter", ";", "checks", checks);
        assertThat(connector(landing).bind(checked).land(target(dir.resolve("raw1"))).status())
                .isEqualTo(LandedBatch.Status.LANDED);
        write(folder.resolve("control.csv"), "file;records;total;sha256\nsales.dat;3;3.40;" + sha + "\n"
                + "extra.dat;1;1;\n");
        LandedBatch batch = connector(landing).bind(checked).land(target(dir.resolve("raw2")));
        assertThat(batch.reason()).contains("delivery 20261123: the manifest lists extra.dat but the delivery lacks"
                + " it; sales.dat holds 2 records but the manifest says 3; the amount values of sales.dat sum to 3.50"
                + " but the manifest says 3.40");
    }

    @Test
    void missingExpectedFileRejects(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        delivery(landing, "20261123", SALES);
        Map<String, Object> checks = map("expected_files", List.of("summary.txt", "sales.dat"));
        LandedBatch batch = connector(landing).bind(sales("checks", checks)).land(target(dir.resolve("raw")));
        assertThat(batch.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(batch.reason()).contains("delivery 20261123: expected file 'summary.txt' is missing");
    }

    @Test
    void identicalRedeliveryIsSkippedAndACorrectedOneIsANewVersion(@TempDir Path dir) throws Exception {
        Path landing = dir.resolve("landing");
        Path folder = delivery(landing, "20261123", SALES);
        DatasetSpec keep = sales("after_commit", "keep");
        LandedBatch first = connector(landing).bind(keep).land(target(dir.resolve("raw1")));
        assertThat(first.attributes()).containsEntry("version", "1");
        List<EarlierBatch> earlier = List.of(new EarlierBatch("run1", LandedBatch.Status.LANDED, first.attributes()));
        Set<String> landed = Set.of(first.files().get(0).sha256());

        LandedBatch untouched = connector(landing).bind(keep).land(target(dir.resolve("raw2"), landed, earlier));
        assertThat(untouched.isEmpty()).isTrue();
        assertThat(dir.resolve("raw2").toFile().list()).isEmpty();

        Files.setLastModifiedTime(folder.resolve("sales.dat"), FileTime.from(NOW.minusSeconds(60)));
        LandedBatch resent = connector(landing).bind(keep).land(target(dir.resolve("raw3"), landed, earlier));
        assertThat(resent.isEmpty()).isTrue();
        assertThat(dir.resolve("raw3").toFile().list()).isEmpty();

        write(folder.resolve("sales.dat"), SALES.replace("2|2.25", "2|2.35").replace("3.50", "3.60"));
        LandedBatch corrected = connector(landing).bind(keep).land(target(dir.resolve("raw4"), landed, earlier));
        assertThat(corrected.status()).isEqualTo(LandedBatch.Status.LANDED);
        assertThat(corrected.attributes()).containsEntry("delivery", "20261123").containsEntry("version", "2");
        assertThat(corrected.records()).isEqualTo(2);
    }

    @Test
    void oneDeliveryPerRunOldestFirst(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        delivery(landing, "20261124", SALES);
        delivery(landing, "20261123", SALES.replace("1|1.25", "1|1.15").replace("3.50", "3.40"));
        Path waiting = landing.resolve("sales/20261122");
        write(waiting.resolve("sales.dat"), SALES);
        LandedBatch batch = connector(landing).bind(sales()).land(target(dir.resolve("raw")));
        assertThat(batch.attributes()).containsEntry("delivery", "20261123");
    }
}
