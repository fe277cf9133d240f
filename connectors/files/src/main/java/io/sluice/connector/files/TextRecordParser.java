package io.sluice.connector.files;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The one definition of a record of a text format: a streaming parser over a file's decoded characters, used both
 * when landing (to count records and read the header) and when reading (to make rows), so that counting and
 * parsing agree by construction. Every character of the file belongs to exactly one record, the header, or a
 * line break between records; a record that cannot be split into fields is returned with a
 * {@link TextRecord#problem()}, never dropped or merged with its neighbour.
 */
interface TextRecordParser extends Closeable {

    /**
     * The next record (the header is not one), or null after the last.
     *
     * @throws UnreadableTextException when the file's bytes cannot be read as declared: the whole file is refused
     * @throws IOException             when the storage fails
     */
    TextRecord next() throws IOException;

    /**
     * The field names the file declares: its header (CSV/TSV, read when the parser opens), or the keys of the
     * records returned so far (JSON, in first-seen order). The landing stores them, so that drift sees fields the
     * dataset does not declare.
     */
    List<String> fields();
}
