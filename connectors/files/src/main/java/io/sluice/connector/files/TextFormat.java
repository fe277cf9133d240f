package io.sluice.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.List;

/**
 * How to parse the records of an extract's text files, small enough to ship to Spark tasks: the landing and the
 * read job open their parsers here, so both use the same definition of a record.
 *
 * @param format  csv, tsv or json
 * @param syntax  delimiter, quote, escape and null value (csv/tsv)
 * @param charset the declared encoding's name
 * @param header  whether the first record of a csv/tsv file is its header
 * @param layout  the JSON layout (lines, array, or detected)
 * @param paths   the declared JSON columns a read gives ({@link JsonPaths#NONE} at landing)
 */
record TextFormat(FileFormat format, CsvRecords.Syntax syntax, String charset, boolean header,
                  JsonRecords.Layout layout, JsonPaths paths) implements Serializable {

    static TextFormat of(FileExtract extract) {
        if (!extract.format().isText()) {
            throw new IllegalArgumentException(extract.format() + " is not a text format");
        }
        return new TextFormat(extract.format(), CsvRecords.Syntax.of(extract), extract.encoding().name(),
                extract.header(), extract.layout(), JsonPaths.NONE);
    }

    /** This format, reading the declared JSON columns {@code declared}. */
    TextFormat withPaths(JsonPaths declared) {
        return new TextFormat(format, syntax, charset, header, layout, declared);
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
        return CsvRecords.open(bytes, Charset.forName(charset), syntax, header, splitEvery);
    }

    /** A CSV/TSV parser starting at a mark: {@code bytes} are positioned at its offset. */
    TextRecordParser openAt(InputStream bytes, List<String> fields, long line) {
        if (format == FileFormat.JSON) {
            throw new IllegalStateException("JSON files are read whole");
        }
        return CsvRecords.openAt(bytes, Charset.forName(charset), syntax, fields, line);
    }

    /** The marks a parser opened by {@link #open(InputStream, long)} noted. */
    static List<LineMark> marks(TextRecordParser parser) {
        return parser instanceof CsvRecords csv ? csv.marks() : List.of();
    }
}
