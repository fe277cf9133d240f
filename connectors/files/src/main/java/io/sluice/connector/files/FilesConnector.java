package io.sluice.connector.files;

import io.sluice.connector.DatasetSource;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandingContext;
import io.sluice.connector.RawColumns;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceDescription;
import io.sluice.connector.SupportsRecount;
import io.sluice.metadata.DatasetSpec;
import java.util.Objects;
import java.util.Optional;
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
 * with the rows {@link FilesDataset#read} returns; see {@link RecordCounter} for the rules. Compressed files ({@code .gz},
 * {@code .bz2}, …) are counted and read through Hadoop's codec for their ending, as Spark reads them.
 *
 * <h2>Files that cannot be read</h2>
 * A file that cannot be read as the extract declares it (bytes that do not decode in the declared encoding, a
 * UTF-16/32 byte-order mark where a one-byte encoding is declared, a CSV header or a JSON array that cannot be
 * parsed, a truncated gzip stream, a broken Parquet footer, bytes that are not Avro) is still landed unchanged,
 * and the batch is {@link io.sluice.connector.LandedBatch.Status#REJECTED} with the reason of every such file: the
 * framework keeps it in raw, publishes nothing and reports a refused delivery (exit 3). The rejection is in the
 * run's manifest, so no later process publishes the run. {@link FilesDataset#recount} counts a landed batch again under the
 * current descriptor (e.g. after the {@code encoding} was fixed), before the framework retries a failed run.
 *
 * <h2>Reading</h2>
 * CSV/TSV and JSON are parsed by the parser that counted them at landing ({@link CsvRecords},
 * {@link JsonRecords}), in a Spark job of one task per file ({@link TextScan}; an uncompressed CSV/TSV file is read
 * in parts starting at the marks its landing noted, see {@link RecordCounter#SPLIT_EVERY}), so the rows read are
 * the records landed by construction. CSV/TSV fields are strings named by each file's header (or by the declared columns with
 * {@code header: false}); files with different headers are united by name, so a changed header never shifts
 * values. A record with too many or too few fields, or that cannot be parsed (see {@link CsvRecords}), is a row
 * with {@link RawColumns#CORRUPT_RECORD} holding its exact text. JSON columns are the declared ones (a column's
 * source name may be a path into the record, {@link JsonPath}), then the keys seen at landing and not covered by a
 * declared one (so drift sees them); values are text, numbers and nested values as written.
 * {@link RawColumns#LINE} is the physical line a text record starts on (a header is line 1). Parquet and Avro
 * columns keep their stored types (Parquet schemas of several files are merged), and their
 * {@link RawColumns#CORRUPT_RECORD} is always null; {@link RawColumns#LINE} is the row's position in its file (for
 * Avro numbered from the scan's row ids without moving rows, for Parquet from {@code _metadata.row_index}).
 * See docs/files.md.
 */
public final class FilesConnector implements SourceConnector {
    private final FilesConnection connection;
    private final long splitEvery;

    public FilesConnector(FilesConnection connection) {
        this(connection, RecordCounter.SPLIT_EVERY);
    }

    /** A connector whose reads start a task about every {@code splitEvery} bytes of an uncompressed CSV/TSV file. */
    FilesConnector(FilesConnection connection, long splitEvery) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.splitEvery = splitEvery;
    }

    public FilesConnection connection() {
        return connection;
    }

    @Override
    public FilesDataset bind(DatasetSpec dataset) {
        FileExtract extract = FileExtract.bind(dataset.extract());
        if (extract.format() == FileFormat.JSON) {
            // a source name that is not a JSON path is a descriptor error: found before anything is landed
            JsonPaths.bind(dataset);
        }
        return new FilesDataset(dataset, extract);
    }

    /** One dataset of a files source, its {@code extract} block bound. */
    public final class FilesDataset implements DatasetSource, SupportsRecount {
        private final DatasetSpec dataset;
        private final FileExtract extract;

        private FilesDataset(DatasetSpec dataset, FileExtract extract) {
            this.dataset = dataset;
            this.extract = extract;
        }

        /** The bound extract block. */
        public FileExtract extract() {
            return extract;
        }

        @Override
        public LandedBatch land(LandingContext context) {
            return new Landing(dataset.qualifiedName(), extract, splitEvery)
                    .land(new Path(connection.landing()), context);
        }

        @Override
        public LandedBatch recount(LandedBatch landed, Configuration hadoopConf) {
            LandedBatch counted = new Landing(dataset.qualifiedName(), extract, splitEvery)
                    .recount(landed.files(), hadoopConf);
            return counted.status() == LandedBatch.Status.REJECTED ? counted
                    : new LandedBatch(counted.files(), landed.watermark(), LandedBatch.Status.LANDED, Optional.empty(),
                            landed.attributes());
        }

        @Override
        public Dataset<Row> read(SparkSession spark, LandedBatch batch) {
            return new RawReader(extract).read(spark, dataset, batch);
        }

        /** The landing glob and the format as the descriptor writes it (the connector's name when it does not). */
        @Override
        public SourceDescription describe() {
            return new SourceDescription(FilesConnectorFactory.TYPE + ":" + extract.path(),
                    dataset.extract().string("format").orElse(FilesConnectorFactory.TYPE));
        }

        @Override
        public String toString() {
            return "FilesDataset[" + dataset.qualifiedName() + ", path=" + extract.path() + ", format="
                    + extract.format().spelling() + "]";
        }
    }
}
