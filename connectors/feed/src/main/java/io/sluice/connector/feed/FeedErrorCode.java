package io.sluice.connector.feed;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ErrorCode;

/** The error codes of the {@code feed} connector. Each is documented in docs/operations.md. */
public enum FeedErrorCode implements ErrorCode {
    /** The deliveries folder cannot be listed; check that the landing folder exists and is readable. */
    FEED_LISTING_FAILED(ErrorCategory.SOURCE),
    /** A delivered file could not be copied into the raw zone; run again once the delivery and the lake are reachable. */
    FEED_COPY_FAILED(ErrorCategory.SOURCE);

    private final ErrorCategory category;

    FeedErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
