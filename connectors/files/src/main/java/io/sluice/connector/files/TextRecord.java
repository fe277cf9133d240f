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
 * @param names   the name of each value for formats whose records name their fields (JSON keys); null for
 *                positional fields (CSV), which the file's header or the declared columns name
 * @param problem why the record could not be split into fields (what and where), empty for a well-formed record
 * @param kinds   for JSON, the kind of each value ({@code string}, {@code number}, {@code boolean}, {@code null},
 *                {@code object}, {@code array}), in the order of {@code names}; null for other formats
 */
record TextRecord(long line, long offset, String text, String ending, List<String> values, List<String> names,
                  Optional<String> problem, List<String> kinds) {
    TextRecord {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(problem, "problem");
        // values may hold nulls (missing values), which List.copyOf refuses
        values = Collections.unmodifiableList(values);
        names = names == null ? null : List.copyOf(names);
        kinds = kinds == null ? null : List.copyOf(kinds);
    }

    /** A record of named or positional fields without kinds. */
    TextRecord(long line, long offset, String text, String ending, List<String> values, List<String> names,
               Optional<String> problem) {
        this(line, offset, text, ending, values, names, problem, null);
    }

    /** A record of positional fields. */
    TextRecord(long line, long offset, String text, String ending, List<String> values, Optional<String> problem) {
        this(line, offset, text, ending, values, null, problem);
    }

    boolean isWellFormed() {
        return problem.isEmpty();
    }
}
