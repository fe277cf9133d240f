package io.sluice.connector.files;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandingTarget;
import io.sluice.connector.RawColumns;
import io.sluice.connector.SourceConnector;
import io.sluice.metadata.DatasetSpec;
import java.util.Optional;
import io.sluice.connector.SupportsRecount;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code files} connector: lands delivered CSV, TSV, JSON-lines, Parquet and Avro files from a landing folder
 * (local or {@code abfss://}) byte for byte, and reads them back for validation.
 *
 * <h2>Landing</h2>
 * The dataset's {@code extract.path} glob is listed with the Hadoop FileSystem API, sorted by path; uploads in
 * progress ({@code .part}, {@code .tmp}) and names starting with {@code _} or {@code .} are ignored. Each file is
 * read once: copied unchanged into the run folder (under its own name; a name already taken by a file from another
 * sub-folder is prefixed with that sub-folder's name) while its SHA-256, size and records are computed. A file whose
 * bytes were landed before (earlier run, or earlier in the batch) is removed again and skipped. Record counts agree
 * with the rows {@link #read} returns; see {@link RecordCounter} for the rules. Compressed files ({@code .gz},
 * {@code .bz2}, …) are counted and read through Hadoop's codec for their ending, as Spark reads them.
 *
 * <h2>Files that cannot be read</h2>
 * A file whose content cannot be read to its end (a truncated gzip stream, a broken Parquet footer, bytes that are
 * not Avro) is still landed unchanged, with the records read before the failure, and logged as a warning. Its rows
 * are not turned into corrupt records, because the part after the failure cannot be split into records at all:
 * {@link #read} instead fails with a {@code SOURCE} {@link io.sluice.metadata.SluiceException} (code
 * {@code FILES_UNREADABLE}) naming the delivered file, the raw copy and the reason, so the run stops before anything
 * is published and someone replaces the delivery. Limit: this instance remembers what its own {@link #land} found;
 * reading a batch landed by another process finds an unreadable file only when Spark reads it (Spark's
 * {@code FAILED_READ_FILE} error, which also names the file). The connector SPI has no place to carry this yet.
 *
 * <h2>Reading</h2>
 * CSV/TSV fields are strings named by each file's header (or by the declared columns with {@code header: false});
 * files with different headers are read per header and united by name, so a changed header never shifts values.
 * Mode is PERMISSIVE: a line with too many or too few fields, or broken quoting that changes the field count, is a
 * row with {@link RawColumns#CORRUPT_RECORD} holding its raw text (and the fields Spark could still assign). CSV
 * column pruning is off, so whether a row is corrupt does not depend on which columns a query reads, and a query of
 * {@link RawColumns#CORRUPT_RECORD} alone works. JSON lines are read with an all-string schema of the declared
 * columns; keys not declared are silently not read (drift in JSON is not detected), numbers and nested values keep
 * their text as written (Spark's {@code spark.sql.json.enableExactStringParsing}, on by default: leave it on), and
 * malformed lines are corrupt records. A line holding a top-level JSON array yields one row per element in Spark
 * but counts as one record. Parquet and Avro columns keep their stored types (Parquet schemas of several files
 * are merged), and their {@link RawColumns#CORRUPT_RECORD} is always null.
 *
 * <h2>Line numbers</h2>
 * {@link RawColumns#LINE} is the 1-based line of the record in its file when records are one per line: the first
 * record is line 2 below a header, 1 otherwise. {@code monotonically_increasing_id()} grows with the position
 * inside a split; one small aggregate gives, per file and split start, the split's first row id and row count,
 * from which the driver derives each split's first line. So it is exact whether Spark splits a large file into
 * several tasks or packs several small files into one, and no row moves. It counts records, not lines:
 * <ul>
 *   <li>after a blank line (which Spark skips) the numbers of the later records are lower than their lines;</li>
 *   <li>after a record spanning several lines ({@code multiline: true}) they are lower too;</li>
 *   <li>for Avro it is the record's position in the file; for Parquet it is exact and free
 *       ({@code _metadata.row_index + 1}).</li>
 * </ul>
 * Cost: one extra scan of the text files for the per-split aggregate (one row per split reaches the driver); the
 * rows themselves are neither shuffled nor sorted, so a large file is validated by as many tasks as it has
 * splits. Parquet needs no aggregate. No UDF runs.
 */
public final class FilesConnector implements SourceConnector, SupportsRecount {
    private final FilesConnection connection;

    public FilesConnector(FilesConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    public FilesConnection connection() {
        return connection;
    }

    @Override
    public void check(DatasetSpec dataset) {
        FileExtract.bind(dataset.extract());
    }

    @Override
    public LandedBatch land(DatasetSpec dataset, LandingTarget target) {
        FileExtract extract = FileExtract.bind(dataset.extract());
        return new Landing(dataset.qualifiedName(), extract)
                .land(new Path(connection.landing()), target);
    }

    @Override
    public LandedBatch recount(DatasetSpec dataset, LandedBatch landed, Configuration hadoopConf) {
        FileExtract extract = FileExtract.bind(dataset.extract());
        LandedBatch counted = new Landing(dataset.qualifiedName(), extract).recount(landed.files(), hadoopConf);
        return counted.status() == LandedBatch.Status.REJECTED ? counted
                : new LandedBatch(counted.files(), landed.watermark(), LandedBatch.Status.LANDED, Optional.empty(),
                        landed.attributes());
    }

    @Override
    public Dataset<Row> read(SparkSession spark, DatasetSpec dataset, LandedBatch batch) {
        return new RawReader(FileExtract.bind(dataset.extract())).read(spark, dataset, batch);
    }
}
