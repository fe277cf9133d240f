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
 */
public record ConnectorContext(Path projectDir, Function<String, String> environment) {
    public ConnectorContext {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(environment, "environment");
    }

    /**
     * Resolves references in values of the descriptor block at {@code pointer}; an unset variable fails with the
     * descriptor's file, line and field. A resolved value must never be logged or put in a message.
     */
    public UnaryOperator<String> resolver(Origin origin, String pointer) {
        return value -> References.resolve(value, environment, origin, pointer);
    }
}
