package io.sluice.onboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A draft dataset descriptor: what {@code sluice init} guessed, with its reasons.
 *
 * @param source     the source's name
 * @param name       the dataset's name
 * @param origin     where the guesses come from (the sample file, or the table), for the header comment
 * @param extract    the {@code extract} block, in writing order
 * @param nullValues the dataset's {@code null_values} (empty: none)
 * @param columns    the columns, in source order
 * @param validMode  the {@code valid.mode} to write, or null for the default
 * @param notes      dataset-level guesses and what could not be declared, for comments and the summary
 */
public record DatasetDraft(String source, String name, String origin, Map<String, Object> extract,
                           List<String> nullValues, List<ColumnDraft> columns, String validMode, List<String> notes) {
    public DatasetDraft {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        extract = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extract));
        nullValues = List.copyOf(nullValues);
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
    }

    /** The qualified name {@code source.dataset}. */
    public String qualifiedName() {
        return source + "." + name;
    }

    DatasetDraft withColumns(UnaryOperator<ColumnDraft> change) {
        List<ColumnDraft> changed = new ArrayList<>();
        columns.forEach(c -> changed.add(change.apply(c)));
        return new DatasetDraft(source, name, origin, extract, nullValues, changed, validMode, notes);
    }

    DatasetDraft withNote(String note) {
        List<String> all = new ArrayList<>(notes);
        all.add(note);
        return new DatasetDraft(source, name, origin, extract, nullValues, columns, validMode, all);
    }
}
