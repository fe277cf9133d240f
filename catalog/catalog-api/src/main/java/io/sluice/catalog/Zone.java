package io.sluice.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where an asset lives in the lake. {@code SOURCE} stands for the upstream table or file family a dataset is
 * extracted from, so that lineage can start outside the lake (source table → raw → valid/error → refined).
 */
public enum Zone {
    /** The upstream system's table or file family (not stored by Sluice; lineage only). */
    SOURCE,
    /** Delivered bytes, copied as they came. */
    RAW,
    /** Typed, checked rows (Delta). */
    VALID,
    /** Rejected rows with their reasons (Delta). */
    ERROR,
    /** Declared SQL over valid and refined datasets (Delta). */
    REFINED;

    /** The lower-case name used in qualified names, {@code valid} in {@code valid.dealer_dw.sales}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The zone named by {@code id} (case-insensitive).
     *
     * @throws CatalogException naming the known zones when {@code id} is none of them
     */
    public static Zone parse(String id) {
        for (Zone zone : values()) {
            if (zone.id().equalsIgnoreCase(id)) {
                return zone;
            }
        }
        throw CatalogErrors.unknownZone(id, Arrays.stream(values()).map(Zone::id).collect(Collectors.joining(", ")));
    }
}
