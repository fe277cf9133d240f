package io.sluice.connector.files;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path into a JSON record, as a column's {@code from} writes it: {@code address.city}, {@code tags[0]},
 * {@code a.b[2].c}, {@code `a.b`.c}.
 *
 * <h2>Syntax</h2>
 * A key, then any number of {@code .key} and {@code [n]} steps. A key is either bare (one or more characters other
 * than {@code .}, {@code [}, {@code ]} and {@code `}: spaces, {@code $} or unicode are fine) or written in
 * backquotes, where a backquote is doubled ({@code `a.b`}, {@code `x``y`}, {@code ``} for the empty key). An index
 * {@code n} is a decimal number without sign or leading zero ({@code 0}, {@code 12}), 0 for the first element.
 * Anything else ({@code a..b}, {@code a.}, {@code [0]}, {@code a[01]}, {@code a]}) is refused by {@link #parse}.
 * A one-key path is a top-level key: every plain key, as before paths existed.
 *
 * <h2>Evaluation</h2>
 * {@link JsonPathTree} walks a record's values: the first key is looked up as the record's top-level columns are
 * (exactly, else ignoring case: a record's top-level keys are unique ignoring case, see {@link JsonRecords}); the
 * steps after it compare keys exactly (inside a value, {@code "id"} and {@code "ID"} may both exist). The result
 * is the value at the path with its kind and text as for top-level values (numbers as written, objects and arrays
 * compact JSON), or empty (missing) when a key or element does not exist, and also when a step meets a value of
 * the wrong kind: an index into an object, a key into an array, anything into a string, number, boolean or null.
 * Missing, not a type error: a path says where a value is, and JSON sources leave out what they do not have
 * (validation then decides by {@code nullable}); Spark's {@code get_json_object} also gives null there.
 *
 * @param text     the path as written (the raw column's name)
 * @param segments the steps: the first is a {@link Key}
 */
record JsonPath(String text, List<Segment> segments) implements Serializable {

    /** One step of a path. */
    sealed interface Segment extends Serializable permits Key, Index {
    }

    /** A member of an object, by its exact key. */
    record Key(String name) implements Segment {
        Key {
            Objects.requireNonNull(name, "name");
        }
    }

    /** An element of an array, 0-based. */
    record Index(int position) implements Segment {
        Index {
            if (position < 0) {
                throw new IllegalArgumentException("negative index " + position);
            }
        }
    }

    JsonPath {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
        if (segments.isEmpty() || !(segments.get(0) instanceof Key)) {
            throw new IllegalArgumentException("a path starts with a key");
        }
    }

    /** The top-level key the path starts at. */
    String root() {
        return ((Key) segments.get(0)).name();
    }

    /** Whether the path is a top-level key alone. */
    boolean isTopLevel() {
        return segments.size() == 1;
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException when {@code text} is not a path; the message says what is wrong where and
     *                                  how to write it
     */
    static JsonPath parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        while (true) {
            i = key(text, i, segments);
            while (i < text.length() && text.charAt(i) == '[') {
                i = index(text, i, segments);
            }
            if (i == text.length()) {
                return new JsonPath(text, segments);
            }
            if (text.charAt(i) != '.') {
                throw invalid(text, "unexpected '" + text.charAt(i) + "' at position " + (i + 1));
            }
            i++;
        }
    }

    /** Reads the key at {@code i}, bare or in backquotes; returns the position after it. */
    private static int key(String text, int i, List<Segment> segments) {
        if (i < text.length() && text.charAt(i) == '`') {
            StringBuilder name = new StringBuilder();
            int j = i + 1;
            while (true) {
                if (j == text.length()) {
                    throw invalid(text, "the backquote at position " + (i + 1) + " is not closed");
                }
                char c = text.charAt(j++);
                if (c != '`') {
                    name.append(c);
                } else if (j < text.length() && text.charAt(j) == '`') {
                    name.append('`');
                    j++;
                } else {
                    segments.add(new Key(name.toString()));
                    return j;
                }
            }
        }
        int j = i;
        while (j < text.length() && ".[]`".indexOf(text.charAt(j)) < 0) {
            j++;
        }
        if (j == i) {
            throw invalid(text, j == text.length() ? (text.isEmpty() ? "it is empty" : "it ends after '.'")
                    : "expected a key at position " + (j + 1) + ", found '" + text.charAt(j) + "'");
        }
        segments.add(new Key(text.substring(i, j)));
        return j;
    }

    /** Reads the {@code [n]} at {@code i}; returns the position after it. */
    private static int index(String text, int i, List<Segment> segments) {
        int close = text.indexOf(']', i);
        String digits = close < 0 ? text.substring(i + 1) : text.substring(i + 1, close);
        boolean number = !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                && (digits.length() == 1 || digits.charAt(0) != '0') && digits.length() <= 9;
        if (close < 0 || !number) {
            throw invalid(text, "'[" + digits + (close < 0 ? "" : "]") + "' at position " + (i + 1)
                    + " is not an index (expected [n], n a whole number such as 0 or 12 without sign or leading zero)");
        }
        segments.add(new Index(Integer.parseInt(digits)));
        return close + 1;
    }

    private static IllegalArgumentException invalid(String text, String what) {
        return new IllegalArgumentException("'" + text + "' is not a JSON path: " + what + " (write keys separated"
                + " by dots and [n] for the n-th element of an array from 0, e.g. address.city or tags[0]; write a key"
                + " that holds a dot, a bracket or a backquote in backquotes, a backquote doubled, e.g. `a.b`.c)");
    }

    @Override
    public String toString() {
        return text;
    }
}
