package io.sluice.connector;

/** Names of the bookkeeping columns a {@link SourceConnector#read} result carries besides the source fields. */
public final class RawColumns {
    /** The landed raw file a record came from (its name inside the run folder). */
    public static final String SOURCE_FILE = "_source_file";
    /** 1-based position of the record in its file (for text files: the line it starts on). */
    public static final String LINE = "_line";
    /** The record's raw text when it could not be split into fields (wrong field count, broken quoting), else null. */
    public static final String CORRUPT_RECORD = "_corrupt_record";
    /**
     * JSON sources only: {@code map<string,string>} from a key to the kind of its value ({@code number},
     * {@code boolean}, {@code object}, {@code array}) for the record's keys whose value is neither a string nor
     * null; empty for an all-string record and for a corrupt one. Validation uses it to refuse, say, a number in
     * a string column.
     */
    public static final String JSON_KINDS = "_json_kinds";
    /**
     * Why a record is not data ({@code preamble line (extract.skip_lines)}, {@code footer line
     * (extract.footer_lines)}, {@code record matches skip_records 'trl'}), else null. A skipped record is counted as
     * a record of its file, has its exact text in {@link #CORRUPT_RECORD} and null fields; validation sends it to the
     * error table as skipped, counted apart from the rejected rows. A connector that never skips may omit the column.
     */
    public static final String SKIPPED = "_skipped";

    private RawColumns() {
    }
}
