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

    static SchemaValidator project() {
        return Project.VALIDATOR;
    }

    private static final class Descriptor {
        static final SchemaValidator VALIDATOR = SchemaValidator.fromResource(DescriptorLoader.SCHEMA_RESOURCE);
    }

    private static final class Project {
        static final SchemaValidator VALIDATOR = SchemaValidator.fromResource(ProjectConfig.SCHEMA_RESOURCE);
    }
}
