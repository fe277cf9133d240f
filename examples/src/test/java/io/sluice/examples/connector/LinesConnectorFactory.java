package io.sluice.examples.connector;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.sluice.connector.*;
import io.sluice.metadata.*;
import java.io.IOException;
import java.net.URI;
import java.nio.file.*;
import java.security.*;
import java.util.*;
import org.apache.spark.sql.*;

/**
 * {@code connector: lines}, an example connector: every non-blank line of the {@code .txt} files in a folder is a
 * record with one field, {@code line}. Source: {@code connection: { folder: inbox }}; dataset:
 * {@code extract: { suffix: .txt }}. See docs/connectors.md.
 */
public final class LinesConnectorFactory implements SourceConnectorFactory {
    public String type() {
        return "lines";
    }

    public SourceConnector create(SourceSpec source, ConnectorContext context) {
        source.connection().rejectUnknown(Set.of("folder"));            // bind the connection once, typed
        Path folder = context.projectDir().resolve(source.connection().requiredString("folder"));
        return dataset -> {                                              // bind each dataset's extract once
            dataset.extract().rejectUnknown(Set.of("suffix"));
            return new Lines(folder, dataset.extract().string("suffix").orElse(".txt"));
        };
    }

    /** The connector's error codes, each with its category (which decides the exit code). */
    enum LinesErrorCode implements ErrorCode {
        /** The folder or a file cannot be read, or the raw zone written: check them and run again. */
        LINES_LANDING_FAILED;

        public ErrorCategory category() {
            return ErrorCategory.SOURCE;
        }
    }

    record Lines(Path folder, String suffix) implements DatasetSource {
        public LandedBatch land(LandingContext context) {
            List<LandedFile> landed = new ArrayList<>();
            try (var listed = Files.list(folder)) {
                for (Path file : listed.filter(f -> f.toString().endsWith(suffix)).sorted().toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                    if (context.alreadyLanded().test(sha256)) {
                        continue;                                        // landed by an earlier run
                    }
                    Path copy = Files.write(Path.of(URI.create(context.directory())).resolve(file.getFileName()), bytes);
                    long records = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines()
                            .filter(l -> !l.isBlank()).count();
                    landed.add(new LandedFile(file.toString(), copy.toUri().toString(), bytes.length, sha256, records,
                            List.of("line")));
                }
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new SluiceException(LinesErrorCode.LINES_LANDING_FAILED, "cannot land "
                        + folder + " (" + e.getMessage() + "); check the folder and run again", e);
            }
            return new LandedBatch(landed);
        }

        public Dataset<Row> read(SparkSession spark, LandedBatch batch) {
            return spark.read().text(batch.files().stream().map(LandedFile::path).toArray(String[]::new))
                    .where("trim(value) <> ''").withColumnRenamed("value", "line")
                    .withColumn(RawColumns.SOURCE_FILE, col("_metadata.file_name"))
                    .withColumn(RawColumns.LINE, lit(null).cast("long"))
                    .withColumn(RawColumns.CORRUPT_RECORD, lit(null).cast("string"));
        }

        public SourceDescription describe() {
            return new SourceDescription("lines:" + folder.getFileName() + "/*" + suffix, "text");
        }
    }
}
