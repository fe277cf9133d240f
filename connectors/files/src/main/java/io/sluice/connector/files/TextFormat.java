package io.sluice.connector.files;

import io.sluice.connector.FixedWidthLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.List;

/**
 * How to parse the records of an extract's text files, small enough to ship to Spark tasks: the landing and the
 * read job open their parsers here, so both use the same definition of a record.
 *
 * @param format  csv, tsv, json or fixed_width
 * @param syntax  delimiter, quote, escape and null value (csv/tsv)
 * @param charset the declared encoding's name
 * @param header  whether the first record of a csv/tsv file is its header
 * @param layout  the JSON layout (lines, array, or detected)
 * @param paths   the declared JSON columns a read gives ({@link JsonPaths#NONE} at landing)
 * @param skips   the records that are not data (csv/tsv/fixed_width/xlsx)
 * @param fixed   the layout of fixed_width records, null for other formats
 * @param sheet   the sheet of xlsx workbooks (name or 1-based position), null for the first or other formats
 */
record TextFormat(FileFormat format, CsvRecords.Syntax syntax, String charset, boolean header,
                  JsonRecords.Layout layout, JsonPaths paths, RecordSkips skips, FixedWidthLayout fixed,
                  XlsxRecords.Sheet sheet) implements Serializable {

    static TextFormat of(FileExtract extract) {
        if (!extract.format().isParsed()) {
            throw new IllegalArgumentException(extract.format() + " is not read by the connector's own parsers");
        }
        if (extract.format() == FileFormat.XLSX) {
            return new TextFormat(extract.format(), null, "UTF-8", extract.header(), extract.layout(),
                    JsonPaths.NONE, extract.skips(), null, extract.sheet().orElse(null));
        }
        if (extract.format() == FileFormat.FIXED_WIDTH) {
            // a record is a line: no quoting, and a delimiter that never splits it (line breaks end it first)
            return new TextFormat(extract.format(), CsvRecords.Syntax.LINES, extract.encoding().name(), false,
                    extract.layout(), JsonPaths.NONE, extract.skips(), extract.fixedWidth().orElseThrow(), null);
        }
        return new TextFormat(extract.format(), CsvRecords.Syntax.of(extract), extract.encoding().name(),
                extract.header(), extract.layout(), JsonPaths.NONE, extract.skips(), null, null);
    }

    /** This format, reading the declared JSON columns {@code declared}. */
    TextFormat withPaths(JsonPaths declared) {
        return new TextFormat(format, syntax, charset, header, layout, declared, skips, fixed, sheet);
    }

    /**
     * A parser over a file's (decompressed) bytes.
     *
     * @throws UnreadableTextException when the file cannot be read as declared (e.g. a header that cannot be parsed)
     */
    TextRecordParser open(InputStream bytes) throws IOException {
        return open(bytes, 0);
    }

    /**
     * A parser over a whole file's (decompressed) bytes that notes a {@link LineMark} about
     * every {@code splitEvery} bytes where the format allows a reader to start mid-file (CSV/TSV; 0: none).
     */
    TextRecordParser open(InputStream bytes, long splitEvery) throws IOException {
        if (format == FileFormat.JSON) {
            return JsonTextRecords.open(bytes, layout, paths);
        }
        if (format == FileFormat.XLSX) {
            return XlsxRecords.open(bytes, java.util.Optional.ofNullable(sheet), header, skips.skipLines());
        }
        return CsvRecords.open(bytes, Charset.forName(charset), syntax, header, splitEvery, skips.skipLines());
    }

    /** A CSV/TSV parser starting at a mark: {@code bytes} are positioned at its offset. */
    TextRecordParser openAt(InputStream bytes, List<String> fields, long line) {
        if (format == FileFormat.JSON || format == FileFormat.XLSX) {
            throw new IllegalStateException(format.spelling() + " files are read whole");
        }
        return CsvRecords.openAt(bytes, Charset.forName(charset), syntax, fields, line);
    }

    /** The marks a parser opened by {@link #open(InputStream, long)} noted. */
    static List<LineMark> marks(TextRecordParser parser) {
        return parser instanceof CsvRecords csv ? csv.marks() : List.of();
    }
}
