package io.sluice.framework.land;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.sluice.connector.LandedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@link LandedFile}s of a manifest of any version. Up to version 3 a file carried the files connector's
 * line marks in a field of its own, {@code marks}; since version 4 whatever a connector notes about a file is in
 * {@code detail}, opaque to the framework. An old {@code marks} array is handed to the connector as the detail
 * {@code marks} holding that array's JSON text, the encoding the files connector reads, so a run landed by an
 * older Sluice is read back (and split into parts) the same.
 */
final class LandedFiles {
    /** The field of manifests up to version 3 that version 4 folds into {@code detail}. */
    static final String LEGACY_MARKS = "marks";

    private LandedFiles() {
    }

    /** The Jackson module that reads landed files of every manifest version. */
    static SimpleModule module() {
        return new SimpleModule("sluice-landed-files").addDeserializer(LandedFile.class, new Reader());
    }

    private static final class Reader extends StdDeserializer<LandedFile> {
        Reader() {
            super(LandedFile.class);
        }

        @Override
        public LandedFile deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            List<String> fields = new ArrayList<>();
            node.path("fields").forEach(f -> fields.add(f.asText()));
            Map<String, String> detail = new LinkedHashMap<>();
            node.path("detail").fields().forEachRemaining(e -> detail.put(e.getKey(), e.getValue().asText()));
            JsonNode marks = node.path(LEGACY_MARKS);
            if (marks.isArray() && !marks.isEmpty() && !detail.containsKey(LEGACY_MARKS)) {
                detail.put(LEGACY_MARKS, marks.toString());
            }
            return new LandedFile(text(node, "origin", context), text(node, "path", context),
                    node.path("size").asLong(), text(node, "sha256", context), node.path("records").asLong(), fields,
                    detail);
        }

        private static String text(JsonNode node, String field, DeserializationContext context) throws IOException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return context.reportInputMismatch(LandedFile.class, "a landed file in a manifest lacks '%s'",
                        field);
            }
            return value.asText();
        }
    }
}
