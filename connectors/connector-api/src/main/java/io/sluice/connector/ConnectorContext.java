package io.sluice.connector;

import io.sluice.metadata.Origin;
import io.sluice.metadata.References;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a connector may use from the project around it.
 *
 * @param projectDir  relative paths in descriptors resolve against it
 * @param environment looks up environment variables (and {@code SLUICE_SECRET_*} secrets) for
 *                    {@code ${env:…}} / {@code ${secret:…}} references; null when unset
 * @param storageSettings the lake configuration's storage credentials and settings (sluice.yaml {@code azure:}),
 *                    handed to {@link io.sluice.connector.storage.StorageFactory#open}; never logged
 */
public record ConnectorContext(Path projectDir, Function<String, String> environment,
                               java.util.Map<String, String> storageSettings) {
    public ConnectorContext {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(environment, "environment");
        storageSettings = java.util.Map.copyOf(storageSettings);
    }

    /** A context for a lake with no remote storage settings. */
    public ConnectorContext(Path projectDir, Function<String, String> environment) {
        this(projectDir, environment, java.util.Map.of());
    }

    /** The storage for a landing area or archive path, with the lake's credentials. */
    public io.sluice.connector.storage.Storage storage(String pathOrUri) {
        return io.sluice.connector.storage.Storages.open(pathOrUri, storageSettings, environment,
                ConnectorContext.class.getClassLoader());
    }

    @Override
    public String toString() {
        return "ConnectorContext[projectDir=" + projectDir + ", storageSettings keys=" + storageSettings.keySet() + "]";
    }

    /**
     * Resolves references in values of the descriptor block at {@code pointer}; an unset variable fails with the
     * descriptor's file, line and field. A resolved value must never be logged or put in a message.
     */
    public UnaryOperator<String> resolver(Origin origin, String pointer) {
        return value -> References.resolve(value, environment, origin, pointer);
    }
}
