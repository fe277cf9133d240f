package io.sluice.connector.files;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.LandedBatch;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;

/** Descriptors, landing folders and files for the files connector tests. */
final class Fixtures {
    static final String SOURCE_FILE = "descriptors/shop.yaml";
    static final String DATASET_FILE = "descriptors/inventory.yaml";
    /** Lines of the nodes of the dataset document, as the loader would record them. */
    static final Map<String, Integer> LINES = Map.ofEntries(Map.entry("", 1), Map.entry("/extract", 4),
            Map.entry("/extract/path", 5), Map.entry("/extract/format", 6), Map.entry("/extract/encoding", 7),
            Map.entry("/extract/delimiter", 8), Map.entry("/extract/escape", 9), Map.entry("/extract/header", 10),
            Map.entry("/extract/quote", 11), Map.entry("/extract/skip_lines", 12),
            Map.entry("/extract/footer_lines", 13), Map.entry("/extract/skip_records", 14),
            Map.entry("/extract/skip_records/0", 15), Map.entry("/extract/skip_records/0/pattern", 16),
            Map.entry("/extract/skip_records/0/field", 17), Map.entry("/extract/layout", 18),
            Map.entry("/extract/layout/0", 19), Map.entry("/extract/row_tag", 20), Map.entry("/extract/trim", 21));

    private Fixtures() {
    }

    static SourceSpec source(Map<String, Object> connection) {
        Origin origin = new Origin(SOURCE_FILE, 1, Map.of("", 1, "/connection", 3, "/connection/landing", 4,
                "/connection/url", 5));
        return new SourceSpec("shop", "files", new Options(connection, origin, "/connection"), Optional.empty(),
                Optional.empty(), List.of(), origin);
    }

    static FilesConnector connector(Path landing) {
        return (FilesConnector) new FilesConnectorFactory().create(source(Map.of("landing", landing.toString())),
                context(landing.getParent()));
    }

    static ConnectorContext context(Path projectDir) {
        return new ConnectorContext(projectDir, name -> null);
    }

    static DatasetSpec dataset(Map<String, Object> extract, String... columns) {
        return dataset(extract, java.util.Arrays.stream(columns)
                .map(c -> ColumnSpec.of(c, ColumnType.of(ColumnType.Kind.STRING), true)).toList());
    }

    static DatasetSpec dataset(Map<String, Object> extract, List<ColumnSpec> specs) {
        Origin origin = new Origin(DATASET_FILE, 1, LINES);
        return new DatasetSpec("inventory", "shop", Optional.empty(), Optional.empty(), List.of(),
                new Options(extract, origin, "/extract"), specs, List.of(), DriftPolicy.FAIL,
                WriteMode.APPEND, 0.0, origin);
    }

    static LandingContext target(Path raw, Set<String> landedBefore) {
        try {
            Files.createDirectories(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LandingContext(TestSpark.session(), raw.toUri().toString(), new Configuration(),
                landedBefore::contains);
    }

    static LandedBatch land(FilesConnector connector, DatasetSpec dataset, Path raw) {
        return connector.bind(dataset).land(target(raw, Set.of()));
    }

    static Path write(Path file, String text) {
        return write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lands everything under {@code dir/landing} (reads start a task about every {@code splitEvery} bytes of an
     * uncompressed text file), reads it back, checks that the landed count is the rows read, and renders the
     * columns' names then each row in file and line order, values joined by {@code |}.
     */
    static List<String> landAndRender(org.apache.spark.sql.SparkSession spark, Path dir, DatasetSpec dataset,
                                      long splitEvery) {
        FilesConnector connector = new FilesConnector(connector(dir.resolve("landing")).connection(), splitEvery);
        LandedBatch batch = land(connector, dataset, dir.resolve("raw"));
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = connector.bind(dataset).read(spark, batch);
        List<org.apache.spark.sql.Row> rows = df.orderBy(io.sluice.connector.RawColumns.SOURCE_FILE,
                io.sluice.connector.RawColumns.LINE).collectAsList();
        org.assertj.core.api.Assertions.assertThat((long) rows.size()).as("records counted while landing")
                .isEqualTo(batch.records());
        List<String> out = new java.util.ArrayList<>();
        out.add(String.join("|", df.columns()));
        for (org.apache.spark.sql.Row row : rows) {
            out.add(java.util.Arrays.stream(row.schema().fieldNames())
                    .map(f -> String.valueOf(row.<Object>getAs(f)))
                    .collect(java.util.stream.Collectors.joining("|")));
        }
        return out;
    }

    /** Removes a folder and everything below it. */
    static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JVM's one test session for property tests, which JUnit extensions do not reach (the same session the
     * {@code SparkExtension} made, when it made it first).
     */
    static org.apache.spark.sql.SparkSession spark() {
        return TestSpark.builder().getOrCreate();
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
