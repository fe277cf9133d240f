package io.sluice.connector.storage;

import java.util.Map;
import java.util.function.Function;

/**
 * Opens a {@link Storage} for a URI scheme, found with {@link java.util.ServiceLoader}. Credentials come from the
 * lake configuration ({@code sluice.yaml}), never from descriptors.
 */
public interface StorageFactory {

    /** True when this factory handles URIs of {@code scheme} ({@code file}, {@code abfss}, …). */
    boolean supports(String scheme);

    /**
     * Opens a storage for URIs like {@code root}.
     *
     * @param settings    the lake configuration's storage settings (already resolved; secrets among them must
     *                    never be logged)
     * @param environment environment lookup for defaults such as managed identity endpoints
     */
    Storage open(String root, Map<String, String> settings, Function<String, String> environment);
}
