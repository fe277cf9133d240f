package io.sluice.onboard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns each column's sample values into a {@link ColumnDraft}: null tokens, type, nullability, {@code allowed}
 * for low-cardinality text, and the dataset's key (a unique, never-missing column, preferring names that say
 * "id", "key" or "code").
 */
final class ColumnProfiles {
    private static final Pattern KEY_NAME = Pattern.compile("(?i)(id|.*[_ ]id|.*key|.*code|iata|.*_no|.*number)|.*[a-z]Id");

    private ColumnProfiles() {
    }

    /**
     * One column's values as read.
     *
     * @param sourceName the field's source name
     * @param values     one entry per well-formed record (null: missing)
     * @param kinds      the JSON kinds seen (empty for CSV)
     */
    record Values(String sourceName, List<String> values, Set<String> kinds) {
    }

    /** The null tokens the dataset should declare: those seen in otherwise-typed columns. */
    static Set<String> nullTokens(List<Values> columns, boolean multipleFormats) {
        Set<String> tokens = new LinkedHashSet<>();
        for (Values v : columns) {
            tokens.addAll(TypeInference.nullTokensOf(v.values(), multipleFormats));
        }
        return tokens;
    }

    /** The most frequent of {@code tokens} over every column (for a build that takes one null token only). */
    static String mostFrequent(List<Values> columns, Set<String> tokens) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Values v : columns) {
            for (String s : v.values()) {
                if (s != null && tokens.contains(s.strip())) {
                    counts.merge(s.strip(), 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
    }

    /**
     * The drafts of the columns; {@code null} entries of the result are columns that cannot be declared (nested
     * JSON values, numbers and text mixed in one JSON field): left undeclared, a run keeps them in
     * {@code _rescued}.
     */
    static List<ColumnDraft> draft(List<Values> columns, List<String> lakeNames, Set<String> nullTokens,
                                   boolean exactTokens, java.util.Set<Feature> features, List<String> notes) {
        List<ColumnDraft> drafts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            drafts.add(column(columns.get(i), lakeNames.get(i), nullTokens, exactTokens, features, notes));
        }
        return withKey(drafts, columns, nullTokens, exactTokens, notes);
    }

    private static ColumnDraft column(Values v, String name, Set<String> nullTokens, boolean exactTokens,
                                      Set<Feature> features, List<String> notes) {
        if (v.kinds().contains("object") || v.kinds().contains("array")) {
            notes.add("'" + v.sourceName() + "' holds nested JSON values: left undeclared (a run keeps it in"
                    + " _rescued)");
            return null;
        }
        List<String> values = withoutTokens(v.values(), nullTokens, exactTokens);
        List<String> why = new ArrayList<>();
        TypeInference.Guess guess = TypeInference.guess(values, features.contains(Feature.BOOLEAN_TOKENS),
                features.contains(Feature.FORMATS));
        boolean jsonNonText = v.kinds().contains("number") || v.kinds().contains("boolean");
        if (guess.type().equals("string") && jsonNonText) {
            notes.add("'" + v.sourceName() + "' mixes JSON numbers or booleans with text: left undeclared (a run"
                    + " keeps it in _rescued)");
            return null;
        }
        if (v.kinds().contains("string") && jsonNonText && guess.type().equals("boolean")) {
            guess = TypeInference.Guess.of("string", "text");
        }
        why.add(guess.why());
        long missing = values.stream().filter(s -> s == null).count();
        boolean nullable = missing > 0;
        why.add(nullable ? missing + " missing value(s)" : "never missing: nullable: false");
        List<String> allowed = List.of();
        if (guess.type().equals("string")) {
            allowed = allowed(values);
            if (!allowed.isEmpty()) {
                why.add(allowed.size() + " distinct values, each repeated: allowed");
            }
        }
        return new ColumnDraft(name, v.sourceName(), guess.type(), guess.formats(), nullable, false, allowed,
                guess.trueValues(), guess.falseValues(), why);
    }

    static List<String> withoutTokens(List<String> values, Set<String> tokens, boolean exact) {
        List<String> out = new ArrayList<>(values.size());
        for (String s : values) {
            out.add(s == null || tokens.contains(exact ? s : s.strip()) ? null : s);
        }
        return out;
    }

    private static List<String> allowed(List<String> values) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        long present = 0;
        for (String s : values) {
            if (s != null) {
                present++;
                counts.merge(s, 1, Integer::sum);
                if (counts.size() > TypeInference.MAX_ALLOWED) {
                    return List.of();
                }
            }
        }
        boolean repeated = counts.values().stream().allMatch(n -> n >= 2) && present >= 4;
        boolean short_ = counts.keySet().stream().allMatch(s -> s.length() <= 40 && !s.isBlank());
        return repeated && short_ && counts.size() >= 1 ? counts.keySet().stream().sorted().toList() : List.of();
    }

    private static List<ColumnDraft> withKey(List<ColumnDraft> drafts, List<Values> columns, Set<String> tokens,
                                             boolean exactTokens, List<String> notes) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            ColumnDraft d = drafts.get(i);
            if (d == null || d.nullable() || !List.of("int", "long", "string", "date").contains(d.type())) {
                continue;
            }
            List<String> values = withoutTokens(columns.get(i).values(), tokens, exactTokens);
            Set<String> seen = new HashSet<>();
            boolean unique = values.size() >= 2 && values.stream()
                    .allMatch(s -> s != null && s.length() <= 64 && seen.add(normal(s, d.type())));
            if (unique) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            notes.add("no column is unique and never missing in the sample: no key");
            return drafts;
        }
        // a name that says "id" wins; else text or a date (a code, a day); a unique number with another name is
        // more likely a measure that happens not to repeat in a small sample
        Optional<Integer> named = candidates.stream().filter(i -> KEY_NAME.matcher(drafts.get(i).name()).matches())
                .findFirst();
        Optional<Integer> chosenIndex = named.or(() -> candidates.stream()
                .filter(i -> List.of("string", "date").contains(drafts.get(i).type())).findFirst());
        if (chosenIndex.isEmpty()) {
            notes.add("no key: the unique columns (" + String.join(", ", candidates.stream()
                    .map(i -> drafts.get(i).name()).toList()) + ") are numbers whose names do not say id, key or code");
            return drafts;
        }
        int chosen = chosenIndex.get();
        List<String> others = candidates.stream().filter(i -> i != chosen).map(i -> drafts.get(i).name()).toList();
        List<ColumnDraft> out = new ArrayList<>(drafts);
        out.set(chosen, drafts.get(chosen).withKey(true, "unique and never missing in the sample: key"
                + (others.isEmpty() ? "" : " (other candidates: " + String.join(", ", others) + ")")));
        return out;
    }

    /** Values a typed key compares equal: {@code 01} and {@code 1} are one int. */
    private static String normal(String text, String type) {
        String t = text.strip();
        return switch (type) {
            case "int", "long" -> new java.math.BigInteger(t).toString();
            case "string" -> text;
            default -> t.toLowerCase(Locale.ROOT);
        };
    }
}
