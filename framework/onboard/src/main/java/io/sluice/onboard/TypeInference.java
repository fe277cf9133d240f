package io.sluice.onboard;

import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Guesses the strictest declared type every sample value of a column parses as, with the notation rules of
 * validation (plain whole numbers, plain decimals, {@code true}/{@code false}, Spark datetime patterns). The
 * guesses are then proven on the whole sample by the validation itself ({@link DraftVerifier}); a guess that
 * rejects a value is relaxed there.
 */
final class TypeInference {
    /** Texts that commonly stand for a missing value in exported files. */
    static final List<String> NULL_TOKENS = List.of("NA", "N/A", "n/a", "na", "NULL", "null", "Null", "None",
            "none", "NaN", "nan", "-", "--", "?", "#N/A", "(null)", "nil");
    /** A string column with at most this many distinct values (each seen at least twice) gets {@code allowed}. */
    static final int MAX_ALLOWED = 12;
    /** Extra integer digits a decimal gets beyond the widest sample value, so that a larger delivery still fits. */
    static final int DECIMAL_HEADROOM = 2;

    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern FLOATING = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final List<String> DATE_PATTERNS = List.of("yyyy-MM-dd", "yyyy/MM/dd", "dd/MM/yyyy",
            "MM/dd/yyyy", "dd.MM.yyyy", "dd-MM-yyyy", "d/M/yyyy", "M/d/yyyy", "d.M.yyyy", "MMM d yyyy", "d MMM yyyy",
            "dd-MMM-yyyy", "MMMM d, yyyy", "MMM d, yyyy");
    private static final List<String> TIME_PARTS = List.of("HH:mm:ss", "HH:mm");
    private static final List<String> OFFSETS = List.of("", "XXX");
    private static final List<List<String>> BOOLEAN_TOKENS = List.of(List.of("y", "n"), List.of("yes", "no"),
            List.of("t", "f"), List.of("on", "off"));

    private TypeInference() {
    }

    /** A column's guess: type, formats, boolean tokens and why. */
    record Guess(String type, List<String> formats, List<String> trueValues, List<String> falseValues, String why) {
        static Guess of(String type, String why) {
            return new Guess(type, List.of(), List.of(), List.of(), why);
        }
    }

    /**
     * The tokens of {@link #NULL_TOKENS} found in a column whose other values all parse as one non-string type;
     * empty when the column is text anyway (a token there is just a value).
     */
    static Set<String> nullTokensOf(List<String> values, boolean multipleFormats) {
        Set<String> tokens = new LinkedHashSet<>();
        List<String> rest = new ArrayList<>();
        for (String v : values) {
            if (v == null) {
                continue;
            }
            String t = v.strip();
            if (NULL_TOKENS.contains(t)) {
                tokens.add(t);
            } else {
                rest.add(v);
            }
        }
        if (tokens.isEmpty() || rest.isEmpty()) {
            return Set.of();
        }
        return guess(rest, false, multipleFormats).type().equals("string") ? Set.of() : tokens;
    }

