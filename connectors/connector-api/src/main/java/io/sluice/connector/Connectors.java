package io.sluice.connector;

import io.sluice.metadata.SluiceException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds source connector factories on the class path by their short name. */
public final class Connectors {
    private final Map<String, SourceConnectorFactory> byType;

    private Connectors(Map<String, SourceConnectorFactory> byType) {
        this.byType = byType;
    }

    /** Every factory registered in {@code META-INF/services}; fails on two factories with one name. */
    public static Connectors discover(ClassLoader loader) {
        Map<String, SourceConnectorFactory> found = new TreeMap<>();
        for (SourceConnectorFactory f : ServiceLoader.load(SourceConnectorFactory.class, loader)) {
            SourceConnectorFactory previous = found.putIfAbsent(f.type(), f);
            if (previous != null) {
                throw new SluiceException(ConnectorErrorCode.CONNECTOR_DUPLICATE,
                        "two connectors are named '" + f.type() + "': " + previous.getClass().getName()
                                + " and " + f.getClass().getName() + "; remove one jar from the class path");
            }
        }
        return new Connectors(found);
    }

    public SourceConnectorFactory factory(String type) {
        SourceConnectorFactory f = byType.get(type);
        if (f == null) {
            throw new SluiceException(ConnectorErrorCode.CONNECTOR_UNKNOWN, "no connector named '" + type
                    + "' (known: " + String.join(", ", byType.keySet()) + ")");
        }
        return f;
    }

    public java.util.Set<String> types() {
        return java.util.Collections.unmodifiableSet(byType.keySet());
    }
}
