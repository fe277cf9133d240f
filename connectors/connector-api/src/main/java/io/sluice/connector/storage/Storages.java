package io.sluice.connector.storage;

import java.net.URI;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/** Picks the {@link Storage} for a path: {@link LocalStorage} for local paths, a {@link StorageFactory} otherwise. */
public final class Storages {
    private Storages() {
    }

    /**
     * Opens the storage for {@code pathOrUri}.
     *
     * @throws IllegalArgumentException naming the scheme when no factory on the class path handles it
     */
    public static Storage open(String pathOrUri, Map<String, String> settings, Function<String, String> environment,
                               ClassLoader loader) {
        String scheme = scheme(pathOrUri);
        if (scheme.equals("file")) {
            return new LocalStorage();
        }
        for (StorageFactory f : ServiceLoader.load(StorageFactory.class, loader)) {
            if (f.supports(scheme)) {
                return f.open(pathOrUri, settings, environment);
            }
        }
        throw new IllegalArgumentException("no storage for '" + scheme + ":' paths on the class path (for abfss: "
                + "add sluice-storage-azure)");
    }

    static String scheme(String pathOrUri) {
        if (pathOrUri.startsWith("/") || pathOrUri.matches("^[A-Za-z]:\\\\.*")) {
            return "file";
        }
        String scheme = URI.create(pathOrUri).getScheme();
        return scheme == null ? "file" : scheme.toLowerCase(java.util.Locale.ROOT);
    }
}
