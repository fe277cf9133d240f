package io.sluice.connector.jdbc;

import io.sluice.connector.ConnectorContext;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import io.sluice.metadata.SourceSpec;
import io.sluice.metadata.WriteMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Descriptor records as the loader would build them, for connector tests. */
public final class TestDescriptors {
    /** The file every test source claims to come from. */
    public static final String SOURCE_FILE = "descriptors/shop.yaml";
    /** The file every test dataset claims to come from. */
    public static final String DATASET_FILE = "descriptors/shop/orders.yaml";

    private TestDescriptors() {
    }

    public static SourceSpec source(String connector, Map<String, Object> connection) {
        Origin origin = new Origin(SOURCE_FILE, 1, Map.of("/connection", 4, "/connection/url", 5,
                "/connection/host", 5, "/connection/user", 6, "/connection/password", 7));
        return new SourceSpec("shop", connector, new Options(connection, origin, "/connection"), Optional.empty(),
                Optional.empty(), List.of(), origin);
    }

    public static DatasetSpec dataset(String name, Map<String, Object> extract, List<ColumnSpec> columns) {
        Origin origin = new Origin(DATASET_FILE, 1, Map.of("/extract", 4, "/extract/table", 5,
                "/extract/split", 6, "/extract/incremental", 7));
        return new DatasetSpec(name, "shop", Optional.empty(), Optional.empty(), List.of(),
                new Options(extract, origin, "/extract"), columns, List.of(), DriftPolicy.RESCUE, WriteMode.APPEND,
                0.0, origin);
    }

    /** Resolves references from the given variables only, as the framework resolves them from the environment. */
    public static ConnectorContext context(Map<String, String> variables) {
        return new ConnectorContext(Path.of("."), variables::get);
    }
}
