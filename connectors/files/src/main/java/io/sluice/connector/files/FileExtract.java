package io.sluice.connector.files;

import io.sluice.connector.FixedWidthLayout;
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
 * <p>CSV/TSV files are parsed by {@link CsvRecords} (RFC 4180): inside a quoted field a doubled quote is a quote,
 * and a declared {@code escape} other than the quote is an alternative escape character. Quoted fields may span
 * lines whatever the settings, so {@code multiline} is no longer needed: it is accepted and ignored (deprecated).
 *
 * @param path       glob of the delivered files, relative to the source's landing folder, e.g. {@code inventory/*.csv}
 * @param format     file format; defaults from the ending of {@code path} (a trailing {@code .gz} is ignored)
 * @param header     the first line of each file names the fields (csv/tsv; default true)
 * @param delimiter  field separator (csv/tsv; default {@code ,} for csv, a tab for tsv)
 * @param quote      quote character (csv/tsv; default {@code "}); empty turns quoting off
 * @param escape     character escaping a quote inside a quoted field besides a doubled quote (csv/tsv; default
 *                   {@code "}, i.e. RFC 4180 doubling only)
 * @param encoding   character set of text files (default UTF-8; json must be UTF-8)
 * @param multiline  deprecated and ignored: quoted csv/tsv fields may always span lines
 * @param nullValue  the text that stands for a missing value (csv/tsv; default the empty string)
 * @param jsonLayout how json records are laid out: {@code lines}, {@code array}, or {@code detect} (the default:
 *                   a file whose first non-blank character is {@code [} is an array)
 * @param skips      records that are not data: {@code skip_lines}, {@code footer_lines}, {@code skip_records}
 *                   (csv/tsv/fixed_width)
 * @param fixedWidth the {@code layout} (and {@code trim}) of fixed_width files
 * @param rowTag     the element of each record in xml files ({@code row_tag})
 * @param sheet      the sheet of xlsx workbooks: its name (a YAML string), or its 1-based position (a YAML
 *                   number); empty: the first
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
        String nullValue,
        String jsonLayout,
        RecordSkips skips,
        Optional<FixedWidthLayout> fixedWidth,
        Optional<String> rowTag,
        Optional<XlsxRecords.Sheet> sheet) {

    static final Set<String> KEYS = Set.of("path", "format", "header", "delimiter", "quote", "escape", "encoding",
            "multiline", "null_value", "layout", "trim", "row_tag", "skip_lines", "footer_lines", "skip_records",
            "sheet");
    private static final List<String> DELIMITED_ONLY = List.of("delimiter", "quote", "escape", "multiline",
            "null_value");

    public FileExtract {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(escape, "escape");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(nullValue, "nullValue");
        Objects.requireNonNull(jsonLayout, "jsonLayout");
        Objects.requireNonNull(skips, "skips");
        Objects.requireNonNull(fixedWidth, "fixedWidth");
        Objects.requireNonNull(rowTag, "rowTag");
        Objects.requireNonNull(sheet, "sheet");
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
        if (extract.has("header") && !format.isDelimited() && format != FileFormat.XLSX) {
            problems.addAll(extract.error("header", "'header' applies to csv, tsv and xlsx files only (this dataset"
                    + " reads " + format.spelling() + "); remove it").problems());
        }
        boolean header = attempt(problems, () -> extract.bool("header", true), true);
        boolean multiline = attempt(problems, () -> extract.bool("multiline", false), false);
        String delimiter = attempt(problems, () -> extract.string("delimiter")
                .orElse(format == FileFormat.TSV ? "\t" : ","), ",");
        if (delimiter.equals("\\t")) {
            // Spark's spelling of a tab, kept for descriptors written for its reader
            delimiter = "\t";
        }
        if (delimiter.length() != 1 || delimiter.equals("\n") || delimiter.equals("\r")) {
            problems.addAll(extract.error("delimiter", (delimiter.isEmpty() ? "the delimiter is empty"
                    : "'" + delimiter + "' is not one character other than a line break")
                    + " (write the character that separates fields, e.g. ';')").problems());
        }
        String quote = attempt(problems, () -> extract.string("quote").orElse("\""), "\"");
        if (quote.length() > 1) {
            problems.addAll(extract.error("quote", "'" + quote + "' is not one character (write one character, or ''"
                    + " to turn quoting off)").problems());
        }
        String escape = attempt(problems, () -> extract.string("escape").orElse("\""), "\"");
        if (escape.length() != 1) {
            problems.addAll(extract.error("escape", "'" + escape + "' is not one character (write one character,"
                    + " e.g. '\"' for files that double their quotes)").problems());
        }
        if (quote.equals(delimiter)) {
            problems.addAll(extract.error("quote", "the quote is the delimiter '" + quote + "' (write another"
                    + " character, or '' to turn quoting off)").problems());
        }
        String nullValue = attempt(problems, () -> extract.string("null_value").orElse(""), "");
        Charset encoding = attempt(problems, () -> encoding(extract, format), StandardCharsets.UTF_8);
        String layout = "detect";
        Optional<FixedWidthLayout> fixedWidth = Optional.empty();
        if (format == FileFormat.JSON) {
            layout = attempt(problems, () -> extract.string("layout").orElse("detect"), "detect");
            if (!layout.equals("detect") && JsonRecords.Layout.parse(layout).isEmpty()) {
                problems.addAll(extract.error("layout", "unknown layout '" + layout + "' (expected lines or array)")
                        .problems());
            }
        } else if (format == FileFormat.FIXED_WIDTH) {
            fixedWidth = attempt(problems, () -> Optional.of(FixedWidthLayout.bind(extract)), Optional.empty());
        } else if (extract.has("layout")) {
            problems.addAll(extract.error("layout", "'layout' applies to json and fixed_width files only (this"
                    + " dataset reads " + format.spelling() + "); remove it").problems());
        }
        if (extract.has("trim") && format != FileFormat.FIXED_WIDTH) {
            problems.addAll(extract.error("trim", "'trim' applies to fixed_width files only (this dataset reads "
                    + format.spelling() + "); remove it").problems());
        }
        Optional<String> rowTag = attempt(problems, () -> rowTag(extract, format), Optional.empty());
        RecordSkips skips = RecordSkips.bind(extract, format, fixedWidth, problems);
        Optional<XlsxRecords.Sheet> sheet = attempt(problems, () -> sheet(extract, format), Optional.empty());
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        return new FileExtract(path, format, header, delimiter, quote, escape, encoding, multiline, nullValue,
                layout, skips, fixedWidth, rowTag, sheet);
    }

    private static Optional<XlsxRecords.Sheet> sheet(Options extract, FileFormat format) {
        Object declared = extract.values().get("sheet");
        if (declared == null) {
            return Optional.empty();
        }
        if (format != FileFormat.XLSX) {
            throw extract.error("sheet", "'sheet' applies to xlsx files only (this dataset reads " + format.spelling()
                    + "); remove it");
        }
        if (declared instanceof Number n) {
            if (n.longValue() < 1 || n.longValue() > Integer.MAX_VALUE || n.doubleValue() != n.longValue()) {
                throw extract.error("sheet", "a sheet's position is a whole number from 1 (the first sheet), found "
                        + n);
            }
            return Optional.of(XlsxRecords.Sheet.at(n.intValue()));
        }
        String sheet = extract.string("sheet").orElseThrow();
        if (sheet.isEmpty()) {
            throw extract.error("sheet", "the sheet is empty (write its name, or its position: 1 for the first)");
        }
        return Optional.of(XlsxRecords.Sheet.named(sheet));
    }

    private static Optional<String> rowTag(Options extract, FileFormat format) {
        if (format != FileFormat.XML) {
            if (extract.has("row_tag")) {
                throw extract.error("row_tag", "'row_tag' applies to xml files only (this dataset reads "
                        + format.spelling() + "); remove it");
            }
            return Optional.empty();
        }
        String tag = extract.string("row_tag").orElseThrow(() -> extract.error("", "missing required field"
                + " 'row_tag' (the element of each record, e.g. row_tag: book)")).trim();
        if (!tag.matches("[\\p{L}_][\\p{L}\\p{N}_.-]*(:[\\p{L}_][\\p{L}\\p{N}_.-]*)?")) {
            throw extract.error("row_tag", "'" + tag + "' is not an XML element name (write the name of the element"
                    + " that holds one record, without < and >, e.g. book)");
        }
        return Optional.of(tag);
    }

    /** The JSON layout to parse with. */
    JsonRecords.Layout layout() {
        return JsonRecords.Layout.parse(jsonLayout).orElse(JsonRecords.Layout.DETECT);
    }

    private static FileFormat format(Options extract, String path) {
        Optional<String> declared = extract.string("format");
        if (declared.isPresent()) {
            return FileFormat.parse(declared.get()).orElseThrow(() -> extract.error("format", "unknown format '"
                    + declared.get() + "' (expected one of: " + FileFormat.expected() + ")"));
        }
        return FileFormat.fromName(path).orElseThrow(() -> extract.error("path", "cannot tell the format from '"
                + path + "' (no .csv, .tsv, .json, .jsonl, .parquet, .avro, .xml or .xlsx ending); add format: "
                + String.join(" | ", Arrays.stream(FileFormat.values()).map(FileFormat::spelling).toList())));
    }

    private static Charset encoding(Options extract, FileFormat format) {
        Optional<String> declared = extract.string("encoding");
        if (declared.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        if (!format.takesEncoding()) {
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
        return charset;
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
