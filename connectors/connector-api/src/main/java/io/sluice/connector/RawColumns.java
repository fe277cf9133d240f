package io.sluice.connector;

/** Names of the bookkeeping columns a {@link SourceConnector#read} result carries besides the source fields. */
public final class RawColumns {
    /** The landed raw file a record came from (its name inside the run folder). */
    public static final String SOURCE_FILE = "_source_file";
    /** 1-based position of the record in its file (for text files: the line it starts on). */
    public static final String LINE = "_line";
    /** The record's raw text when it could not be split into fields (wrong field count, broken quoting), else null. */
    public static final String CORRUPT_RECORD = "_corrupt_record";

    private RawColumns() {
    }
}
