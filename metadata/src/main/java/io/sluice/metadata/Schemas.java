package io.sluice.metadata;

import io.sluice.metadata.internal.SchemaValidator;

/**
 * The compiled JSON Schemas, each built once per class loader on first use: compiling costs far more than
 * validating. One holder class per schema so that reading {@code sluice.yaml} does not compile the descriptor schema.
 */
final class Schemas {
    private Schemas() {
    }

    static SchemaValidator descriptor() {
        return Descriptor.VALIDATOR;
    }

    /** The project schema with {@code storageSections} as further top-level objects (their content is not checked). */
    static SchemaValidator project(java.util.Set<String> storageSections) {
        return Project.VALIDATORS.computeIfAbsent(java.util.Set.copyOf(storageSections),
                sections -> SchemaValidator.fromResource(ProjectConfig.SCHEMA_RESOURCE, sections));
    }

    private static final class Descriptor {
        static final SchemaValidator VALIDATOR = SchemaValidator.fromResource(DescriptorLoader.SCHEMA_RESOURCE);
    }

    private static final class Project {
        // one per set of storage sections; a process sees one or two sets
        static final java.util.Map<java.util.Set<String>, SchemaValidator> VALIDATORS =
                new java.util.concurrent.ConcurrentHashMap<>();
    }
}
