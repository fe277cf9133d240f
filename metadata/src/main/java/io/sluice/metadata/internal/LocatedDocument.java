package io.sluice.metadata.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.metadata.Origin;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed YAML/JSON document with the line of each of its nodes.
 *
 * @param file  the file as shown to the user (relative to the project)
 * @param path  the file on disk, to resolve paths written relative to it
 * @param line  the line the document starts at
 * @param root  the document's tree
 * @param lines line of each node by JSON pointer
 */
public record LocatedDocument(String file, Path path, int line, JsonNode root, Map<String, Integer> lines) {
    public LocatedDocument {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(root, "root");
        lines = Map.copyOf(lines);
    }

    public Origin origin() {
        return new Origin(file, line, lines);
    }

    /** The document as the plain Java value {@code Options} holds (Boolean, Integer, String, List, Map…). */
    public Object value() {
        return Nodes.value(root);
    }
}
