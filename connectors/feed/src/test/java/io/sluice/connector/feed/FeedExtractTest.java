package io.sluice.connector.feed;

import static io.sluice.connector.feed.FeedFixtures.dataset;
import static io.sluice.connector.feed.FeedFixtures.map;
import static io.sluice.connector.feed.FeedLandingTest.salesExtract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.Connectors;
import io.sluice.connector.FixedWidthLayout;
import io.sluice.metadata.DescriptorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding of the connection and extract blocks, with descriptor lines in every message. */
class FeedExtractTest {

    static FeedExtract bind(Map<String, Object> extract, String... columns) {
        return FeedExtract.bind(dataset("sales", extract, columns));
    }

    @Test
    void factoryIsFoundByServiceLoader() {
        Connectors connectors = Connectors.discover(getClass().getClassLoader());
        assertThat(connectors.factory("feed")).isInstanceOf(FeedConnectorFactory.class);
    }

    @Test
    void connectionDefaultsTheArchiveInsideTheLanding(@TempDir Path project) {
        FeedConnector connector = (FeedConnector) new FeedConnectorFactory().create(
                FeedFixtures.source(map("landing", "in")), new io.sluice.connector.ConnectorContext(project, n -> null));
        assertThat(connector.connection()).isEqualTo(new FeedConnection(project.resolve("in").toString(),
                project.resolve("in").toString() + "/_archive"));
        assertThatThrownBy(() -> new FeedConnectorFactory().create(FeedFixtures.source(map("url", "x")),
                new io.sluice.connector.ConnectorContext(project, n -> null)))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("descriptors/partner.yaml:5: /connection/url: unknown field 'url' (expected one of:"
                        + " archive, landing)");
    }

    @Test
    void fixedWidthLayoutByStartAndLengthOrByWidth() {
        FeedExtract x = bind(map("path", "p", "files", "*.dat", "complete", "quiet", "quiet_period", "2h",
                "format", "fixed_width", "encoding", "ISO-8859-1", "layout", List.of(
                        map("name", "id", "start", 1, "length", 4),
                        map("name", "amount", "width", 6, "implied_decimals", 2),
                        map("name", "name", "start", 12, "length", 5))));
        assertThat(x.format()).isEqualTo(new FeedFormat.FixedWidth(List.of(
                new FixedWidthLayout.Column("id", 0, 4, 0), new FixedWidthLayout.Column("amount", 4, 6, 2),
                new FixedWidthLayout.Column("name", 11, 5, 0)), true));
        assertThat(x.quietPeriod()).contains(Duration.ofHours(2));
        assertThat(x.afterCommit()).isEqualTo(FeedExtract.AfterCommit.ARCHIVE);
        assertThat(x.markers()).containsExactly("*.done", "*.fin", "*.ctl");
        assertThat(x.encoding()).isEqualTo("ISO-8859-1");
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        Map<String, Object> x = map("path", "../p", "files", "*.dat", "complete", "when_ready", "format",
                "fixed_width", "layout", List.of(map("name", "id", "width", 3), map("name", "amount", "start", 0,
                        "length", 3)), "delivery", "sales_\\d+", "trailer_pattern", "^T");
        assertThatThrownBy(() -> bind(x))
                .isInstanceOf(DescriptorException.class)
                .hasMessage(String.join("\n",
                        "descriptors/sales.yaml:5: /extract/path: '../p' must stay inside the landing folder (write a"
                                + " folder relative to the source's landing, without '..', e.g. partner/sales)",
                        "descriptors/sales.yaml:25: /extract/delivery: 'sales_\\d+' has no group named delivery"
                                + " (write folder, or a pattern over file names such as"
                                + " '(?<delivery>sales_\\d{8})\\..*')",
                        "descriptors/sales.yaml:7: /extract/complete: unknown value 'when_ready' (expected one of:"
                                + " marker, manifest, quiet)",
                        "descriptors/sales.yaml:4: /extract/trailer_pattern: trailer_pattern needs trailer_records"
                                + " (1 or more)",
                        "descriptors/sales.yaml:12: /extract/layout/1/start: start is 1-based: the first character"
                                + " is 1, found 0"));
    }

    @Test
    void checksNeedTheirSource() {
        Map<String, Object> fromTrailer = salesExtract("trailer_pattern", "^T\\|(?<count>\\d+)$");
        assertThatThrownBy(() -> bind(fromTrailer, "id", "amount"))
                .hasMessage("descriptors/sales.yaml:21: /extract/checks/control_total/from: from trailer needs"
                        + " trailer_pattern with a group named total (e.g. '^T(?<count>\\d{9})(?<total>\\d{15})$')");
        Map<String, Object> unknownColumn = salesExtract("checks", map("control_total", map("column", "amt",
                "from", "trailer")));
        assertThatThrownBy(() -> bind(unknownColumn, "id", "amount"))
                .hasMessage("descriptors/sales.yaml:22: /extract/checks/control_total/column: no column 'amt'"
                        + " (expected one of: id, amount)");
        Map<String, Object> checksums = salesExtract("checks", map("checksums", true));
        assertThatThrownBy(() -> bind(checksums, "id", "amount"))
                .hasMessage("descriptors/sales.yaml:20: /extract/checks/checksums: checksums come from a manifest;"
                        + " declare manifest or remove checksums");
        Map<String, Object> noColumns = salesExtract();
        assertThatThrownBy(() -> bind(noColumns))
                .hasMessage("descriptors/sales.yaml:8: /extract/format: delimited files take their field names from"
                        + " the dataset's columns, and it declares none; declare the columns in source order");
    }
}
