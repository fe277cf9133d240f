package io.sluice.connector.files;

import static io.sluice.connector.files.JsonRecordsValues.at;
import static io.sluice.connector.files.JsonRecordsValues.cut;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict, streaming parser of the records of one JSON file: the one parser the landing (to count records and
 * collect keys) and the Spark read job (to produce rows) share, so that both always agree.
 *
 * <h2>Layouts</h2>
 * The extract option {@code layout: lines | array} declares the layout ({@link Layout#parse}); without it the
 * layout is detected from the first character of the file that is not JSON whitespace (space, tab, line feed,
 * carriage return): {@code [} means {@link Layout#ARRAY}, anything else {@link Layout#LINES}. A file holding
 * only whitespace has no records in either layout. The caller decodes the bytes strictly (UTF-8) and removes a
 * byte-order mark; a decoding failure is an {@link IOException} from the caller's {@link Reader}, passed on as is.
 * <ul>
 * <li><b>lines</b> (JSON lines): lines end at {@code \n}, {@code \r\n} or {@code \r}. A line holding only spaces
 *     and tabs is no record (as Spark's line reader counted); every other line is exactly one record, whatever it
 *     holds: it must hold one JSON object and nothing else but whitespace, else the record has a
 *     {@link Record#problem problem} ({@code {"a":1}{"a":2}}, {@code {"a":1} x}, {@code {"a":1},}, {@code [1]},
 *     {@code 3}, a truncated object, a duplicate key, a key that differs from another only in case, a key named
 *     as a bookkeeping column such as {@code _line}: Spark resolves column names ignoring case, and those keys
 *     could not each have their column). The record's {@link Record#line line} is the line's
 *     1-based number, its {@link Record#text text} the line without its line break. So the number of records is
 *     always the number of non-blank lines, and no line is ever merged, split or dropped.</li>
 * <li><b>array</b>: the file is one JSON array ({@code [ {...}, {...} ]}) over any number of lines. Each element
 *     is one record: its line is the line its first character is on, its text the element's source text, exactly
 *     (from its first to its last character). An element that is not an object, or an object with one of the
 *     keys above, is a record with a problem. Any broken syntax (a missing comma or bracket, a truncated file, a bad
 *     token inside an element, text after the closing {@code ]}) leaves no reliable way to tell where elements
 *     start and end: {@link #next()} then throws {@link BrokenFileException} (its message says what was found,
 *     line and column), and the landing refuses the whole file with that reason. The records returned before
 *     the failure must then be discarded by the caller.</li>
 * </ul>
 *
 * <h2>Values</h2>
 * A record without a problem carries its values in key order ({@link Record#values}); a record with a problem
 * carries none. Each value has a {@link Kind} and a text:
 * <ul>
 * <li>{@code string}: the decoded string ({@code "caf\u00e9"} gives {@code café});</li>
 * <li>{@code number}: the number exactly as written ({@code 1.10}, {@code 1e3}, {@code -0} stay so: never
 *     converted nor reformatted);</li>
 * <li>{@code boolean}: {@code true} or {@code false};</li>
 * <li>{@code null}: no text (null);</li>
 * <li>{@code object}, {@code array}: the value re-serialised as compact JSON: no whitespace, members and elements
 *     in source order, numbers exactly as written, strings re-escaped by Jackson (so {@code "\u00e9"} becomes
 *     {@code "é"}, a control character becomes {@code \n} or {@code \u0001}).</li>
 * </ul>
 * The parsing is strict JSON (RFC 8259): no comments, single quotes, unquoted keys, {@code NaN}/{@code Infinity},
 * leading zeros, leading {@code +}, trailing commas, unescaped control characters; keys are unique within each
 * object at any depth. Jackson's limits apply (number texts up to 1000 characters, nesting up to 1000 levels):
 * beyond them a line is a record with a problem, an array file is broken. Duplicate keys are found here and not
 * by Jackson's {@code STRICT_DUPLICATE_DETECTION}: Jackson reports them by an exception that leaves an array
 * unreadable, where a duplicate key only spoils its own element.
 *
 * <h2>What the infrastructure uses</h2>
 * <ul>
 * <li>{@link #next()}: the records, in file order;</li>
 * <li>{@link #records()}: how many records {@code next()} has returned (problems included): the file's record
 *     count in the manifest;</li>
 * <li>{@link #keys()}: the union of the top-level keys of the records without a problem, in first-seen order: the
 *     landing stores them as the file's fields, so that drift sees keys the dataset does not declare.</li>
 * </ul>
 *
 * <h2>Output contract of the Spark reader</h2>
 * One row per record, with:
 * <ul>
 * <li>one nullable string column per declared source name, named by it as written: a top-level key or a
 *     {@link JsonPath} ({@code address.city}, {@code tags[0]}), holding the text of the value there (see
 *     {@link JsonPaths}); then one per key seen at landing that no declared path covers, names as written. A
 *     value is null for a JSON null and for a key or path the record lacks. A top-level key is matched ignoring
 *     case (a declared {@code id} takes the key {@code ID}, as {@code ValidationCompiler} matches CSV header
 *     fields; {@link #keys()} lists one spelling per key), so no two columns differ only in case;</li>
 * <li>{@code _json_kinds} ({@code RawColumns.JSON_KINDS}), {@code map<string,string>} from the value's column
 *     name (as spelled in the row's schema, which validation looks it up by: a path's column by its path) to the
 *     {@link Kind#label() kind label}, for the values whose kind is neither {@code string} nor {@code null} (the
 *     common all-string row carries an empty map); empty (not null) for a record with a problem;</li>
 * <li>{@code _corrupt_record}: the record's {@link Record#text text} when it has a problem, else null (all key
 *     columns are then null);</li>
 * <li>{@code _source_file}, {@code _line} ({@link Record#line}) as for CSV.</li>
 * </ul>
 * Validation then rejects a non-string kind in a string column, and an object or array in any other column.
 *
 * <p>Not thread-safe; one instance reads one file. The caller closes the {@link Reader} (closing this closes it).
 */
final class JsonRecords implements Closeable {

    /** How a file's records are laid out; the extract option {@code layout}. */
    enum Layout {
        /** Detected from the file's first non-whitespace character: {@code [} is an array, else lines. */
        DETECT,
        /** JSON lines: one object per non-blank line. */
        LINES,
        /** One top-level array of objects, across any number of lines. */
        ARRAY;

        /** The layout an extract's {@code layout} option names ({@code lines} or {@code array}), if any. */
        static Optional<Layout> parse(String option) {
            return switch (option) {
                case "lines" -> Optional.of(LINES);
                case "array" -> Optional.of(ARRAY);
                default -> Optional.empty();
            };
        }
    }

    /** The kind of a JSON value. */
    enum Kind {
        STRING, NUMBER, BOOLEAN, NULL, OBJECT, ARRAY;

        /** The lower-case name carried in {@code _json_kinds} and in messages: {@code string}, {@code number}… */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One value of a record.
     *
     * @param kind the JSON kind
     * @param text the value as text (see {@link JsonRecords}); null exactly for {@link Kind#NULL}
     */
    record Value(Kind kind, String text) {
        Value {
            Objects.requireNonNull(kind, "kind");
            if ((text == null) != (kind == Kind.NULL)) {
                throw new IllegalArgumentException("a " + kind.label() + " value " + (text == null ? "needs" : "has no")
                        + " text");
            }
        }
    }

    /**
     * One record.
     *
     * @param line    1-based line of the file the record starts on
     * @param text    the record's exact source text (lines: the line without its break; array: the element)
     * @param values  the top-level values in key order; empty when {@code problem} is present
     * @param problem why the record is not one JSON object (what was found, line and column), if it is not
     */
    record Record(long line, String text, Map<String, Value> values, Optional<String> problem) {
        Record {
            Objects.requireNonNull(text, "text");
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            Objects.requireNonNull(problem, "problem");
            if (problem.isPresent() && !values.isEmpty()) {
                throw new IllegalArgumentException("a record with a problem has no values");
            }
        }
    }

    /**
     * An array file whose syntax is broken, so that it cannot be split into records: the whole file is refused.
     * The message says what was found, with line and column.
     */
    static final class BrokenFileException extends IOException {
        BrokenFileException(String message) {
            super(message);
        }
    }

    static final JsonFactory FACTORY = JsonFactory.builder()
            // Strict JSON, stated even where it is Jackson's default: these are the promises of the class.
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .disable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .disable(JsonReadFeature.ALLOW_MISSING_VALUES)
            .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .disable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            // the caller owns the reader; the locations we report are ours, not Jackson's "[Source: ...]"
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final Pattern OPENED_AT =
            Pattern.compile(" \\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)");

    private final Reader input;
    private final Layout layout;
    private final Set<String> keys = new LinkedHashSet<>();
    private final Set<String> keysIgnoringCase = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private long records;
    /** Lines layout: the reader of the lines, and the number of the line read last. */
    private BufferedReader lines;
    private long line;
    /** Array layout: the parser, the text it read, and the lines skipped before the {@code [}. */
    private JsonParser array;
    private Recording recording;
    private long linesBefore;
    private boolean done;

    private JsonRecords(Reader input, Layout layout) {
        this.input = input;
        this.layout = layout;
    }

    /**
     * Starts reading a file; reads up to its first non-whitespace character to settle the layout.
     *
     * @param input  the file's text, strictly decoded
     * @param layout the declared layout, or {@link Layout#DETECT}
     * @throws BrokenFileException when {@code layout} is {@link Layout#ARRAY} and the file does not start with
     *                             {@code [}
     * @throws IOException         when {@code input} fails
     */
    static JsonRecords open(Reader input, Layout layout) throws IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(layout, "layout");
        JsonRecords result = new JsonRecords(input, layout);
        result.start();
        return result;
    }

    /** The layout of the file: the declared one, or the detected one ({@link Layout#LINES} for an empty file). */
    Layout layout() {
        return array != null ? Layout.ARRAY : layout == Layout.DETECT ? Layout.LINES : layout;
    }

    /** How many records {@link #next()} has returned so far. */
    long records() {
        return records;
    }

    /**
     * The top-level keys of the records without a problem returned so far, in first-seen order; a key equal to an
     * earlier one ignoring case is not listed again (the reader gives both the one column).
     */
    Set<String> keys() {
        return Collections.unmodifiableSet(keys);
    }

    /**
     * The next record, or empty at the end of the file.
     *
     * @throws BrokenFileException when the file is an array whose syntax is broken
     * @throws IOException         when the reader fails (e.g. bytes that are not UTF-8)
     */
    Optional<Record> next() throws IOException {
        if (done) {
            return Optional.empty();
        }
        Optional<Record> next = array != null ? nextElement() : nextLine();
        next.ifPresentOrElse(r -> {
            records++;
            for (String key : r.values().keySet()) {
                if (keysIgnoringCase.add(key)) {
                    keys.add(key);
                }
            }
        }, () -> done = true);
        return next;
    }

    @Override
    public void close() throws IOException {
        if (array != null) {
            array.close();
        }
        input.close();
    }

    /** Skips the leading whitespace, counting its lines, and settles the layout from the character after it. */
    private void start() throws IOException {
        BufferedReader in = new BufferedReader(input);
        StringBuilder sameLine = new StringBuilder();
        long skipped = 0;
        boolean afterCr = false;
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r' || (c == '\n' && !afterCr)) {
                skipped++;
            }
            if (c == '\r' || c == '\n') {
                sameLine.setLength(0);
            } else if (c == ' ' || c == '\t') {
                sameLine.append((char) c);
            } else {
                break;
            }
            afterCr = c == '\r';
        }
        if (c == -1) {
            done = true;
            return;
        }
        // The whitespace before the first character on its line belongs to the first record's line and columns.
        sameLine.append((char) c);
        PushbackReader rest = new PushbackReader(in, sameLine.length());
        rest.unread(sameLine.toString().toCharArray());
        if (layout == Layout.ARRAY && c != '[') {
            throw new BrokenFileException("expected a JSON array ('[') at line " + (skipped + 1) + ", column "
                    + sameLine.length() + ", found " + describe((char) c) + " (the extract declares layout: array)");
        }
        if (c == '[' && layout != Layout.LINES) {
            linesBefore = skipped;
            recording = new Recording(rest);
            array = FACTORY.createParser(recording);
            try {
                array.nextToken();
            } catch (JsonProcessingException e) {
                throw broken(e);
            }
        } else {
            line = skipped;
            lines = new BufferedReader(rest);
        }
    }

    private Optional<Record> nextLine() throws IOException {
        String text;
        do {
            text = lines.readLine();
            if (text == null) {
                return Optional.empty();
            }
            line++;
        } while (isBlank(text));
        Map<String, Value> values = new LinkedHashMap<>();
        Optional<String> problem;
        try (JsonParser parser = FACTORY.createParser(text)) {
            problem = oneObject(parser, values);
        } catch (JsonProcessingException e) {
            problem = Optional.of(message(e, line - 1));
        }
        return Optional.of(record(line, text, values, problem));
    }

    /** Reads the line's one object into {@code values}; the problem if the line is anything else. */
    private Optional<String> oneObject(JsonParser parser, Map<String, Value> values) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            return Optional.of("expected a JSON object, found " + found(first, parser) + at(parser, line - 1));
        }
        Optional<String> problem = JsonRecordsValues.readObject(parser, values, line - 1);
        if (problem.isPresent()) {
            return problem;
        }
        JsonToken after = parser.nextToken();
        if (after != null) {
            return Optional.of("expected the end of the line after the object, found " + found(after, parser)
                    + at(parser, line - 1) + " (one JSON object per line)");
        }
        return Optional.empty();
    }

    private Optional<Record> nextElement() throws IOException {
        try {
            JsonToken token = array.nextToken();
            if (token == JsonToken.END_ARRAY) {
                JsonToken after = array.nextToken();
                if (after != null) {
                    throw new BrokenFileException("expected the end of the file after the array's closing ']', found "
                            + found(after, array) + at(array, linesBefore));
                }
                return Optional.empty();
            }
            JsonLocation start = array.currentTokenLocation();
            long elementLine = linesBefore + start.getLineNr();
            Map<String, Value> values = new LinkedHashMap<>();
            Optional<String> problem;
            if (token == JsonToken.START_OBJECT) {
                problem = JsonRecordsValues.readObject(array, values, linesBefore);
            } else {
                problem = Optional.of("expected a JSON object, found " + found(token, array) + at(array, linesBefore)
                        + " (each element of the array is one record)");
                array.skipChildren();
                // a string token is read lazily: finish it so that the location below is after its closing quote
                array.getText();
            }
            long end = array.currentLocation().getCharOffset();
            String text = recording.text(start.getCharOffset(), end);
            recording.forgetBefore(end);
            return Optional.of(record(elementLine, text, values, problem));
        } catch (BrokenFileException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw broken(e);
        }
    }

    private static Record record(long line, String text, Map<String, Value> values, Optional<String> problem) {
        if (problem.isPresent()) {
            values.clear();
        }
        return new Record(line, text, values, problem);
    }

    /** What a token is, for a message: {@code an array}, {@code a number (3)}, {@code the end of the line}. */
    private static String found(JsonToken token, JsonParser parser) throws IOException {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT -> "a second object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number (" + cut(parser.getText()) + ")";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean (" + parser.getText() + ")";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    /**
     * Jackson's own description of a syntax error (its first line, without Jackson's location) and our location;
     * {@code linesBefore} is the number of the file's lines before the parser's line 1.
     */
    private static String message(JsonProcessingException e, long linesBefore) {
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        what = what.lines().findFirst().orElse(what);
        // Jackson names where an unclosed object or array starts in its own words; say it in ours
        Matcher opened = OPENED_AT.matcher(what);
        if (opened.find()) {
            what = what.substring(0, opened.start()) + " (opened" + at(Long.parseLong(opened.group(1)) + linesBefore,
                    Long.parseLong(opened.group(2))) + ")" + what.substring(opened.end());
        }
        JsonLocation location = e.getLocation();
        return location == null ? what : what + at(location.getLineNr() + linesBefore, location.getColumnNr());
    }

    private BrokenFileException broken(JsonProcessingException e) {
        return new BrokenFileException("the JSON array is broken, so its elements cannot be told apart: "
                + message(e, linesBefore));
    }

    private static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String describe(char c) {
        return Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    /**
     * Keeps the characters the parser reads from the offset of the current element on, so that an element's
     * exact source text can be cut out of them by the parser's character offsets. Hand-written: Jackson gives
     * the offsets of tokens but not the text between them.
     */
    private static final class Recording extends FilterReader {
        private final StringBuilder kept = new StringBuilder();
        /** The offset in the input of {@code kept}'s first character. */
        private long first;

        Recording(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c != -1) {
                kept.append((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                kept.append(buffer, offset, n);
            }
            return n;
        }

        String text(long from, long to) {
            return kept.substring((int) (from - first), (int) (to - first));
        }

        void forgetBefore(long offset) {
            kept.delete(0, (int) (offset - first));
            first = offset;
        }
    }
}
