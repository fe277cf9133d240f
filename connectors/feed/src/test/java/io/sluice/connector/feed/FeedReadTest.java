package io.sluice.connector.feed;

import static io.sluice.connector.feed.FeedFixtures.connector;
import static io.sluice.connector.feed.FeedFixtures.dataset;
import static io.sluice.connector.feed.FeedFixtures.digest;
import static io.sluice.connector.feed.FeedFixtures.map;
import static io.sluice.connector.feed.FeedFixtures.target;
import static io.sluice.connector.feed.FeedFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.RawColumns;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.SparkExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Landed deliveries read back with Spark, as the framework's validation reads them. */
@ExtendWith(SparkExtension.class)
class FeedReadTest {
    /** Three hits: an escaped tab, an escaped newline, escaped backslashes, and a record with a missing field. */
    static final String HITS = "1\tMozilla\\\tFirefox\tline one\\\nline two\tC:\\\\temp\\\\\n"
            + "2\tSafari\t\t\\\\\n"
            + "3\tbroken\n";
    static final String HEADERS = "hit_id\tuser_agent\tpage_event_var1\tpath\n";
    static final String BROWSER = "1\tFirefox\n2\tSafari\n";

    private static List<String> values(Row row) {
        return Arrays.stream(row.schema().fieldNames()).map(f -> row.get(row.fieldIndex(f)))
                .map(v -> v == null ? null : v.toString()).toList();
    }

    @Test
    void fixedWidthWithImpliedDecimalsTrimmingAndControlRecords(SparkSession spark, @TempDir Path dir) {
        Path landing = dir.resolve("landing");
        String data = "HDR20261123\n" + "0001 Anna 001234\n" + "0002      -00050\n" + "0003Bob\n" + "TRL000003001184\n";
        write(landing.resolve("orders/20261123/orders.txt"), data);
        write(landing.resolve("orders/20261123/orders.ctl"), "");
        DatasetSpec orders = dataset("orders", map("path", "orders", "files", "orders.txt", "complete", "marker",
                "format", "fixed_width", "layout", List.of(map("name", "id", "width", 4),
                        map("name", "name", "width", 6), map("name", "amount", "width", 6, "implied_decimals", 2)),
                "header_records", 1, "trailer_records", 1,
                "trailer_pattern", "^TRL(?<count>\\d{6})(?<total>\\d{6})$",
                "checks", map("record_count", "trailer", "control_total", map("column", "amount", "from", "trailer",
                        "implied_decimals", 2))));
        FeedConnector connector = connector(landing);
        LandedBatch batch = connector.bind(orders).land(target(dir.resolve("raw")));
        assertThat(batch.status()).isEqualTo(LandedBatch.Status.LANDED);
        List<Row> rows = connector.bind(orders).read(spark, batch).orderBy(RawColumns.LINE).collectAsList();
        assertThat(rows.get(0).schema().fieldNames()).containsExactly("id", "name", "amount",
                RawColumns.SOURCE_FILE, RawColumns.LINE, RawColumns.CORRUPT_RECORD);
        assertThat(rows).extracting(FeedReadTest::values).containsExactly(
                Arrays.asList("0001", "Anna", "12.34", "orders.txt", "2", null),
                Arrays.asList("0002", null, "-0.50", "orders.txt", "3", null),
                Arrays.asList("0003", "Bob", null, "orders.txt", "4", "0003Bob"));
    }

    @Test
    void delimitedRecordsSkipHeaderAndTrailer(SparkSession spark, @TempDir Path dir) {
        Path landing = dir.resolve("landing");
        FeedLandingTest.delivery(landing, "20261123", "H|20261123\n1|1.25\n\n2|2.25|x\nT|2|3.50\n");
        DatasetSpec sales = FeedLandingTest.sales("checks", map("record_count", "trailer"));
        FeedConnector connector = connector(landing);
        LandedBatch batch = connector.bind(sales).land(target(dir.resolve("raw")));
        assertThat(batch.status()).isEqualTo(LandedBatch.Status.LANDED);
        List<Row> rows = connector.bind(sales).read(spark, batch).orderBy(RawColumns.LINE).collectAsList();
        assertThat(rows).extracting(FeedReadTest::values).containsExactly(
                Arrays.asList("1", "1.25", "sales.dat", "2", null),
                Arrays.asList("2", "2.25", "sales.dat", "4", "2|2.25|x"));
    }

