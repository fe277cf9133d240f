package io.sluice.metadata.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lake names for source field names ({@code column_names: sanitize}). Deterministic and collision-free: the same
 * list of source names always gives the same list of distinct lake names.
 */
public final class ColumnNames {
    /** A lake column name: what Spark, Delta and SQL read without quoting. */
    public static final Pattern LAKE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern OTHER = Pattern.compile("[^a-z0-9]+");

    private ColumnNames() {
    }

    /**
     * The lake name of each source name, in order: accents removed ({@code é} is {@code e}), lower case, every run
     * of other characters than {@code a-z} and {@code 0-9} one {@code _}, no {@code _} at either end; {@code c_} in
     * front of a name that is empty or starts with a digit; a name equal (ignoring case) to an earlier one gets
     * {@code _2}, {@code _3}, … (the first free one). Names listed in {@code taken} are never given.
     */
    public static List<String> sanitize(List<String> sourceNames, Set<String> taken) {
        Set<String> used = new HashSet<>();
        taken.forEach(t -> used.add(t.toLowerCase(Locale.ROOT)));
        List<String> out = new ArrayList<>();
        for (String source : sourceNames) {
            String base = base(source);
            String name = base;
            for (int i = 2; used.contains(name); i++) {
                name = base + "_" + i;
            }
            used.add(name);
            out.add(name);
        }
        return out;
    }

    /** The lake name of one source name, before collisions are resolved. */
    static String base(String source) {
        String plain = MARKS.matcher(Normalizer.normalize(source, Normalizer.Form.NFD)).replaceAll("");
        String name = OTHER.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("_");
        int start = 0;
        int end = name.length();
        while (start < end && name.charAt(start) == '_') {
            start++;
        }
        while (end > start && name.charAt(end - 1) == '_') {
            end--;
        }
        name = name.substring(start, end);
        return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "c_" + name : name;
    }
}
