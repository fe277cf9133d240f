package io.sluice.connector.jdbc;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.connector.DatasetSource;
import io.sluice.connector.ExtractMode;
import io.sluice.connector.LandingContext;
import io.sluice.connector.SourceDescription;
import io.sluice.connector.RawColumns;
import io.sluice.connector.SourceConnector;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.SourceSpec;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands a table or query of a JDBC database as Avro files, one per partition of a parallel Spark read, and reads
 * them back typed. Shared by the {@code jdbc} and {@code teradata} connectors, which differ in their
 * {@link SqlDialect} and connection settings.
 *
 * <p>Raw files are Avro with the source schema embedded. Their SHA-256 differs on every landing (Avro writes a
 * random sync marker), so the target's {@code alreadyLanded} ledger does not apply: an incremental watermark,
 * not a checksum, keeps a row from being landed twice.
 */
public final class JdbcConnector implements SourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcConnector.class);

    private final SourceSpec source;
    private final JdbcConnection connection;
    private final SqlDialect dialect;
    private final ConnectorContext context;
    private final JdbcErrors errors;

    public JdbcConnector(SourceSpec source, JdbcConnection connection, SqlDialect dialect, ConnectorContext context) {
        this.source = Objects.requireNonNull(source, "source");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.context = Objects.requireNonNull(context, "context");
        this.errors = new JdbcErrors(source, connection);
    }

    @Override
    public JdbcDataset bind(DatasetSpec dataset) {
        return new JdbcDataset(dataset, JdbcExtract.bind(dataset.extract(), dataset.name(), dialect));
    }

    /**
     * Binds the extract block and refuses an explicit {@code valid.mode: append} for a full extract (no
     * {@code incremental}): every run reads the whole table again, so appending would add every row once more per
     * run. Under the default mode a full extract replaces the valid table's rows.
     */
    @Override
    public void check(DatasetSpec dataset) {
        JdbcExtract extract = bind(dataset).extract();
        if (extract.incremental().isEmpty() && dataset.declaresValidMode()
                && dataset.validMode() == io.sluice.metadata.WriteMode.APPEND) {
            throw new io.sluice.metadata.DescriptorException(List.of(dataset.origin().problem("/valid/mode",
                    "a full extract (no extract.incremental) reads the whole table on every run, so mode append"
                            + " would add every row again each run: remove 'mode: append' (a full extract then"
                            + " replaces the table's rows), write 'mode: merge' with key: true columns to upsert, or"
                            + " declare extract.incremental: { column: <a column that grows with each change> }")));
        }
    }

    /** One table or query of a database source, its {@code extract} block bound. */
    public final class JdbcDataset implements DatasetSource {
        private final DatasetSpec dataset;
        private final JdbcExtract extract;

        private JdbcDataset(DatasetSpec dataset, JdbcExtract extract) {
            this.dataset = dataset;
            this.extract = extract;
        }

        /** The bound extract block. */
        public JdbcExtract extract() {
            return extract;
        }

        @Override
        public LandedBatch land(LandingContext target) {
            return JdbcConnector.this.land(dataset, extract, target);
        }

        /**
         * Reads the landed Avro files with the types of their embedded schema. {@link RawColumns#LINE} is null:
         * Avro records have no line, and a position within a file is not known once Spark splits the file.
         */
        @Override
        public Dataset<Row> read(SparkSession spark, LandedBatch batch) {
            if (batch.isEmpty()) {
                throw new IllegalArgumentException(dataset.qualifiedName()
                        + ": an empty batch has no raw files to read");
            }
            String[] paths = batch.files().stream().map(LandedFile::path).toArray(String[]::new);
            return spark.read().format("avro").load(paths)
                    .withColumn(RawColumns.SOURCE_FILE, col("_metadata.file_name"))
                    .withColumn(RawColumns.LINE, lit(null).cast("long"))
                    .withColumn(RawColumns.CORRUPT_RECORD, lit(null).cast("string"));
        }

        /** The table ({@code jdbc:sales.orders}) or {@code jdbc:query}; the raw format is the connector's name. */
        @Override
        public SourceDescription describe() {
            String what = extract.source() instanceof JdbcExtract.Table t ? t.name() : "query";
            return new SourceDescription(source.connector() + ":" + what, source.connector());
        }

        @Override
        public String toString() {
            return "JdbcDataset[" + dataset.qualifiedName() + ", " + source.connector() + ":"
                    + extract.source().name() + "]";
        }
    }

    private LandedBatch land(DatasetSpec dataset, JdbcExtract extract, LandingContext target) {
        ExtractSql sql = new ExtractSql(extract, dialect);
        boolean full = target.mode() == ExtractMode.FULL || extract.incremental().isEmpty();
        Optional<Watermark> last = full
                ? Optional.empty()
                : target.watermark().map(w -> Watermark.parse(w, extract.incremental().get().type()));
        JdbcConnection.Resolved resolved = connection.resolve(context.resolver(source.origin(),
                source.connection().pointer()));

        Optional<SourcePlan> decided;
        try (Connection c = open(resolved)) {
            decided = SourcePlan.decide(c, sql, dataset, last);
        } catch (SQLException e) {
            throw errors.of(e, dialect, resolved, dataset, extract.source());
        }
        if (decided.isEmpty()) {
            LOG.info("{}: nothing above watermark {}", dataset.qualifiedName(),
                    last.map(Watermark::stored).orElse("(none)"));
            return LandedBatch.empty();
        }
        SourcePlan plan = decided.get();
        LOG.info("{}: reading {} in {} partition(s)", dataset.qualifiedName(), plan.derivedTable(), partitions(plan));
        try {
            write(sourceRows(target.engine(), resolved, plan), target.directory());
        } catch (SluiceException e) {
            throw e;
        } catch (Exception e) { // Spark's SparkException is a checked exception that Scala throws undeclared
            throw failure(e, resolved, dataset, extract);
        }
        List<LandedFile> files = AvroFiles.describe(target.directory(), target.hadoopConf(),
                "jdbc:" + extract.source().name());
        // a full extract holds the whole table: it replaces the rows of earlier snapshots instead of adding to them
        LandedBatch batch = full ? LandedBatch.snapshot(files, plan.high().map(Watermark::stored))
                : new LandedBatch(files, plan.high().map(Watermark::stored));
        if (batch.records() == 0) {
            deleteAll(files, target);
            return LandedBatch.empty();
        }
        return batch;
    }

    private Connection open(JdbcConnection.Resolved resolved) throws SQLException {
        if (resolved.driver().isPresent()) {
            try {
                Class.forName(resolved.driver().get());
            } catch (ClassNotFoundException e) {
                throw errors.driverMissing(resolved, "class " + resolved.driver().get() + " not found");
            }
        }
        try {
            DriverManager.getDriver(resolved.url());
        } catch (SQLException e) {
            throw errors.driverMissing(resolved, "no registered driver accepts the URL");
        }
        return DriverManager.getConnection(resolved.url(), resolved.properties());
    }

    private Dataset<Row> sourceRows(SparkSession spark, JdbcConnection.Resolved resolved, SourcePlan plan) {
        DataFrameReader reader = spark.read()
                .option("url", resolved.url())
                .option("user", resolved.user())
                .option("password", resolved.password())
                .option("fetchsize", Integer.toString(resolved.fetchSize()));
        resolved.driver().ifPresent(d -> reader.option("driver", d));
        if (!dialect.prefix().isEmpty()) {
            reader.option("prepareQuery", dialect.prefix());
        }
        if (!plan.predicates().isEmpty()) {
            return reader.jdbc(resolved.url(), plan.derivedTable(), plan.predicates().toArray(String[]::new),
                    new Properties());
        }
        reader.format("jdbc").option("dbtable", plan.derivedTable());
        plan.range().ifPresent(r -> reader.option("partitionColumn", r.column())
                .option("lowerBound", r.lower())
                .option("upperBound", r.upper())
                .option("numPartitions", Integer.toString(r.partitions())));
        return reader.load();
    }

    private static void write(Dataset<Row> rows, String directory) {
        rows.write().format("avro").mode(SaveMode.Append)
                .option("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
                .save(directory);
    }

    private SluiceException failure(Exception e, JdbcConnection.Resolved resolved, DatasetSpec dataset,
                                    JdbcExtract extract) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sqlException) {
                return errors.of(sqlException, dialect, resolved, dataset, extract.source());
            }
        }
        return errors.landingFailed(dataset, resolved, e);
    }

    private static int partitions(SourcePlan plan) {
        return !plan.predicates().isEmpty() ? plan.predicates().size()
                : plan.range().map(SourcePlan.Range::partitions).orElse(1);
    }

    private static void deleteAll(List<LandedFile> files, LandingContext target) {
        for (LandedFile f : files) {
            Path p = new Path(f.path());
            try {
                p.getFileSystem(target.hadoopConf()).delete(p, false);
            } catch (IOException e) {
                throw new SluiceException(JdbcErrorCode.SOURCE_RAW_FILES_FAILED, "cannot remove the empty landed"
                        + " file " + f.path() + " (" + e.getMessage() + "); check the lake location and its"
                        + " permissions, and run again", e);
            }
        }
    }
}
