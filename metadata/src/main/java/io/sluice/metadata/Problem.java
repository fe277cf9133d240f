package io.sluice.metadata;

import java.util.Objects;

/**
 * One thing wrong with a descriptor file, located by file, line and JSON pointer.
 *
 * @param file    the descriptor file as the user named it (relative to the project when possible)
 * @param line    1-based line of the offending node, or 0 when unknown
 * @param pointer JSON pointer of the offending node inside its document, e.g. {@code /schema/3/type}
 * @param message what is wrong and what to write instead
 */
public record Problem(String file, int line, String pointer, String message) {
    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: /pointer: message}, the one format every descriptor error is printed in. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
