package io.sluice.connector.storage;

import io.sluice.metadata.Options;
import java.util.function.Function;

/**
 * Opens a {@link Storage} for a URI scheme, found with {@link java.util.ServiceLoader} (see {@link Storages}).
 * Credentials come from the factory's own section of the project configuration ({@code sluice.yaml}), never
 * from descriptors: the framework hands the section to {@link #bind} once, as the user wrote it, and the factory
 * turns it into its typed settings.
 *
 * @param <S> the factory's typed settings
 */
public interface StorageFactory<S extends StorageSettings> {

    /** The {@code sluice.yaml} section this factory reads ({@code azure}); unique among the factories. */
    String section();

    /** True when this factory handles locations of {@code scheme} ({@code abfs}, {@code abfss}, …). */
    boolean supports(String scheme);

    /**
     * Binds the factory's section of {@code sluice.yaml}, resolving {@code ${env:…}} / {@code ${secret:…}}
     * references; an absent section comes as an empty block.
     *
     * @param environment looks up environment variables and {@code SLUICE_SECRET_*} secrets
     * @throws io.sluice.metadata.DescriptorException naming file, line and field of every problem of the section
     * @throws io.sluice.metadata.SluiceException     code {@code REFERENCE_UNSET} when a referenced variable is unset
     */
    S bind(Options section, Function<String, String> environment);

    /**
     * Opens a storage for locations like {@code root}.
     *
     * @param environment environment lookup for defaults such as managed identity endpoints
     * @throws io.sluice.metadata.SluiceException when {@code root} is not a location of this storage or the
     *                                            settings cannot reach it (for example no credentials for its account)
     */
    Storage open(StoragePath root, S settings, Function<String, String> environment);
}
