package io.sluice.connector.feed;

import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.ConnectorContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The feed connector, deliveries of pipe-delimited files with a header, a trailer and a marker, meets the contract. */
class FeedConnectorContractTest extends ConnectorContract {
    private int deliveries;

    @Override
    protected Class<? extends SourceConnectorFactory> factoryClass() {
        return FeedConnectorFactory.class;
    }

    @Override
    protected String type() {
        return FeedConnectorFactory.TYPE;
    }

    @Override
    protected SourceConnector connector() {
        return FeedFixtures.connector(landing());
    }

    @Override
    protected DatasetSpec dataset() {
        return FeedLandingTest.sales();
    }

    @Override
    protected DatasetSpec brokenDataset() {
        return FeedLandingTest.sales("complete", "whenever");
    }

    /** A complete delivery named by its day, its trailer counting and totalling its records. */
    @Override
    protected long deliver() {
        deliveries++;
        int records = deliveries + 1;
        StringBuilder text = new StringBuilder("H|202611" + (10 + deliveries) + "\n");
        for (int i = 1; i <= records; i++) {
            text.append(deliveries).append(i).append("|1.00\n");
        }
        text.append("T|").append(records).append('|').append(String.format(Locale.ROOT, "%.2f", records * 1.0))
                .append('\n');
        FeedLandingTest.delivery(landing(), "202611" + (10 + deliveries), text.toString());
        return records;
    }

    private Path landing() {
        return sourceFolder("landing/sales").getParent();
    }
}
