package io.sluice.connector.feed;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.metadata.SourceSpec;
import java.time.Clock;

/**
 * Entry point of the {@code feed} connector ({@code connector: feed}): deliveries of related files dropped by a
 * partner into a landing area. The source's {@code connection} block is a {@link FeedConnection}; each dataset's
 * {@code extract} block a {@link FeedExtract}. See {@code docs/feeds.md}.
 */
public final class FeedConnectorFactory implements SourceConnectorFactory {
    /** The descriptor's {@code connector:} value. */
    public static final String TYPE = "feed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SourceConnector create(SourceSpec source, ConnectorContext context) {
        return new FeedConnector(FeedConnection.bind(source.connection(), context), context, Clock.systemUTC());
    }
}
