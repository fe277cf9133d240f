package io.sluice.framework.run;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.connector.DatasetSource;
import io.sluice.connector.LandingContext;
import io.sluice.connector.SourceDescription;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.connector.SupportsRecount;
import io.sluice.connector.files.FilesConnectorFactory;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.SourceSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code connector: recounting}, a test connector: the files connector (csv with a header) plus a check at landing
 * that depends on the descriptor, as the files connector's encoding check does on branch {@code csv}: a file whose
 * header has another number of fields than the dataset declares columns is refused (landed with zero records, a
 * {@link LandedBatch#rejected} batch). It implements {@link SupportsRecount}, so that a fixed descriptor lets the
 * framework count the refused run again and publish it.
 */
public final class RecountingConnectorFactory implements SourceConnectorFactory {
    @Override
    public String type() {
        return "recounting";
    }

    @Override
    public SourceConnector create(SourceSpec source, ConnectorContext context) {
        return new Recounting(new FilesConnectorFactory().create(source, context));
    }

    static final class Recounting implements SourceConnector {
        private final SourceConnector files;

        Recounting(SourceConnector files) {
            this.files = files;
        }

        @Override
        public DatasetSource bind(DatasetSpec dataset) {
            return new Bound(dataset, files.bind(dataset));
        }
    }

    /** One dataset: the files connector's handle, counting again by the declared columns. */
    static final class Bound implements DatasetSource, SupportsRecount {
        private final DatasetSpec dataset;
        private final DatasetSource files;

        Bound(DatasetSpec dataset, DatasetSource files) {
            this.dataset = dataset;
            this.files = files;
        }

        @Override
        public LandedBatch land(LandingContext target) {
            LandedBatch landed = files.land(target);
            if (landed.isEmpty() || landed.status() != LandedBatch.Status.LANDED) {
                return landed;
            }
            LandedBatch counted = recount(landed, target.hadoopConf());
            if (counted.status() == LandedBatch.Status.REJECTED) {
                // a refused file is not counted: its count under the wrong descriptor would be meaningless
                List<LandedFile> uncounted = landed.files().stream().map(f -> withRecords(f, 0)).toList();
                return LandedBatch.rejected(uncounted, counted.reason().orElseThrow(), Map.of());
            }
            return landed;
        }

        @Override
        public LandedBatch recount(LandedBatch landed, Configuration hadoopConf) {
            List<LandedFile> counted = new ArrayList<>();
            for (LandedFile file : landed.files()) {
                List<String> lines = lines(file.path(), hadoopConf);
                int fields = lines.isEmpty() ? 0 : lines.get(0).split(",", -1).length;
                if (fields != dataset.columns().size()) {
                    return LandedBatch.rejected(landed.files(), file.origin() + ": the header has " + fields
                            + " fields, the descriptor declares " + dataset.columns().size() + " columns", Map.of());
                }
                counted.add(withRecords(file, lines.size() - 1));
            }
            return new LandedBatch(counted, landed.watermark(), LandedBatch.Status.LANDED,
                    java.util.Optional.empty(), landed.attributes());
        }

        @Override
        public Dataset<Row> read(SparkSession spark, LandedBatch batch) {
            return files.read(spark, batch);
        }

        @Override
        public SourceDescription describe() {
            return files.describe();
        }

        private static LandedFile withRecords(LandedFile f, long records) {
            return f.recounted(records, f.fields(), f.detail());
        }

        private static List<String> lines(String path, Configuration conf) {
            Path p = new Path(path);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getFileSystem(conf).open(p),
                    StandardCharsets.UTF_8))) {
                return in.lines().filter(l -> !l.isBlank()).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
