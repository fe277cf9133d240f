package io.sluice.connector.files;

import io.sluice.connector.ByteOrderMarks;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Counts the records of a delivered file while its bytes stream past once on their way to the raw zone.
 *
 * <p>CSV/TSV: the records of {@link CsvRecords}, the parser {@link TextScan} reads them with (one definition of a
 * record), after a strict decoding in the declared encoding; bytes that do not decode make the file unreadable.
 * In uncompressed CSV/TSV files a {@link LineMark} is noted about every {@link #SPLIT_EVERY} bytes, where
 * {@link TextScan} can start a task.
 * JSON: the records of {@link JsonRecords} (lines or one array), strictly UTF-8. Fixed-width: the lines of
 * the file (as CSV without quoting). XML: the {@code row_tag} elements ({@link XmlRecords}); a file that is not
 * well-formed is unreadable.
 * Avro: the sum of the block counts. Parquet: the row counts of the footer, read from the landed copy.
 */
final class RecordCounter {
    /** What counting a file found; {@code failure} says why the file could not be read to its end. */
    record Count(long records, List<String> fields, Optional<String> failure, List<LineMark> marks,
                 Map<String, String> extra) {
        Count {
            fields = List.copyOf(fields);
            marks = List.copyOf(marks);
            extra = Map.copyOf(extra);
        }

        Count(long records, List<String> fields, Optional<String> failure) {
            this(records, fields, failure, List.of(), Map.of());
        }

        /** What the landed file's manifest entry keeps for reading it back: its marks and the format's notes. */
        Map<String, String> detail() {
            Map<String, String> detail = new java.util.TreeMap<>(LineMark.detail(marks));
            detail.putAll(extra);
            return detail;
        }
    }

    /** Bytes between the marks noted in uncompressed CSV/TSV files: a reading task reads about this much. */
    static final long SPLIT_EVERY = 32L << 20;

    private final FileExtract extract;
    private final long splitEvery;

    RecordCounter(FileExtract extract, long splitEvery) {
        this.extract = extract;
        this.splitEvery = splitEvery;
    }

    /**
     * Counts the records in {@code raw}, the delivered bytes of the file called {@code name}, decompressing by the
     * name's ending as Hadoop does. Never throws for bad content: what could not be read is in the result.
     */
    Count count(InputStream raw, Path name, Configuration conf) {
        Tally tally = new Tally();
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(name);
        try (InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
            BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
            Optional<String> misdeclared = extract.format().takesEncoding() ? wideByteOrderMark(buffered)
                    : Optional.empty();
            if (misdeclared.isPresent()) {
                return new Count(0, List.of(), misdeclared);
            }
            switch (extract.format()) {
                case CSV, TSV, JSON, FIXED_WIDTH, XLSX -> countText(buffered, tally, codec == null ? splitEvery : 0);
                case XML -> {
                    XmlRecords.Count xml = XmlRecords.count(buffered, extract.encoding(),
                            extract.rowTag().orElseThrow());
                    tally.records = xml.records();
                    tally.fields = xml.fields();
                    tally.extra = xml.detail();
                }
                case AVRO -> countAvro(buffered, tally);
                case PARQUET -> {
                    // counted from the footer of the landed copy: the footer sits at the end of the file
                }
                default -> throw new IllegalStateException("no counter for " + extract.format());
            }
            return new Count(tally.records, tally.fields, Optional.empty(), tally.marks, tally.extra);
        } catch (UnreadableTextException e) {
            return new Count(tally.records, tally.fields, Optional.of(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            return new Count(tally.records, tally.fields, Optional.of(describe(e)));
        }
    }

    /** Parquet rows from the footer of a file already landed at {@code path}. */
    static Count countParquet(Path path, Configuration conf) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            return new Count(reader.getRecordCount(), List.of(), Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Count(0, List.of(), Optional.of(describe(e)));
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + message;
    }

    /**
     * Why a text file cannot be read as the extract declares it, when it starts with a UTF-16 or UTF-32
     * byte-order mark while a one-byte encoding is declared: refused here with the encoding named, instead of
     * failing later as a count mismatch. Empty when the start of the file is not such a mark.
     */
    private Optional<String> wideByteOrderMark(BufferedInputStream in) throws IOException {
        Optional<String> found = ByteOrderMarks.wideMarkWhereNarrowDeclared(in, extract.encoding());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String fix = extract.format() == FileFormat.JSON ? "have it delivered in UTF-8 (json lines must be UTF-8)"
                : "declare 'encoding: " + found.get() + "' in the extract, or have it delivered in "
                        + extract.encoding().name();
        return Optional.of("it starts with a " + found.get() + " byte-order mark, but the extract declares "
                + extract.encoding().name() + "; " + fix);
    }

    /** The records {@link TextScan} will read, by the same parser. */
    private void countText(InputStream in, Tally tally, long marking) throws IOException {
        // not closed here: the caller owns the stream
        TextRecordParser records = TextFormat.of(extract).open(in, marking);
        tally.fields = records.fields();
        while (records.next() != null) {
            tally.records++;
        }
        tally.fields = records.fields();
        tally.marks = TextFormat.marks(records);
    }

    private static void countAvro(InputStream in, Tally tally) throws IOException {
        try (DataFileStream<Object> avro = new DataFileStream<>(in, new GenericDatumReader<>())) {
            while (avro.hasNext()) {
                tally.records += avro.getBlockCount();
                avro.nextBlock();
            }
        }
    }

    /** Records counted so far, so that a file failing half-way still reports what was read. */
    private static final class Tally {
        long records;
        List<String> fields = List.of();
        List<LineMark> marks = List.of();
        Map<String, String> extra = Map.of();
    }
}