    @Test
    void adobeBundleWithManifestColumnHeadersAndLookups(SparkSession spark, @TempDir Path dir) {
        Path landing = dir.resolve("landing");
        Path folder = landing.resolve("adobe/report_2026-11-23");
        write(folder.resolve("hit_data.tsv"), HITS);
        write(folder.resolve("column_headers.tsv"), HEADERS);
        write(folder.resolve("browser.tsv"), BROWSER);
        write(folder.resolve("report_2026-11-23.txt"), manifest(3));
        DatasetSpec hits = dataset("hits", map("path", "adobe", "files", "hit_data.tsv", "complete", "manifest",
                "manifest", "{delivery}.txt", "manifest_format", "adobe", "format", "adobe_tsv",
                "column_headers", "column_headers.tsv", "checks", map("record_count", "manifest",
                        "expected_files", List.of("column_headers.tsv")), "after_commit", "keep"));
        DatasetSpec browser = dataset("browser", map("path", "adobe", "files", "browser.tsv", "complete",
                "manifest", "manifest", "{delivery}.txt", "manifest_format", "adobe", "format", "adobe_tsv",
                "after_commit", "keep"), "browser_id", "browser_name");
        FeedConnector connector = connector(landing);

        LandedBatch batch = connector.bind(hits).land(target(dir.resolve("raw1")));
        assertThat(batch.status()).isEqualTo(LandedBatch.Status.LANDED);
        assertThat(batch.files().get(0).fields()).containsExactly("hit_id", "user_agent", "page_event_var1", "path");
        assertThat(dir.resolve("raw1/_delivery/report_2026-11-23.txt")).exists();
        List<Row> rows = connector.bind(hits).read(spark, batch).orderBy(RawColumns.LINE).collectAsList();
        assertThat(rows).extracting(FeedReadTest::values).containsExactly(
                Arrays.asList("1", "Mozilla\tFirefox", "line one\nline two", "C:\\temp\\", "hit_data.tsv", "1", null),
                Arrays.asList("2", "Safari", null, "\\", "hit_data.tsv", "3", null),
                Arrays.asList("3", "broken", null, null, "hit_data.tsv", "4", "3\tbroken"));

        LandedBatch lookups = connector.bind(browser).land(target(dir.resolve("raw2")));
        assertThat(connector.bind(browser).read(spark, lookups).collectAsList()).extracting(FeedReadTest::values)
                .containsExactlyInAnyOrder(Arrays.asList("1", "Firefox", "browser.tsv", "1", null),
                        Arrays.asList("2", "Safari", "browser.tsv", "2", null));

        write(folder.resolve("report_2026-11-23.txt"), manifest(4));
        LandedBatch wrong = connector.bind(hits).land(target(dir.resolve("raw3")));
        assertThat(wrong.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(wrong.reason()).contains("delivery report_2026-11-23: hit_data.tsv holds 3 records but the"
                + " manifest says 4; the data files hold 3 records but the manifest's Total-Records says 4");
    }

    @Test
    void adobeChecksumMismatchRejects(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        Path folder = landing.resolve("adobe/report_2026-11-23");
        write(folder.resolve("hit_data.tsv"), HITS);
        write(folder.resolve("column_headers.tsv"), HEADERS);
        write(folder.resolve("browser.tsv"), BROWSER);
        write(folder.resolve("report_2026-11-23.txt"), manifest(3).replace(digest("MD5", HITS), "0".repeat(32)));
        DatasetSpec hits = dataset("hits", map("path", "adobe", "files", "hit_data.tsv", "complete", "manifest",
                "manifest", "{delivery}.txt", "manifest_format", "adobe", "format", "adobe_tsv",
                "column_headers", "column_headers.tsv"));
        LandedBatch batch = connector(landing).bind(hits).land(target(dir.resolve("raw")));
        assertThat(batch.reason()).contains("delivery report_2026-11-23: hit_data.tsv has MD5 " + digest("MD5", HITS)
                + " but the manifest says " + "0".repeat(32));
    }

    static String manifest(int records) {
        return "Datafeed-Manifest-Version: 1.0\n\tLookup-Files: 1\n\tData-Files: 1\n\tTotal-Records: " + records
                + "\n\nLookup-File: browser.tsv\n\tMD5-Digest: " + digest("MD5", BROWSER) + "\n\tFile-Size: "
                + BROWSER.getBytes(StandardCharsets.UTF_8).length
                + "\n\nData-File: hit_data.tsv\n\tMD5-Digest: " + digest("MD5", HITS) + "\n\tFile-Size: "
                + HITS.getBytes(StandardCharsets.UTF_8).length + "\n\tRecord-Count: " + records + "\n";
    }
}
