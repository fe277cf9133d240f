package io.sluice.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * An asset as the catalog holds it: what was last registered and when.
 *
 * @param asset   the last registered values
 * @param created when the name was first registered (millisecond precision)
 * @param updated when it was last registered (millisecond precision)
 */
public record RegisteredAsset(Asset asset, Instant created, Instant updated) {
    public RegisteredAsset {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    /** Shortcut for {@code asset().name()}. */
    public AssetName name() {
        return asset.name();
    }
}
