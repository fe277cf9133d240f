package io.sluice.connector.jdbc;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.ExtractMode;
import io.sluice.connector.LandingContext;
import io.sluice.connector.SourceConnector;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import io.sluice.testing.TestSpark;
import org.apache.hadoop.conf.Configuration;

/** Runs the JDBC connector against the test server the way the framework's lander does. */
final class Landings {
    /** The reference the test sources write for their password. */
    static final String PASSWORD_REFERENCE = "${secret:pg}";

    private Landings() {
    }

    static SourceConnector connector(PostgresServer server) {
        return connector(server.url(), server.user(), server.password());
    }

    static SourceConnector connector(String url, String user, String password) {
        return new JdbcConnectorFactory().create(
                TestDescriptors.source("jdbc", Map.of("url", "${env:PG_URL}", "user", user,
                        "password", PASSWORD_REFERENCE)),
                TestDescriptors.context(Map.of("PG_URL", url, "SLUICE_SECRET_PG", password)));
    }

    static DatasetSpec dataset(Map<String, Object> extract) {
        return TestDescriptors.dataset("orders", extract, List.of());
    }

    static DatasetSpec dataset(Map<String, Object> extract, List<ColumnSpec> columns) {
        return TestDescriptors.dataset("orders", extract, columns);
    }

    /** Lands into a new run folder under {@code raw}. */
    static LandedBatch land(SourceConnector connector, DatasetSpec dataset, Path run, Optional<String> watermark,
                            ExtractMode mode) {
        try {
            Files.createDirectories(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return connector.bind(dataset).land(new LandingContext(TestSpark.session(), run.toUri().toString(),
                new Configuration(), s -> false, watermark, mode, List.of()));
    }

    static LandedBatch land(SourceConnector connector, DatasetSpec dataset, Path run) {
        return land(connector, dataset, run, Optional.empty(), ExtractMode.INCREMENTAL);
    }

    /** Every file below {@code dir}, relative to it. */
    static List<String> filesBelow(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
