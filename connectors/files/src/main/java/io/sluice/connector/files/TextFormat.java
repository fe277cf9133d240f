package io.sluice.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;

/**
 * How to parse the records of an extract's text files, small enough to ship to Spark tasks: the landing and the
 * read job open their parsers here, so both use the same definition of a record.
 *
 * @param format  csv, tsv or json
 * @param syntax  delimiter, quote, escape and null value (csv/tsv)
 * @param charset the declared encoding's name
 * @param header  whether the first record of a csv/tsv file is its header
 * @param layout  the JSON layout (lines, array, or detected)
 */
record TextFormat(FileFormat format, CsvRecords.Syntax syntax, String charset, boolean header,
                  JsonRecords.Layout layout) implements Serializable {

    static TextFormat of(FileExtract extract) {
        if (!extract.format().isText()) {
            throw new IllegalArgumentException(extract.format() + " is not a text format");
        }
        return new TextFormat(extract.format(), CsvRecords.Syntax.of(extract), extract.encoding().name(),
                extract.header(), extract.layout());
    }

    /**
     * A parser over a file's (decompressed) bytes.
     *
     * @throws UnreadableTextException when the file cannot be read as declared (e.g. a header that cannot be parsed)
     */
    TextRecordParser open(InputStream bytes) throws IOException {
        if (format == FileFormat.JSON) {
            return JsonTextRecords.open(bytes, layout);
        }
        return CsvRecords.open(bytes, Charset.forName(charset), syntax, header);
    }
}
