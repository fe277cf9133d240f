package io.sluice.connector.files;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a text file, as its format's {@link TextRecordParser} delimited it.
 *
 * @param line    the 1-based physical line the record starts on (line breaks inside quoted fields count)
 * @param offset  the index of the record's first character in the decoded text (after a dropped byte-order mark)
 * @param text    the record's exact characters, without the line break that ends it
 * @param ending  the line break that ended it: {@code "\n"}, {@code "\r"}, {@code "\r\n"}, or empty at end of file
 * @param values  the field values in file order (an element is null for a missing value); empty for a parse error
 * @param problem why the record could not be split into fields (what and where), empty for a well-formed record
 */
record TextRecord(long line, long offset, String text, String ending, List<String> values, Optional<String> problem) {
    TextRecord {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(problem, "problem");
        // values may hold nulls (missing values), which List.copyOf refuses
        values = Collections.unmodifiableList(values);
    }

    boolean isWellFormed() {
        return problem.isEmpty();
    }
}
