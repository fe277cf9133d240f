package io.sluice.connector.files;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.Options;
import io.sluice.metadata.Problem;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A dataset's {@code extract} block for the {@code files} connector, bound and checked.
 *
 * <p>The CSV settings mean what the same-named options of Spark's CSV reader mean, and default as Spark does:
 * in particular {@code escape} defaults to a backslash ({@code \"} inside a quoted field is a quote), as in
 * Spark; files that escape quotes by doubling them (RFC 4180, {@code ""}) should set {@code escape: '"'}.
 *
 * @param path       glob of the delivered files, relative to the source's landing folder, e.g. {@code inventory/*.csv}
 * @param format     file format; defaults from the ending of {@code path} (a trailing {@code .gz} is ignored)
 * @param header     the first line of each file names the fields (csv/tsv; default true)
 * @param delimiter  field separator (csv/tsv; default {@code ,} for csv, a tab for tsv)
 * @param quote      quote character (csv/tsv; default {@code "}); empty turns quoting off
 * @param escape     character escaping a quote inside a quoted field (csv/tsv; default {@code \})
 * @param encoding   character set of text files (default UTF-8; json must be UTF-8)
 * @param multiline  quoted csv/tsv fields may span lines (default false); such files are read whole, not split
 * @param nullValue  the text that stands for a missing value (csv/tsv; default the empty string)
 */
public record FileExtract(
        String path,
        FileFormat format,
        boolean header,
        String delimiter,
        String quote,
        String escape,
        Charset encoding,
        boolean multiline,
        String nullValue) {

    static final Set<String> KEYS = Set.of("path", "format", "header", "delimiter", "quote", "escape", "encoding",
            "multiline", "null_value");
    private static final List<String> DELIMITED_ONLY = List.of("header", "delimiter", "quote", "escape", "multiline",
            "null_value");

    public FileExtract {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(escape, "escape");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(nullValue, "nullValue");
    }

    /**
     * Binds an {@code extract} block, reporting every wrong setting at once.
     *
     * @throws DescriptorException naming the descriptor file, line and field of each problem
     */
    public static FileExtract bind(Options extract) {
        extract.rejectUnknown(KEYS);
        List<Problem> problems = new ArrayList<>();
        String path = attempt(problems, () -> extract.requiredString("path"), "");
        if (!path.isEmpty()) {
            checkRelative(extract, path, problems);
        }
        FileFormat format = path.isEmpty() && !extract.has("format") ? FileFormat.CSV
                : attempt(problems, () -> format(extract, path), FileFormat.CSV);
        if (!format.isDelimited()) {
            for (String key : DELIMITED_ONLY) {
                if (extract.has(key)) {
                    problems.addAll(extract.error(key, "'" + key + "' applies to csv and tsv files only (this dataset"
                            + " reads " + format.spelling() + "); remove it").problems());
                }
            }
        }
        boolean header = attempt(problems, () -> extract.bool("header", true), true);
        boolean multiline = attempt(problems, () -> extract.bool("multiline", false), false);
        String delimiter = attempt(problems, () -> extract.string("delimiter")
                .orElse(format == FileFormat.TSV ? "\t" : ","), ",");
        if (delimiter.isEmpty()) {
            problems.addAll(extract.error("delimiter", "the delimiter is empty (write the character that separates"
                    + " fields, e.g. ';')").problems());
        }
        String quote = attempt(problems, () -> extract.string("quote").orElse("\""), "\"");
        if (quote.length() > 1) {
            problems.addAll(extract.error("quote", "'" + quote + "' is not one character (write one character, or ''"
                    + " to turn quoting off)").problems());
        }
        String escape = attempt(problems, () -> extract.string("escape").orElse("\\"), "\\");
        if (escape.length() != 1) {
            problems.addAll(extract.error("escape", "'" + escape + "' is not one character (write one character,"
                    + " e.g. '\"' for files that double their quotes)").problems());
        }
        String nullValue = attempt(problems, () -> extract.string("null_value").orElse(""), "");
        Charset encoding = attempt(problems, () -> encoding(extract, format, multiline), StandardCharsets.UTF_8);
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        return new FileExtract(path, format, header, delimiter, quote, escape, encoding, multiline, nullValue);
    }

    /** Whether files are read line by line (the default), so that a record's line is its position. */
    boolean isLineMode() {
        return !multiline;
    }

    /** The reader options of Spark's CSV/JSON source for these settings; never infers a schema. */
    Map<String, String> sparkOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("mode", "PERMISSIVE");
        o.put("columnNameOfCorruptRecord", RawColumns.CORRUPT_RECORD);
        if (format.isDelimited()) {
            o.put("encoding", encoding.name());
            o.put("sep", delimiter);
            o.put("quote", quote);
            o.put("escape", escape);
            o.put("header", Boolean.toString(header));
            o.put("multiLine", Boolean.toString(multiline));
            o.put("nullValue", nullValue);
            o.put("inferSchema", "false");
            o.put("enforceSchema", "true");
            // with pruning, a line with too many fields is only corrupt when the query reads every column
            o.put("columnPruning", "false");
        } else if (format == FileFormat.JSON) {
            // no encoding option: with one, Spark parses through a Reader and cannot keep numbers as written
            o.put("multiLine", "false");
        }
        return Map.copyOf(o);
    }

    private static FileFormat format(Options extract, String path) {
        Optional<String> declared = extract.string("format");
        if (declared.isPresent()) {
            return FileFormat.parse(declared.get()).orElseThrow(() -> extract.error("format", "unknown format '"
                    + declared.get() + "' (expected one of: " + FileFormat.expected() + ")"));
        }
        return FileFormat.fromName(path).orElseThrow(() -> extract.error("path", "cannot tell the format from '"
                + path + "' (no .csv, .tsv, .json, .jsonl, .parquet or .avro ending); add format: "
                + String.join(" | ", Arrays.stream(FileFormat.values()).map(FileFormat::spelling).toList())));
    }

    private static Charset encoding(Options extract, FileFormat format, boolean multiline) {
        Optional<String> declared = extract.string("encoding");
        if (declared.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        if (!format.isText()) {
            throw extract.error("encoding", "'encoding' applies to text files only (this dataset reads "
                    + format.spelling() + "); remove it");
        }
        Charset charset;
        try {
            charset = Charset.forName(declared.get());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw extract.error("encoding", "unknown encoding '" + declared.get()
                    + "' (expected a Java charset name such as UTF-8, ISO-8859-1, windows-1252)");
        }
        if (format == FileFormat.JSON && !charset.equals(StandardCharsets.UTF_8)) {
            throw extract.error("encoding", "json lines must be UTF-8, found '" + declared.get()
                    + "'; convert the files or remove the setting");
        }
        if (!multiline && !splitsLinesLikeAscii(charset)) {
            throw extract.error("encoding", "encoding '" + declared.get() + "' needs multiline: true (files are"
                    + " otherwise split into lines at the bytes of \\n and \\r, which this encoding does not use)");
        }
        return charset;
    }

    /** Hadoop's line reader splits at the bytes 0x0A and 0x0D; true where those bytes mean \n and \r only. */
    private static boolean splitsLinesLikeAscii(Charset charset) {
        return charset.canEncode()
                && Arrays.equals("\n\r ,a".getBytes(charset), "\n\r ,a".getBytes(StandardCharsets.US_ASCII));
    }

    private static void checkRelative(Options extract, String path, List<Problem> problems) {
        boolean absolute = path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
        boolean escapes = Arrays.asList(path.split("[/\\\\]")).contains("..");
        if (absolute || escapes) {
            problems.addAll(extract.error("path", "'" + path + "' must stay inside the landing folder (write a glob"
                    + " relative to the source's landing, without '..', e.g. inventory/*.csv)").problems());
        }
    }

    private static <T> T attempt(List<Problem> problems, Supplier<T> binding, T otherwise) {
        try {
            return binding.get();
        } catch (DescriptorException e) {
            problems.addAll(e.problems());
            return otherwise;
        }
    }
}
