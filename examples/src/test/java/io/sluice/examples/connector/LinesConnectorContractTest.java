package io.sluice.examples.connector;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import io.sluice.metadata.SourceSpec;
import io.sluice.metadata.WriteMode;
import io.sluice.testing.ConnectorContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The example connector runs the connector contract from the connector-api test jar, as any connector does. */
class LinesConnectorContractTest extends ConnectorContract {
    private static final Origin SOURCE = new Origin("descriptors/notes.yaml", 1, Map.of("/connection", 3));
    private static final Origin DATASET = new Origin("descriptors/notes/lines.yaml", 1, Map.of("/extract", 4));
    private int deliveries;

    @Override
    protected Class<? extends SourceConnectorFactory> factoryClass() {
        return LinesConnectorFactory.class;
    }

    @Override
    protected String type() {
        return "lines";
    }

    @Override
    protected SourceConnector connector() {
        sourceFolder("inbox");
        SourceSpec source = new SourceSpec("notes", "lines", new Options(Map.of("folder", "inbox"), SOURCE,
                "/connection"), Optional.empty(), Optional.empty(), List.of(), SOURCE);
        return new LinesConnectorFactory().create(source, new ConnectorContext(sourceDir(), name -> null));
    }

    @Override
    protected DatasetSpec dataset() {
        return dataset(Map.of("suffix", ".txt"));
    }

    @Override
    protected DatasetSpec brokenDataset() {
        return dataset(Map.of("sufix", ".txt"));
    }

    @Override
    protected long deliver() {
        deliveries++;
        try {
            Files.writeString(sourceFolder("inbox").resolve("note" + deliveries + ".txt"),
                    "first of " + deliveries + "\n\nsecond of " + deliveries + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 2;
    }

    private static DatasetSpec dataset(Map<String, Object> extract) {
        return new DatasetSpec("lines", "notes", Optional.empty(), Optional.empty(), List.of(),
                new Options(extract, DATASET, "/extract"), List.of(), List.of(), DriftPolicy.RESCUE, WriteMode.APPEND,
                0.0, DATASET);
    }
}
