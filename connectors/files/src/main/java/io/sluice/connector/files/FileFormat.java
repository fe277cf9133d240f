package io.sluice.connector.files;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The file formats the {@code files} connector reads, as spelled in a dataset's {@code extract.format}. */
public enum FileFormat {
    /** Delimited text, comma by default, read with Spark's CSV reader. */
    CSV("csv", ".csv"),
    /** Delimited text with a tab delimiter, read with Spark's CSV reader. */
    TSV("tsv", ".tsv", ".tab"),
    /** JSON lines: one JSON object per line. */
    JSON("json", ".json", ".jsonl", ".ndjson"),
    /** Apache Parquet. */
    PARQUET("parquet", ".parquet"),
    /** Apache Avro object container files. */
    AVRO("avro", ".avro"),
    /** Text records of fixed-width columns, split by the extract's {@code layout}. */
    FIXED_WIDTH("fixed_width"),
    /** XML: one record per {@code row_tag} element, read with Spark's XML source. */
    XML("xml", ".xml"),
    /** One sheet of an Excel workbook, read with Apache POI. */
    XLSX("xlsx", ".xlsx");

    /** Endings of compressed files; the codec is found from the ending, as Hadoop and Spark do. */
    private static final String[] COMPRESSION_ENDINGS = {".gz", ".bz2", ".deflate", ".zst", ".lz4", ".snappy"};

    private final String spelling;
    private final String[] endings;

    FileFormat(String spelling, String... endings) {
        this.spelling = spelling;
        this.endings = endings;
    }

    /** The descriptor spelling, e.g. {@code csv}. */
    public String spelling() {
        return spelling;
    }

    /** Whether Spark's CSV reader reads it (options such as {@code delimiter} apply). */
    public boolean isDelimited() {
        return this == CSV || this == TSV;
    }

    /**
     * Whether it is text with one record per line unless quoted fields span lines, parsed by the connector's own
     * record parsers (the landing counts with the parser the read uses).
     */
    public boolean isText() {
        return this == CSV || this == TSV || this == JSON || this == FIXED_WIDTH;
    }

    /** Whether records are lines (rows) that {@code skip_lines}, {@code footer_lines}, {@code skip_records} fit. */
    public boolean isLineBased() {
        return isDelimited() || this == FIXED_WIDTH || this == XLSX;
    }

    /** Whether the connector's own record parser counts and reads it ({@link TextRecordParser}). */
    boolean isParsed() {
        return isText() || this == XLSX;
    }

    /** Whether the file is text in a declared {@code encoding}. */
    public boolean takesEncoding() {
        return isText() || this == XML;
    }

    static Optional<FileFormat> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.spelling.equals(t)).findFirst();
    }

    /** The format a file name's ending announces, ignoring a compression ending such as {@code .gz}. */
    static Optional<FileFormat> fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String compression : COMPRESSION_ENDINGS) {
            if (n.endsWith(compression)) {
                n = n.substring(0, n.length() - compression.length());
                break;
            }
        }
        for (FileFormat f : values()) {
            for (String ending : f.endings) {
                if (n.endsWith(ending)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    static String expected() {
        return Arrays.stream(values()).map(FileFormat::spelling).collect(Collectors.joining(", "));
    }
}
