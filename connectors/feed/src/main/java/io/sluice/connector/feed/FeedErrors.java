package io.sluice.connector.feed;

import io.sluice.metadata.SluiceException;

/** Every exception the {@code feed} connector raises on purpose, with its stable code. */
final class FeedErrors {
    private FeedErrors() {
    }

    static SluiceException listingFailed(String dataset, String root, Exception cause) {
        return new SluiceException(FeedErrorCode.FEED_LISTING_FAILED, dataset + ": cannot list the"
                + " deliveries in " + root + " (" + cause.getMessage() + "); check that the landing folder exists and"
                + " is readable", cause);
    }

    static SluiceException copyFailed(String dataset, String origin, String target, Exception cause) {
        return new SluiceException(FeedErrorCode.FEED_COPY_FAILED, dataset + ": cannot copy " + origin
                + " to " + target + " (" + cause.getMessage() + "); run again once the delivery and the lake are"
                + " reachable", cause);
    }
}
