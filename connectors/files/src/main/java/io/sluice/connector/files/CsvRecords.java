package io.sluice.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one definition of a CSV/TSV record (RFC 4180), used to count records while landing and to make rows while
 * reading.
 *
 * <ul>
 *   <li>Fields are separated by the delimiter; a field may be quoted. Inside quotes a doubled quote is one quote,
 *       and a declared escape character other than the quote is an alternative: it makes the quote or itself that
 *       follows it data (before any other character it is kept as data).</li>
 *   <li>Quoted fields keep CR, LF and CRLF exactly as delivered. Outside quotes a record ends at CR, LF or CRLF.</li>
 *   <li>An empty line (no character between two line breaks) is no record; a line of spaces is one.</li>
 *   <li>An unquoted empty field, or unquoted text equal to {@code null_value}, is null; a quoted empty field is the
 *       empty string. A quote inside an unquoted field is data. NUL and every other character are data.</li>
 *   <li>A record's line is the physical line it starts on, 1-based (a header is line 1).</li>
 *   <li>Parse errors belong to one record, which is returned with its exact text and a problem: a quote closing
 *       a quoted field followed by something other than a delimiter or a line break (a bare quote inside a quoted
 *       field, or text after the closing quote), or a quote left open at the end of the file (or for more than
 *       {@link #MAX_QUOTED} characters). The malformed record ends at the first line break after its start, and
 *       parsing resumes after that line break: a stray quote spoils its own line, not every line up to the next
 *       quote of the file. A well-formed record spanning lines stays one record whatever its number of fields (a
 *       wrong number makes the whole of it one corrupt row: RFC 4180 reads it so).</li>
 * </ul>
 *
 * <p>Hand-written rather than built on Apache Commons CSV or FastCSV: neither gives a malformed record's exact text
 * together with a deterministic resynchronisation point (Commons CSV throws and loses its position; FastCSV's
 * lenient modes accept bare quotes as data), nor whether an empty field was quoted in a form both could share
 * with the landing's byte counting. The state machine is a few dozen lines.
 */
final class CsvRecords implements TextRecordParser {
    /** A quoted field this long without its closing quote is taken as an unterminated quote (memory bound). */
    static final int MAX_QUOTED = 16 << 20;
    private static final int NO_CHAR = -1;

    /**
     * The syntax of a delimited file.
     *
     * @param delimiter the field separator
     * @param quote     the quote character, or -1 when quoting is off
     * @param escape    the escape character inside quotes ({@code quote} itself for RFC 4180 doubling)
     * @param nullValue unquoted text that means a missing value
     */
    record Syntax(char delimiter, int quote, int escape, String nullValue) implements Serializable {
        /**
         * Whole lines: no quoting, and a line break as the delimiter, which never splits a record since a line
         * break ends it first (fixed-width records, split by their layout afterwards).
         */
        static final Syntax LINES = new Syntax('\n', NO_CHAR, '\n', "");

        static Syntax of(FileExtract extract) {
            int quote = extract.quote().isEmpty() ? NO_CHAR : extract.quote().charAt(0);
            return new Syntax(extract.delimiter().charAt(0), quote, extract.escape().charAt(0), extract.nullValue());
        }
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, ESCAPED, AFTER_QUOTE, ERROR }

    private final Reader in;
    private final Syntax syntax;
    private char[] buffer = new char[1 << 14];
    private int position;
    private int limit;
    private boolean endOfInput;
    /** The index in the decoded text of {@code buffer[0]}. */
    private long bufferOffset;
    /** The physical line of the next character. */
    private long line = 1;
    private boolean afterCr;
    private List<String> header = List.of();
    private TextRecord headerRecord;
    /** Records returned after the header. */
    private long records;
    /** Byte offsets, tracked only while marking: the offset of {@code buffer[bytePosition]}. */
    private Bytes bytes;
    private int bytePosition;
    private long byteOffset;
    private long recordStartByte;
    private long splitEvery;
    private boolean readingHeader;
    private boolean firstFill = true;
    private long nextMark;
    private final List<LineMark> marks = new ArrayList<>();
    /** Preamble lines read before the header, returned first. */
    private final java.util.ArrayDeque<TextRecord> preamble = new java.util.ArrayDeque<>();

    private CsvRecords(Reader in, Syntax syntax) {
        this.in = in;
        this.syntax = syntax;
    }

    /** How many bytes a character takes in the file's encoding, where that can be told character by character. */
    private enum Bytes {
        ONE, UTF_8;

        static Optional<Bytes> of(Charset charset) {
            if (charset.name().equalsIgnoreCase("UTF-8")) {
                return Optional.of(UTF_8);
            }
            boolean single = charset.canEncode() && charset.newEncoder().maxBytesPerChar() == 1.0f;
            return single ? Optional.of(ONE) : Optional.empty();
        }

        long length(char[] chars, int from, int to) {
            if (this == ONE) {
                return to - from;
            }
            long n = 0;
            for (int i = from; i < to; i++) {
                char c = chars[i];
                // a surrogate pair is 4 bytes: 2 for each half
                n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            return n;
        }
    }

    /** A parser over characters already decoded. */
    static CsvRecords of(Reader in, Syntax syntax) {
        return new CsvRecords(in, syntax);
    }

    /**
     * A parser over {@code bytes} decoded strictly with {@code charset}; with {@code header}, the first record is
     * read at once as the header.
     *
     * @throws UnreadableTextException when the header cannot be parsed or its bytes do not decode
     */
    static CsvRecords open(InputStream bytes, Charset charset, Syntax syntax, boolean header) throws IOException {
        return open(bytes, charset, syntax, header, 0);
    }

    /**
     * A parser of a whole file that also notes a {@link LineMark} at the first record starting
     * at or after every multiple of {@code splitEvery} bytes (none when 0, or when the encoding's byte lengths cannot
     * be told character by character), so that a reader can start there ({@link #openAt}).
     */
    static CsvRecords open(InputStream bytes, Charset charset, Syntax syntax, boolean header, long splitEvery)
            throws IOException {
        return open(bytes, charset, syntax, header, splitEvery, 0);
    }

    /**
     * A parser of a whole file whose first {@code skipLines} physical lines are a preamble: they are returned
     * first, each as a record of its exact text (without fields), and the header (or the first record) is the
     * first line after them. An empty line counts as a preamble line.
     */
    static CsvRecords open(InputStream bytes, Charset charset, Syntax syntax, boolean header, long splitEvery,
                           int skipLines) throws IOException {
        StrictReader reader = new StrictReader(bytes, charset);
        CsvRecords records = new CsvRecords(reader, syntax);
        Optional<Bytes> lengths = Bytes.of(charset);
        if (splitEvery > 0 && lengths.isPresent()) {
            records.bytes = lengths.get();
            records.splitEvery = splitEvery;
            records.nextMark = splitEvery;
        }
        for (int i = 0; i < skipLines; i++) {
            TextRecord line = records.rawLine();
            if (line == null) {
                break;
            }
            records.preamble.add(line);
        }
        if (header) {
            records.readHeader();
        }
        // marks count every record before them, the preamble lines too
        records.records = records.preamble.size();
        return records;
    }

    /** The next physical line as a record of its exact text, or null at the end of the file. */
    private TextRecord rawLine() throws IOException {
        long startLine = line;
        int c = read();
        if (c == NO_CHAR) {
            return null;
        }
        long startOffset = bufferOffset + position - 1;
        StringBuilder text = new StringBuilder();
        while (c != NO_CHAR && c != '\n' && c != '\r') {
            text.append((char) c);
            c = read();
        }
        String ending = c == NO_CHAR ? "" : ending(c);
        return new TextRecord(startLine, startOffset, text.toString(), ending, List.of(), Optional.empty());
    }

    /**
     * A parser starting at a record's first byte in mid-file, as a {@link LineMark} of the
     * landing noted it: {@code bytes} are positioned there, the record is on {@code line}, and {@code header} is the
     * file's header (empty without one). The records are those a parser of the whole file returns from there on.
     */
    static CsvRecords openAt(InputStream bytes, Charset charset, Syntax syntax, List<String> header, long line) {
        CsvRecords records = new CsvRecords(new StrictReader(bytes, charset, false), syntax);
        records.header = List.copyOf(header);
        records.line = line;
        return records;
    }

    /** The marks noted so far (see {@link #open(InputStream, Charset, Syntax, boolean, long)}). */
    List<LineMark> marks() {
        return List.copyOf(marks);
    }

    private void readHeader() throws IOException {
        readingHeader = true;
        TextRecord first = parse();
        readingHeader = false;
        if (first == null) {
            return;
        }
        if (!first.isWellFormed()) {
            throw new UnreadableTextException("its header (line " + first.line() + ") cannot be parsed: "
                    + first.problem().get());
        }
        headerRecord = first;
        records = 0;
        List<String> names = new ArrayList<>();
        first.values().forEach(v -> names.add(v == null ? "" : v));
        header = List.copyOf(names);
    }

    /** The header's fields (null values as empty names), empty without a header or in an empty file. */
    List<String> header() {
        return header;
    }

    /** The header as a record (its line, offset and exact text), or null without one. */
    TextRecord headerRecord() {
        return headerRecord;
    }

    @Override
    public List<String> fields() {
        return header;
    }

    @Override
    public TextRecord next() throws IOException {
        if (!preamble.isEmpty()) {
            return preamble.removeFirst();
        }
        TextRecord record = parse();
        if (record != null) {
            records++;
        }
        return record;
    }

    private TextRecord parse() throws IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder quoted = new StringBuilder();
        List<String> values = new ArrayList<>();
        State state = State.FIELD_START;
        int fieldStart = 0;
        long startLine = 0;
        long startOffset = 0;
        String problem = null;
        int c;
        while ((c = read()) != NO_CHAR) {
            boolean lineBreak = c == '\n' || c == '\r';
            if (text.length() == 0 && state == State.FIELD_START) {
                if (lineBreak) {
                    continue;
                }
                startLine = line;
                startOffset = bufferOffset + position - 1;
                if (bytes != null) {
                    noteStart(startLine);
                }
            }
            if (lineBreak && state != State.QUOTED && state != State.ESCAPED) {
                String ending = ending(c);
                if (state == State.ERROR) {
                    return error(startLine, startOffset, text, ending, problem);
                }
                endField(state, text, fieldStart, quoted, values);
                return checked(startLine, startOffset, text, ending, values);
            }
            text.append((char) c);
            switch (state) {
                case FIELD_START -> {
                    if (c == syntax.quote()) {
                        state = State.QUOTED;
                        quoted.setLength(0);
                    } else if (c == syntax.delimiter()) {
                        values.add(unquoted(""));
                        fieldStart = text.length();
                    } else {
                        state = State.UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    if (c == syntax.delimiter()) {
                        values.add(unquoted(text.substring(fieldStart, text.length() - 1)));
                        fieldStart = text.length();
                        state = State.FIELD_START;
                    }
                }
                case QUOTED -> {
                    if (c == syntax.quote()) {
                        state = State.AFTER_QUOTE;
                    } else if (c == syntax.escape()) {
                        state = State.ESCAPED;
                    } else {
                        quoted.append((char) c);
                        if (quoted.length() > MAX_QUOTED) {
                            return unterminated(startLine, startOffset, text, false);
                        }
                    }
                }
                case ESCAPED -> {
                    if (c != syntax.quote() && c != syntax.escape()) {
                        quoted.append((char) syntax.escape());
                    }
                    quoted.append((char) c);
                    state = State.QUOTED;
                }
                case AFTER_QUOTE -> {
                    if (c == syntax.quote()) {
                        quoted.append((char) c);
                        state = State.QUOTED;
                    } else if (c == syntax.delimiter()) {
                        values.add(quoted.toString());
                        fieldStart = text.length();
                        state = State.FIELD_START;
                    } else {
                        problem = "a closing quote is followed by '" + printable(c) + "' instead of a delimiter or a"
                                + " line break (a bare quote inside a quoted field, or text after the closing quote)"
                                + " at line " + line + ", column " + column(text);
                        if (line > startLine) {
                            // most likely a stray quote opened a field on the record's first line
                            return resynchronised(startLine, startOffset, text, problem);
                        }
                        state = State.ERROR;
                    }
                }
                case ERROR -> {
                    // skipped to the end of the line: the record ends at the next line break
                }
                default -> throw new IllegalStateException("unknown state " + state);
            }
        }
        if (text.length() == 0 && state == State.FIELD_START) {
            return null;
        }
        if (state == State.QUOTED || state == State.ESCAPED) {
            return unterminated(startLine, startOffset, text, true);
        }
        if (state == State.ERROR) {
            return error(startLine, startOffset, text, "", problem);
        }
        endField(state, text, fieldStart, quoted, values);
        return checked(startLine, startOffset, text, "", values);
    }

    /** Notes the byte offset of the record starting at {@code buffer[position - 1]}, and a mark when one is due. */
    private void noteStart(long startLine) {
        recordStartByte = byteOffsetAt(position - 1);
        if (recordStartByte >= nextMark && !readingHeader) {
            marks.add(new LineMark(recordStartByte, records, startLine));
            nextMark = (recordStartByte / splitEvery + 1) * splitEvery;
        }
    }

    private long byteOffsetAt(int index) {
        byteOffset += bytes.length(buffer, bytePosition, index);
        bytePosition = index;
        return byteOffset;
    }

    /**
     * A well-formed record, as RFC 4180 reads it, even when it spans lines and its number of fields is not the
     * header's (a stray quote closed by a quote of a later line that happens to stand before a delimiter): the
     * reader then makes it one row with a corrupt record, whose text is every line it spans. It is not cut at its
     * first line break and its other lines are not read as records of their own: by RFC 4180 they are the inside
     * of a quoted field, and reading them otherwise could publish a fragment of a field as a row (issue 16).
     */
    private TextRecord checked(long startLine, long startOffset, StringBuilder text, String ending,
                               List<String> values) {
        return new TextRecord(startLine, startOffset, text.toString(), ending, values, Optional.empty());
    }

    private void endField(State state, StringBuilder text, int fieldStart, StringBuilder quoted, List<String> values) {
        if (state == State.AFTER_QUOTE) {
            values.add(quoted.toString());
        } else {
            values.add(unquoted(text.substring(fieldStart)));
        }
    }

    private String unquoted(String value) {
        return value.isEmpty() || value.equals(syntax.nullValue()) ? null : value;
    }

    private static TextRecord error(long line, long offset, StringBuilder text, String ending, String problem) {
        return new TextRecord(line, offset, text.toString(), ending, List.of(), Optional.of(problem));
    }

    /** A quote opened in the record is not closed before the end of the file, or within the limit. */
    private TextRecord unterminated(long startLine, long startOffset, StringBuilder text, boolean atEnd) {
        return resynchronised(startLine, startOffset, text, "a quote opened in the record starting at line "
                + startLine + " is not closed" + (atEnd ? " before the end of the file" : " within " + MAX_QUOTED
                + " characters"));
    }

    /**
     * A record spanning lines turned out malformed: the record is taken to end at the first line break after its
     * start (where a stray quote most likely opened a field), and everything after that line break is parsed
     * again, so that one stray quote spoils one line, not every line up to the next quote of the file.
     */
    private TextRecord resynchronised(long startLine, long startOffset, StringBuilder text, String problem) {
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        String ending = "";
        if (end < text.length()) {
            ending = text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? "\r\n"
                    : String.valueOf(text.charAt(end));
            unread(text, end + ending.length(), startLine + 1, startOffset + end + ending.length());
            problem += "; the record is taken to end at its first line break";
        }
        return new TextRecord(startLine, startOffset, text.substring(0, end), ending, List.of(),
                Optional.of(problem));
    }

    /** Puts {@code text[from..]} back before the unread input, as starting at {@code line} and text offset. */
    private void unread(StringBuilder text, int from, long atLine, long atOffset) {
        int rest = limit - position;
        int back = text.length() - from;
        char[] merged = new char[Math.max(buffer.length, back + rest)];
        text.getChars(from, text.length(), merged, 0);
        System.arraycopy(buffer, position, merged, back, rest);
        buffer = merged;
        position = 0;
        limit = back + rest;
        if (bytes != null) {
            char[] before = new char[from];
            text.getChars(0, from, before, 0);
            byteOffset = recordStartByte + bytes.length(before, 0, from);
            bytePosition = 0;
        }
        bufferOffset = atOffset;
        line = atLine;
        afterCr = false;
    }

    /** The line break that ends a record at {@code c}, consuming the LF of a CRLF. */
    private String ending(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
            return "\r\n";
        }
        return c == '\r' ? "\r" : "\n";
    }

    private int column(StringBuilder text) {
        int lastBreak = Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r"));
        return text.length() - lastBreak - 1;
    }

    private static String printable(int c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c);
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return NO_CHAR;
        }
        return buffer[position];
    }

    /** The next character, counting physical lines (CR, LF and CRLF each end one). */
    private int read() throws IOException {
        if (position == limit && !fill()) {
            return NO_CHAR;
        }
        char c = buffer[position++];
        if (c == '\n') {
            if (!afterCr) {
                line++;
            }
            afterCr = false;
        } else if (c == '\r') {
            line++;
            afterCr = true;
        } else {
            afterCr = false;
        }
        return c;
    }

    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        if (bytes != null) {
            byteOffsetAt(limit);
            bytePosition = 0;
        }
        bufferOffset += limit;
        position = 0;
        limit = 0;
        int n;
        try {
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
        } catch (UnreadableTextException e) {
            // the reader returned every character before the bad bytes: they are on the current line
            throw new UnreadableTextException(e.getMessage() + ", on line " + line);
        }
        if (n < 0) {
            endOfInput = true;
            return false;
        }
        if (firstFill) {
            firstFill = false;
            if (bytes != null && in instanceof StrictReader strict) {
                // the byte-order mark the reader dropped precedes the first character
                byteOffset += strict.byteOrderMarkBytes();
            }
        }
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
