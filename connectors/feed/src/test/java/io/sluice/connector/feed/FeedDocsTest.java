package io.sluice.connector.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.FixedWidthLayout;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.metadata.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full example of {@code docs/feeds.md} loads with the descriptor loader and binds. */
class FeedDocsTest {

    @Test
    void documentedExampleBinds(@TempDir Path project) throws Exception {
        String doc = Files.readString(Path.of("../../docs/feeds.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String example = doc.substring(start, doc.indexOf("```", start));
        Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(project.resolve("descriptors/partner.yaml"), example);

        Project loaded = DescriptorLoader.load(project, Path.of("descriptors"));
        FeedConnector connector = (FeedConnector) new FeedConnectorFactory().create(loaded.source("partner")
                .orElseThrow(), new ConnectorContext(project, name -> null));
        assertThat(connector.connection()).isEqualTo(new FeedConnection("/data/landing/partner",
                "/data/archive/partner"));
        for (DatasetSpec dataset : loaded.datasetsOf("partner")) {
            connector.check(dataset);
        }
        FeedExtract orders = FeedExtract.bind(loaded.dataset("partner.orders").orElseThrow());
        assertThat(orders.format()).isEqualTo(new FeedFormat.FixedWidth(java.util.List.of(
                new FixedWidthLayout.Column("order_id", 0, 8, 0), new FixedWidthLayout.Column("customer", 8, 20, 0),
                new FixedWidthLayout.Column("amount", 28, 11, 2)), true));
        assertThat(FeedExtract.bind(loaded.dataset("partner.hits").orElseThrow()).sharedWith())
                .containsExactly("browser");
    }
}
