package io.sluice.connector;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a connector may use from the project around it.
 *
 * @param projectDir relative paths in descriptors resolve against it
 * @param resolver   resolves {@code ${env:…}} and {@code ${secret:…}} references in a descriptor value; the
 *                   result must never be logged
 */
public record ConnectorContext(Path projectDir, UnaryOperator<String> resolver) {
    public ConnectorContext {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(resolver, "resolver");
    }
}
