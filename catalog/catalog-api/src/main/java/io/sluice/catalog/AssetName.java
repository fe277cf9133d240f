package io.sluice.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The catalog name of one dataset in one zone: {@code <zone>.<source>.<dataset>}, e.g. {@code valid.dealer_dw.sales}.
 * A refined table is {@code refined.<name>}: its {@code source} is {@link #REFINED_NAMESPACE}, which its name does
 * not show ({@code refined.default.<name>}, its name before catalog schema version 6, is still understood).
 *
 * @param zone    where the asset lives
 * @param source  the source system (or refined namespace); letters, digits, {@code _} and {@code -}
 * @param dataset the dataset name; letters, digits, {@code _} and {@code -}
 */
public record AssetName(Zone zone, String source, String dataset) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    /** The {@code source} of every refined table: refined datasets are not a source's. */
    public static final String REFINED_NAMESPACE = "default";

    public AssetName {
        Objects.requireNonNull(zone, "zone");
        requirePart("source", source);
        requirePart("dataset", dataset);
    }

    /** The asset of {@code source.dataset} in {@code zone}. */
    public static AssetName of(Zone zone, String source, String dataset) {
        return new AssetName(zone, source, dataset);
    }

    /** The refined table {@code name}: {@code refined.<name>}. */
    public static AssetName refined(String name) {
        return new AssetName(Zone.REFINED, REFINED_NAMESPACE, name);
    }

    /**
     * Parses {@code <zone>.<source>.<dataset>}, or {@code refined.<name>}.
     *
     * @throws CatalogException saying what is wrong and showing the expected form
     */
    public static AssetName parse(String qualifiedName) {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        String[] parts = qualifiedName.split("\\.", -1);
        if (parts.length == 2 && Zone.REFINED.id().equalsIgnoreCase(parts[0])) {
            return refined(parts[1]);
        }
        if (parts.length != 3) {
            throw CatalogErrors.badAssetName(qualifiedName, "it has " + parts.length + " dot-separated part(s), not 3");
        }
        return new AssetName(Zone.parse(parts[0]), parts[1], parts[2]);
    }

    /** {@code <zone>.<source>.<dataset>}, or {@code refined.<name>} for a refined table. */
    public String qualified() {
        return isRefinedTable() ? zone.id() + "." + dataset : zone.id() + "." + source + "." + dataset;
    }

    private boolean isRefinedTable() {
        return zone == Zone.REFINED && REFINED_NAMESPACE.equals(source);
    }

    /** The same dataset in another zone. */
    public AssetName in(Zone other) {
        return new AssetName(other, source, dataset);
    }

    @Override
    public String toString() {
        return qualified();
    }

    private static void requirePart(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!PART.matcher(value).matches()) {
            throw CatalogErrors.badAssetName(String.valueOf(value),
                    "the " + what + " must be letters, digits, '_' or '-' (no dots, not empty)");
        }
    }
}
