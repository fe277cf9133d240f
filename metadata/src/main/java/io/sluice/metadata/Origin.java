package io.sluice.metadata;

import java.util.Map;
import java.util.Objects;

/**
 * Where a descriptor document came from: its file, the line it starts at, and the line of every node by JSON
 * pointer, so that checks made long after loading (a connector binding its options, a rule compiled against a
 * schema) can still point at the exact line.
 *
 * @param file  the file as shown to the user
 * @param line  the line the document starts at
 * @param lines line of each node of the document, keyed by JSON pointer ({@code ""} is the document itself)
 */
public record Origin(String file, int line, Map<String, Integer> lines) {
    public Origin {
        Objects.requireNonNull(file, "file");
        lines = Map.copyOf(lines);
    }

    public static Origin unknown(String file) {
        return new Origin(file, 0, Map.of());
    }

    /** The line of the node at {@code pointer}, or of its nearest located ancestor. */
    public int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer found = lines.get(p);
            if (found != null) {
                return found;
            }
            if (p.isEmpty()) {
                return line;
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
    }

    public Problem problem(String pointer, String message) {
        return new Problem(file, lineOf(pointer), pointer, message);
    }
}
