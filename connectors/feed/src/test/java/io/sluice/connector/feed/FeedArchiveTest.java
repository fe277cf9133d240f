package io.sluice.connector.feed;

import static io.sluice.connector.feed.FeedFixtures.connector;
import static io.sluice.connector.feed.FeedFixtures.dataset;
import static io.sluice.connector.feed.FeedFixtures.map;
import static io.sluice.connector.feed.FeedFixtures.target;
import static io.sluice.connector.feed.FeedFixtures.write;
import static io.sluice.connector.feed.FeedLandingTest.SALES;
import static io.sluice.connector.feed.FeedLandingTest.delivery;
import static io.sluice.connector.feed.FeedLandingTest.sales;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedBatch;
import io.sluice.metadata.DatasetSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens to a delivery after its data is committed. */
class FeedArchiveTest {

    @Test
    void archiveMovesTheDeliveryOnceAndAgainIsHarmless(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        delivery(landing, "20261123", SALES);
        FeedConnector connector = connector(landing);
        DatasetSpec sales = sales();
        LandedBatch batch = connector.bind(sales).land(target(dir.resolve("raw")));
        connector.bind(sales).afterCommit(batch);
        assertThat(landing.resolve("sales/20261123")).doesNotExist();
        assertThat(landing.resolve("_archive/sales/20261123/sales.dat")).exists();
        assertThat(landing.resolve("_archive/sales/20261123/sales.done")).exists();
        connector.bind(sales).afterCommit(batch);
        assertThat(landing.resolve("_archive/sales/20261123.2")).doesNotExist();

        delivery(landing, "20261123", SALES.replace("1|1.25", "1|1.35").replace("3.50", "3.60"));
        LandedBatch corrected = connector.bind(sales).land(target(dir.resolve("raw2")));
        connector.bind(sales).afterCommit(corrected);
        assertThat(landing.resolve("_archive/sales/20261123.2/sales.dat")).exists();
    }

    @Test
    void rejectedDeliveriesAreArchivedToo(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        delivery(landing, "20261123", SALES.replace("T|2|", "T|9|"));
        FeedConnector connector = connector(landing);
        LandedBatch batch = connector.bind(sales()).land(target(dir.resolve("raw")));
        assertThat(batch.status()).isEqualTo(LandedBatch.Status.REJECTED);
        connector.bind(sales()).afterCommit(batch);
        assertThat(landing.resolve("_archive/sales/20261123/sales.dat")).exists();
    }

    @Test
    void deleteRemovesAndKeepLeavesTheDelivery(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        delivery(landing, "20261123", SALES);
        FeedConnector connector = connector(landing);
        DatasetSpec keep = sales("after_commit", "keep");
        connector.bind(keep).afterCommit(connector.bind(keep).land(target(dir.resolve("raw1"))));
        assertThat(landing.resolve("sales/20261123/sales.dat")).exists();
        DatasetSpec delete = sales("after_commit", "delete");
        connector.bind(delete).afterCommit(connector.bind(delete).land(target(dir.resolve("raw2"))));
        assertThat(landing.resolve("sales/20261123")).doesNotExist();
        assertThat(landing.resolve("_archive")).doesNotExist();
    }

    @Test
    void aDeliveryChangedSinceLandingStays(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        Path folder = delivery(landing, "20261123", SALES);
        FeedConnector connector = connector(landing);
        LandedBatch batch = connector.bind(sales()).land(target(dir.resolve("raw")));
        write(folder.resolve("sales.dat"), SALES + "more\n");
        connector.bind(sales()).afterCommit(batch);
        assertThat(folder.resolve("sales.dat")).exists();
    }

    @Test
    void filesSharingAFolderAreGroupedByNameAndArchivedTogether(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        write(landing.resolve("sales/sales_20261123.dat"), SALES);
        write(landing.resolve("sales/sales_20261123.fin"), "");
        write(landing.resolve("sales/sales_20261124.dat"), SALES);
        DatasetSpec stems = sales("delivery", "(?<delivery>sales_\\d{8})\\..*", "files", "{delivery}.dat");
        FeedConnector connector = connector(landing);
        LandedBatch batch = connector.bind(stems).land(target(dir.resolve("raw")));
        assertThat(batch.attributes()).containsEntry("delivery", "sales_20261123");
        connector.bind(stems).afterCommit(batch);
        assertThat(landing.resolve("_archive/sales/sales_20261123/sales_20261123.dat")).exists();
        assertThat(landing.resolve("_archive/sales/sales_20261123/sales_20261123.fin")).exists();
        assertThat(landing.resolve("sales/sales_20261124.dat")).exists();
        LandedBatch next = connector.bind(stems).land(target(dir.resolve("raw2")));
        assertThat(next.reason()).contains("delivery sales_20261124: waiting for a completion marker (*.done,"
                + " *.fin, *.ctl) since 2026-11-23T11:00:00Z");
    }

    @Test
    void aSharedDeliveryMovesWhenEveryDatasetCommittedIt(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        Path folder = landing.resolve("adobe/20261123");
        write(folder.resolve("hit_data.tsv"), "1\tfirefox\n");
        write(folder.resolve("browser.tsv"), "1\tFirefox\n");
        write(folder.resolve("20261123.done"), "");
        DatasetSpec hits = dataset("hits", map("path", "adobe", "files", "hit_data.tsv", "complete", "marker",
                "format", "adobe_tsv", "shared_with", List.of("browser")), "hit_id", "browser");
        DatasetSpec browser = dataset("browser", map("path", "adobe", "files", "browser.tsv", "complete", "marker",
                "format", "adobe_tsv", "shared_with", List.of("hits")), "id", "name");
        FeedConnector connector = connector(landing);
        connector.bind(hits).afterCommit(connector.bind(hits).land(target(dir.resolve("raw1"))));
        assertThat(folder.resolve("browser.tsv")).exists();
        LandedBatch lookups = connector.bind(browser).land(target(dir.resolve("raw2")));
        assertThat(lookups.records()).isEqualTo(1);
        connector.bind(browser).afterCommit(lookups);
        assertThat(folder).doesNotExist();
        assertThat(landing.resolve("_archive/adobe/20261123/hit_data.tsv")).exists();
        assertThat(landing.resolve("adobe/_sluice_commits/20261123")).doesNotExist();
    }
}
