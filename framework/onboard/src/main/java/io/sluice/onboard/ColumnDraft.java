package io.sluice.onboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One column of a draft descriptor, with the reasons for each guess.
 *
 * @param name        the lake name (naming rule {@code [A-Za-z_][A-Za-z0-9_]*})
 * @param sourceName  the field's name in the source (header text or JSON key), as the run addresses it
 * @param type        {@code string}, {@code int}, {@code long}, {@code double}, {@code decimal(p,s)},
 *                    {@code boolean}, {@code date} or {@code timestamp}
 * @param formats     input patterns of a date or timestamp column (empty: the type's default)
 * @param nullable    whether a missing value was seen
 * @param key         whether the column is the dataset's key
 * @param allowed     the values of a low-cardinality string column, else empty
 * @param trueValues  tokens for true of a boolean column with tokens other than true/false, else empty
 * @param falseValues tokens for false, likewise
 * @param notes       why each guess was made, for the descriptor's comments and the printed summary
 */
public record ColumnDraft(String name, String sourceName, String type, List<String> formats, boolean nullable,
                          boolean key, List<String> allowed, List<String> trueValues, List<String> falseValues,
                          List<String> notes) {
    public ColumnDraft {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(type, "type");
        formats = List.copyOf(formats);
        allowed = List.copyOf(allowed);
        trueValues = List.copyOf(trueValues);
        falseValues = List.copyOf(falseValues);
        notes = List.copyOf(notes);
    }

    /** A nullable string column without constraints. */
    static ColumnDraft string(String name, String sourceName, List<String> notes) {
        return new ColumnDraft(name, sourceName, "string", List.of(), true, false, List.of(), List.of(), List.of(),
                notes);
    }

    /** Whether the lake name differs from the source name, so that the draft needs {@code from:}. */
    public boolean renamed() {
        return !name.equals(sourceName);
    }

    /** The first input pattern, if any. */
    public Optional<String> format() {
        return formats.isEmpty() ? Optional.empty() : Optional.of(formats.get(0));
    }

    ColumnDraft withKey(boolean isKey, String note) {
        return new ColumnDraft(name, sourceName, type, formats, nullable && !isKey, isKey, allowed, trueValues,
                falseValues, with(note));
    }

    /**
     * This column with every constraint removed and the type {@code string}: what a column becomes when the
     * sample does not publish with 0 errors as guessed.
     */
    ColumnDraft relaxed(String note) {
        return new ColumnDraft(name, sourceName, "string", List.of(), true, false, List.of(), List.of(), List.of(),
                with(note));
    }

    /** This column without its {@code allowed} list and {@code nullable: false}, type kept. */
    ColumnDraft unconstrained(String note) {
        return new ColumnDraft(name, sourceName, type, formats, true, false, List.of(), trueValues, falseValues,
                with(note));
    }

    private List<String> with(String note) {
        List<String> all = new ArrayList<>(notes);
        all.add(note);
        return all;
    }
}
