package io.sluice.connector.storage;

import java.util.Map;

/**
 * The settings a {@link StorageFactory} bound from its section of {@code sluice.yaml}: a typed record of the
 * factory's own (the ADLS factory binds {@code azure:}). Implementations hold credentials: their
 * {@code toString} must never show a secret.
 */
public interface StorageSettings {

    /**
     * The Spark configuration these settings imply ({@code spark.hadoop.*} keys for the Hadoop file system of the
     * storage's scheme), in a stable order; empty when Spark needs nothing. Values may be secrets: never log them.
     */
    Map<String, String> sparkConf();
}
