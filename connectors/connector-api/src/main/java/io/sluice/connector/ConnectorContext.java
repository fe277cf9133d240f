package io.sluice.connector;

import io.sluice.metadata.Origin;
import io.sluice.metadata.References;
import io.sluice.connector.storage.Storage;
import io.sluice.connector.storage.Storages;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a connector may use from the project around it.
 *
 * @param projectDir  relative paths in descriptors resolve against it
 * @param environment looks up environment variables (and {@code SLUICE_SECRET_*} secrets) for
 *                    {@code ${env:…}} / {@code ${secret:…}} references; null when unset
 * @param storages    the project's storages with the settings each bound from {@code sluice.yaml}, for landing
 *                    areas and archives
 */
public record ConnectorContext(Path projectDir, Function<String, String> environment, Storages storages) {
    public ConnectorContext {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(storages, "storages");
    }

    /** A context for a project whose {@code sluice.yaml} configures no storage. */
    public ConnectorContext(Path projectDir, Function<String, String> environment) {
        this(projectDir, environment, Storages.bind(Map.of(), environment, ConnectorContext.class.getClassLoader()));
    }

    /** The storage for a landing area or archive path, with the project's credentials. */
    public Storage storage(String pathOrUri) {
        return storages.open(pathOrUri);
    }

    @Override
    public String toString() {
        return "ConnectorContext[projectDir=" + projectDir + ", storages=" + storages + "]";
    }

    /**
     * Resolves references in values of the descriptor block at {@code pointer}; an unset variable fails with the
     * descriptor's file, line and field. A resolved value must never be logged or put in a message.
     */
    public UnaryOperator<String> resolver(Origin origin, String pointer) {
        return value -> References.resolve(value, environment, origin, pointer);
    }
}
