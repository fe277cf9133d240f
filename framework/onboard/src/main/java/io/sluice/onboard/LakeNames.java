package io.sluice.onboard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lake names for source names, by the rule of {@code column_names: sanitize} (docs/descriptors.md): a source name
 * that already follows the naming rule and is unique ignoring case is kept; any other is lower-cased, every run of
 * characters other than {@code [a-z0-9]} becomes one {@code _}, leading and trailing {@code _} are removed, a name
 * that is empty or starts with a digit gets {@code c_} in front, and a name taken by an earlier column gets
 * {@code _2}, {@code _3}, …
 */
final class LakeNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private LakeNames() {
    }

    static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    /** One lake name per source name, in order, unique ignoring case. */
    static List<String> of(List<String> sourceNames) {
        Set<String> taken = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String source : sourceNames) {
            String base = isValid(source) ? source : sanitize(source);
            String name = base;
            for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + "_" + n;
            }
            out.add(name);
        }
        return out;
    }

    /** The sanitising rule itself, without de-duplication. */
    static String sanitize(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "c_" + s : s;
    }
}
