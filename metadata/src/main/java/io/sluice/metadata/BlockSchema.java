package io.sluice.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.metadata.internal.SchemaValidator;
import java.util.List;
import java.util.Set;

/**
 * A JSON Schema (draft 7) that a module ships for its own block of a descriptor or of {@code sluice.yaml} (a
 * storage's section, a connector's {@code extract}), checked with the same wording and {@code file:line} locations
 * as the descriptors' own schema. Compile once and share: instances are immutable.
 */
public final class BlockSchema {
    private final SchemaValidator validator;

    private BlockSchema(SchemaValidator validator) {
        this.validator = validator;
    }

    /** The schema at {@code resource} as {@code loader} finds it (the module's own class loader). */
    public static BlockSchema fromResource(String resource, ClassLoader loader) {
        return new BlockSchema(SchemaValidator.fromResource(resource, loader, Set.of()));
    }

    /** Every violation of {@code document}, located in {@code origin} and worded for people; empty when valid. */
    public List<Problem> validate(JsonNode document, Origin origin) {
        return validator.validate(document, origin);
    }
}