    /**
     * The strictest type all {@code values} (non-null, surrounding spaces ignored) parse as.
     *
     * @param booleanTokens whether {@code Y}/{@code N}-style tokens may make a boolean
     * @param multipleFormats whether a date/timestamp column may have several patterns
     */
    static Guess guess(List<String> values, boolean booleanTokens, boolean multipleFormats) {
        List<String> texts = new ArrayList<>();
        for (String v : values) {
            if (v != null) {
                texts.add(v.strip());
            }
        }
        if (texts.isEmpty()) {
            return Guess.of("string", "no value in the sample: string");
        }
        if (texts.stream().anyMatch(String::isEmpty)) {
            return Guess.of("string", "empty text values: string");
        }
        if (texts.stream().allMatch(t -> t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false"))) {
            return Guess.of("boolean", "every value is true or false");
        }
        if (texts.stream().allMatch(t -> WHOLE.matcher(t).matches())) {
            Optional<Guess> whole = whole(texts);
            if (whole.isPresent()) {
                return whole.get();
            }
        } else if (texts.stream().allMatch(t -> PLAIN_DECIMAL.matcher(t).matches())) {
            return decimal(texts);
        } else if (texts.stream().allMatch(t -> FLOATING.matcher(t).matches())) {
            return Guess.of("double", "numbers in exponent notation");
        }
        Optional<Guess> datetime = datetime(texts, multipleFormats);
        if (datetime.isPresent()) {
            return datetime.get();
        }
        if (booleanTokens) {
            Optional<Guess> tokens = booleanTokens(texts);
            if (tokens.isPresent()) {
                return tokens.get();
            }
        }
        return Guess.of("string", "text");
    }

    private static Optional<Guess> whole(List<String> texts) {
        boolean leadingZero = texts.stream().anyMatch(t -> t.replaceFirst("^[+-]", "").matches("0[0-9]+"));
        if (leadingZero) {
            return Optional.of(Guess.of("string", "whole numbers with leading zeros (codes, not quantities): string"));
        }
        BigInteger max = BigInteger.ZERO;
        for (String t : texts) {
            BigInteger n = new BigInteger(t).abs();
            max = max.max(n);
        }
        if (max.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) <= 0) {
            return Optional.of(Guess.of("int", "whole numbers within the int range"));
        }
        if (max.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) <= 0) {
            return Optional.of(Guess.of("long", "whole numbers beyond the int range"));
        }
        int digits = max.toString().length();
        return digits <= 38 ? Optional.of(Guess.of("decimal(" + Math.min(38, digits + DECIMAL_HEADROOM) + ",0)",
                "whole numbers beyond the long range")) : Optional.of(Guess.of("string", "numbers of more than 38 digits"));
    }

    private static Guess decimal(List<String> texts) {
        int scale = 0;
        int integer = 1;
        for (String t : texts) {
            String unsigned = t.replaceFirst("^[+-]", "");
            int dot = unsigned.indexOf('.');
            String whole = dot < 0 ? unsigned : unsigned.substring(0, dot);
            String fraction = dot < 0 ? "" : unsigned.substring(dot + 1);
            scale = Math.max(scale, fraction.length());
            String significant = whole.replaceFirst("^0+", "");
            integer = Math.max(integer, significant.length());
        }
        int precision = integer + scale + DECIMAL_HEADROOM;
        if (precision > 38) {
            return Guess.of("double", "decimals wider than 38 digits");
        }
        return Guess.of("decimal(" + precision + "," + scale + ")", "plain decimals with up to " + scale
                + " decimal place(s) and " + integer + " integer digit(s) (+" + DECIMAL_HEADROOM + " digits headroom)");
    }

    private static Optional<Guess> datetime(List<String> texts, boolean multipleFormats) {
        if (texts.stream().noneMatch(t -> Character.isDigit(t.charAt(0)) || Character.isLetter(t.charAt(0)))) {
            return Optional.empty();
        }
        for (String pattern : DATE_PATTERNS) {
            if (parsesAll(texts, pattern, false)) {
                return Optional.of(new Guess("date", List.of(pattern), List.of(), List.of(),
                        "every value is a date of the pattern " + pattern + ambiguity(texts, pattern)));
            }
        }
        List<String> timestamps = timestampPatterns(texts);
        for (String pattern : timestamps) {
            if (parsesAll(texts, pattern, true)) {
                return Optional.of(new Guess("timestamp", List.of(pattern), List.of(), List.of(),
                        "every value is a timestamp of the pattern " + pattern));
            }
        }
        if (multipleFormats) {
            return severalPatterns(texts);
        }
        return Optional.empty();
    }

    /** Two patterns that together parse every value (dates first), when no single one does. */
    private static Optional<Guess> severalPatterns(List<String> texts) {
        for (boolean time : new boolean[] {false, true}) {
            List<String> patterns = time ? timestampPatterns(texts) : DATE_PATTERNS;
            for (String first : patterns) {
                List<String> rest = texts.stream().filter(t -> !parses(t, first, time)).toList();
                if (rest.size() == texts.size()) {
                    continue;
                }
                for (String second : patterns) {
                    if (!second.equals(first) && parsesAll(rest, second, time)) {
                        return Optional.of(new Guess(time ? "timestamp" : "date", List.of(first, second), List.of(),
                                List.of(), "every value parses with one of the patterns " + first + ", " + second));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> timestampPatterns(List<String> texts) {
        int fraction = -1;
        for (String t : texts) {
            java.util.regex.Matcher m = Pattern.compile(":[0-9]{2}\\.([0-9]+)").matcher(t);
            int width = m.find() ? m.group(1).length() : 0;
            if (fraction >= 0 && fraction != width) {
                fraction = -2;
                break;
            }
            fraction = width;
        }
        List<String> patterns = new ArrayList<>();
        for (String day : List.of("yyyy-MM-dd", "yyyy/MM/dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy")) {
            for (String separator : day.startsWith("yyyy-") ? List.of(" ", "'T'") : List.of(" ")) {
                for (String time : TIME_PARTS) {
                    for (String offset : OFFSETS) {
                        String seconds = fraction > 0 && time.endsWith("ss") ? "." + "S".repeat(fraction) : "";
                        patterns.add(day + separator + time + seconds + offset);
                    }
                }
            }
        }
        return patterns;
    }

    private static String ambiguity(List<String> texts, String pattern) {
        String swapped = pattern.startsWith("dd/MM") ? pattern.replace("dd/MM", "MM/dd")
                : pattern.startsWith("d/M") ? pattern.replace("d/M", "M/d") : null;
        return swapped != null && parsesAll(texts, swapped, false)
                ? " (" + swapped + " parses every value too: check which one the sender means)" : "";
    }

    private static boolean parsesAll(List<String> texts, String pattern, boolean time) {
        DateTimeFormatter formatter = formatter(pattern);
        for (String t : texts) {
            if (!parses(t, formatter, time)) {
                return false;
            }
        }
        return true;
    }

    private static boolean parses(String text, String pattern, boolean time) {
        return parses(text, formatter(pattern), time);
    }

    private static boolean parses(String text, DateTimeFormatter formatter, boolean time) {
        try {
            if (time) {
                formatter.parse(text);
            } else {
                java.time.LocalDate.parse(text, formatter);
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static final Map<String, DateTimeFormatter> FORMATTERS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Java's reading of a Spark pattern: the same letters, case-insensitive month names, strict dates. Spark's
     * {@code yyyy} is the proleptic year, Java's {@code uuuu} under a strict resolver.
     */
    private static DateTimeFormatter formatter(String pattern) {
        return FORMATTERS.computeIfAbsent(pattern, p -> new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendPattern(p.replace("yyyy", "uuuu")).toFormatter(Locale.US)
                .withResolverStyle(ResolverStyle.STRICT));
    }

    private static Optional<Guess> booleanTokens(List<String> texts) {
        Set<String> lower = new TreeSet<>();
        texts.forEach(t -> lower.add(t.toLowerCase(Locale.ROOT)));
        for (List<String> pair : BOOLEAN_TOKENS) {
            if (pair.containsAll(lower) && lower.size() == 2) {
                Map<String, String> written = new LinkedHashMap<>();
                texts.forEach(t -> written.putIfAbsent(t.toLowerCase(Locale.ROOT), t));
                return Optional.of(new Guess("boolean", List.of(), List.of(written.get(pair.get(0))),
                        List.of(written.get(pair.get(1))), "every value is " + written.get(pair.get(0)) + " or "
                        + written.get(pair.get(1))));
            }
        }
        return Optional.empty();
    }
}
