package io.sluice.onboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.connector.files.FileExtract;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Descriptor features a draft may use beyond the basic ones (issue 19). A draft uses a feature only when this
 * build's loader accepts it ({@link #available()}): a draft must always pass {@code sluice validate}, and where a
 * feature is missing the generator falls back to what can be declared (a column read as a string, a header read
 * as data) and says so in its summary.
 */
public enum Feature {
    /** {@code from:} on a column: the source name differs from the lake name (header texts with spaces, $ …). */
    FROM,
    /** {@code null_values:} on the dataset: several null tokens ({@code NA}, {@code -}, …). */
    NULL_VALUES,
    /** {@code true_values} / {@code false_values} on a boolean column ({@code Y}/{@code N}). */
    BOOLEAN_TOKENS,
    /** {@code formats:} on a date or timestamp column: several input patterns. */
    FORMATS,
    /** {@code extract.skip_lines}: preamble lines before the header. */
    SKIP_LINES;

    /** The features the descriptor loader and the files connector of this build accept. */
    public static Set<Feature> available() {
        Set<Feature> found = EnumSet.noneOf(Feature.class);
        JsonNode schema = descriptorSchema();
        JsonNode column = schema.path("definitions").path("column").path("properties");
        if (column.has("from")) {
            found.add(FROM);
        }
        if (column.has("true_values") && column.has("false_values")) {
            found.add(BOOLEAN_TOKENS);
        }
        if (column.has("formats")) {
            found.add(FORMATS);
        }
        if (schema.path("definitions").path("dataset").path("properties").has("null_values")) {
            found.add(NULL_VALUES);
        }
        if (extractAccepts("skip_lines", 1)) {
            found.add(SKIP_LINES);
        }
        return found;
    }

    private static boolean extractAccepts(String key, Object value) {
        try {
            FileExtract.bind(new Options(Map.of("path", "x.csv", key, value), Origin.unknown("probe"), "/extract"));
            return true;
        } catch (DescriptorException e) {
            return false;
        }
    }

    private static JsonNode descriptorSchema() {
        try (InputStream in = DescriptorLoader.class.getClassLoader()
                .getResourceAsStream(DescriptorLoader.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DescriptorLoader.SCHEMA_RESOURCE + " is missing from the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
