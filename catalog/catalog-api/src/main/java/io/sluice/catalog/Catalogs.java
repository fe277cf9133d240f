package io.sluice.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Opens a catalog by JDBC URL, choosing the store among the {@link CatalogFactory} providers on the class path. */
public final class Catalogs {
    /** The catalog file's name in a lake's embedded default, {@code <lake>/_catalog/catalog.db}. */
    public static final String EMBEDDED_FILE = "_catalog/catalog.db";

    private Catalogs() {
    }

    /**
     * Opens the catalog at {@code jdbcUrl}: {@code jdbc:sqlite:/path/catalog.db} (embedded) or
     * {@code jdbc:postgresql://host/db} (shared).
     *
     * @throws CatalogException listing the known stores when none serves the URL, or when two claim it
     */
    public static Catalog open(String jdbcUrl) {
        return open(jdbcUrl, Catalogs.class.getClassLoader());
    }

    /** As {@link #open(String)}, loading factories from {@code loader}. */
    public static Catalog open(String jdbcUrl, ClassLoader loader) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Map<String, List<CatalogFactory>> byScheme = new TreeMap<>();
        for (CatalogFactory factory : ServiceLoader.load(CatalogFactory.class, loader)) {
            byScheme.computeIfAbsent(factory.scheme(), s -> new ArrayList<>()).add(factory);
        }
        String scheme = scheme(jdbcUrl);
        List<CatalogFactory> candidates = byScheme.get(scheme);
        if (candidates == null) {
            throw CatalogErrors.unsupportedUrl(Secrets.redact(jdbcUrl), List.copyOf(byScheme.keySet()));
        }
        if (candidates.size() > 1) {
            throw CatalogErrors.duplicateFactory(scheme, candidates.stream().map(f -> f.getClass().getName()).toList());
        }
        return candidates.get(0).open(jdbcUrl);
    }

    /** The URL of the embedded catalog of the lake at {@code lakeRoot}: {@code jdbc:sqlite:<lake>/_catalog/catalog.db}. */
    public static String embeddedUrl(Path lakeRoot) {
        return "jdbc:sqlite:" + lakeRoot.toAbsolutePath().resolve(EMBEDDED_FILE);
    }

    private static String scheme(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:")) {
            return "";
        }
        int end = jdbcUrl.indexOf(':', 5);
        return end < 0 ? "" : jdbcUrl.substring(5, end);
    }
}
