package io.sluice.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An asset whose data is older than its declared freshness: no run of its dataset has written rows for longer.
 *
 * @param name          the asset
 * @param freshness     how often new rows are expected
 * @param lastDelivered when the last run that wrote rows ended; empty when none has since the asset was registered
 * @param overdue       how long past due it is (now − (last delivery, or registration) − freshness), above zero
 */
public record LateAsset(AssetName name, Duration freshness, Optional<Instant> lastDelivered, Duration overdue) {
    public LateAsset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(lastDelivered, "lastDelivered");
        Objects.requireNonNull(overdue, "overdue");
    }
}
