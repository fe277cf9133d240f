package io.sluice.catalog;

import java.util.Objects;

/**
 * One result of {@link Catalog#search}: an asset and how well it matched. Scores only compare hits of the same
 * search; higher is better.
 *
 * @param asset the matching asset
 * @param score relevance, higher first; the scale depends on the store
 */
public record SearchHit(RegisteredAsset asset, double score) {
    public SearchHit {
        Objects.requireNonNull(asset, "asset");
    }
}
