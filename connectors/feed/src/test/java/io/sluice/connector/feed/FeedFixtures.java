package io.sluice.connector.feed;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.EarlierBatch;
import io.sluice.connector.ExtractMode;
import io.sluice.connector.LandingContext;
import io.sluice.testing.TestSpark;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import io.sluice.metadata.SourceSpec;
import io.sluice.metadata.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/** Descriptors, deliveries and landing targets for the feed connector tests. */
final class FeedFixtures {
    static final String SOURCE_FILE = "descriptors/partner.yaml";
    static final String DATASET_FILE = "descriptors/sales.yaml";
    /** Lines of some nodes of the dataset document, as the loader would record them. */
    static final Map<String, Integer> LINES = Map.ofEntries(Map.entry("", 1), Map.entry("/extract", 4),
            Map.entry("/extract/path", 5), Map.entry("/extract/files", 6), Map.entry("/extract/complete", 7),
            Map.entry("/extract/format", 8), Map.entry("/extract/layout", 9), Map.entry("/extract/layout/1", 11),
            Map.entry("/extract/layout/1/start", 12), Map.entry("/extract/checks", 20),
            Map.entry("/extract/checks/control_total", 21), Map.entry("/extract/checks/control_total/column", 22),
            Map.entry("/extract/delivery", 25), Map.entry("/extract/quiet_period", 26));
    /** The time of the tests' clock; files written by the tests are dated an hour earlier. */
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private FeedFixtures() {
    }

    static FeedConnector connector(Path landing) {
        return connector(landing, NOW);
    }

    static FeedConnector connector(Path landing, Instant now) {
        Origin origin = new Origin(SOURCE_FILE, 1, Map.of("", 1, "/connection", 3));
        ConnectorContext context = new ConnectorContext(landing.getParent(), name -> null);
        FeedConnection connection = FeedConnection.bind(new Options(Map.of("landing", landing.toString()), origin,
                "/connection"), context);
        return new FeedConnector(connection, context, Clock.fixed(now, ZoneOffset.UTC));
    }

    static SourceSpec source(Map<String, Object> connection) {
        Origin origin = new Origin(SOURCE_FILE, 1, Map.of("", 1, "/connection", 3, "/connection/landing", 4,
                "/connection/url", 5));
        return new SourceSpec("partner", "feed", new Options(connection, origin, "/connection"), Optional.empty(),
                Optional.empty(), List.of(), origin);
    }

    static DatasetSpec dataset(String name, Map<String, Object> extract, String... columns) {
        Origin origin = new Origin(DATASET_FILE, 1, LINES);
        List<ColumnSpec> specs = java.util.Arrays.stream(columns)
                .map(c -> ColumnSpec.of(c, ColumnType.of(ColumnType.Kind.STRING), true)).toList();
        return new DatasetSpec(name, "partner", Optional.empty(), Optional.empty(), List.of(),
                new Options(extract, origin, "/extract"), specs, List.of(), DriftPolicy.FAIL, WriteMode.APPEND, 0.0,
                origin);
    }

    /** A mutable copy of entries given as key, value, key, value, … */
    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static LandingContext target(Path raw) {
        return target(raw, Set.of(), List.of());
    }

    static LandingContext target(Path raw, Set<String> landedBefore, List<EarlierBatch> earlier) {
        try {
            Files.createDirectories(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LandingContext(TestSpark.session(), raw.toUri().toString(), new Configuration(),
                landedBefore::contains, Optional.empty(), ExtractMode.INCREMENTAL, earlier);
    }

    /** Writes a delivered file dated an hour before {@link #NOW}. */
    static Path write(Path file, String text) {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(3600)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String digest(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(String pathOrUri) {
        try {
            return Files.readString(io.sluice.connector.storage.LocalStorage.toPath(pathOrUri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
