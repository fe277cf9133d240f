package io.sluice.framework.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.DatasetSource;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandingContext;
import io.sluice.connector.RawColumns;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.connector.SourceDescription;
import io.sluice.connector.files.FilesConnectorFactory;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.SourceSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code connector: skipping}, a test connector: the files connector (csv with a header), reading every record whose
 * first field starts with {@code TRL} as a skipped record, as a connector that skips records hands them to
 * validation ({@link RawColumns#SKIPPED} holds the reason, {@link RawColumns#CORRUPT_RECORD} the record's text,
 * the fields are null). The files connector counts them as records of their file when landing, so the count
 * checks hold.
 */
public final class SkippingConnectorFactory implements SourceConnectorFactory {
    static final String REASON = "record matches skip_records 'trl'";

    @Override
    public String type() {
        return "skipping";
    }

    @Override
    public SourceConnector create(SourceSpec source, ConnectorContext context) {
        SourceConnector files = new FilesConnectorFactory().create(source, context);
        return dataset -> new Bound(dataset, files.bind(dataset));
    }

    private record Bound(DatasetSpec dataset, DatasetSource files) implements DatasetSource {
        @Override
        public LandedBatch land(LandingContext context) {
            return files.land(context);
        }

        @Override
        public Dataset<Row> read(SparkSession spark, LandedBatch batch) {
            Dataset<Row> rows = files.read(spark, batch);
            List<String> fields = dataset.columns().stream().map(ColumnSpec::sourceName).toList();
            Column skipped = col(fields.get(0)).startsWith("TRL");
            List<Column> out = new ArrayList<>();
            for (String f : rows.columns()) {
                if (fields.contains(f)) {
                    out.add(when(skipped, lit(null)).otherwise(col(f)).as(f));
                } else if (!f.equals(RawColumns.CORRUPT_RECORD) && !f.equals(RawColumns.SKIPPED)) {
                    out.add(col(f));
                }
            }
            Column text = concat_ws(",", fields.stream().map(f -> col(f)).toArray(Column[]::new));
            Column corrupt = List.of(rows.columns()).contains(RawColumns.CORRUPT_RECORD)
                    ? col(RawColumns.CORRUPT_RECORD) : lit(null).cast("string");
            out.add(when(skipped, text).otherwise(corrupt).as(RawColumns.CORRUPT_RECORD));
            // the files connector may skip records itself (extract.skip_lines, …): its reasons stay
            Column earlier = List.of(rows.columns()).contains(RawColumns.SKIPPED)
                    ? col(RawColumns.SKIPPED) : lit(null).cast("string");
            out.add(when(skipped, lit(REASON)).otherwise(earlier).as(RawColumns.SKIPPED));
            return rows.select(out.toArray(Column[]::new));
        }

        @Override
        public SourceDescription describe() {
            return files.describe();
        }
    }
}
