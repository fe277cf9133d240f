package io.sluice.connector.files;

import java.io.IOException;

/**
 * A text file's bytes cannot be read as the extract declares them (bytes that do not decode in the declared
 * encoding, a header that cannot be parsed): the whole file is refused, never partly read.
 */
final class UnreadableTextException extends IOException {
    UnreadableTextException(String message) {
        super(message);
    }
}
