package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.DatasetSource;
import io.sluice.connector.EarlierBatch;
import io.sluice.connector.ExtractMode;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.connector.LandingContext;
import io.sluice.connector.RawColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every source connector must do, run against a real source. A connector's test extends this and provides a
 * fixture: the connector over a source living in {@link #sourceDir()} (files written there, a table in a test
 * database), a dataset of it, a dataset whose {@code extract} block is wrong, and a way to deliver new records.
 * Third-party connectors run the same suite from the {@code sluice-connector-api} test jar.
 *
 * <p>The suite lands the way the framework does: into a fresh run folder, reporting the checksums of every file
 * landed before as already landed, handing back the last batch's watermark and every earlier batch.
 */
@ExtendWith(SparkExtension.class)
public abstract class ConnectorContract extends ConnectorBindingContract {
    /** The test's own folder: the fixture keeps its source here, the suite its raw run folders. */
    @TempDir
    Path sourceDir;

    /** Adds a delivery of new records to the source; returns how many records it holds (at least one). */
    protected abstract long deliver();

    /** The folder the fixture keeps its source in, unique to the test. */
    protected final Path sourceDir() {
        return sourceDir;
    }

    /** The folder {@code relative} inside {@link #sourceDir()}, created with its parents when missing. */
    protected final Path sourceFolder(String relative) {
        try {
            return Files.createDirectories(sourceDir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void landingASourceWithNothingNewGivesAnEmptyBatch(SparkSession spark) {
        LandedBatch batch = new Lander(spark, connector().bind(dataset())).land();

        assertThat(batch.isEmpty()).as("nothing delivered: an empty batch, " + batch).isTrue();
        assertThat(batch.records()).isZero();
    }

    @Test
    void theLandedRecordsAreTheRowsReadWithTheRawColumns(SparkSession spark) {
        long delivered = deliver();
        DatasetSource source = connector().bind(dataset());

        LandedBatch batch = new Lander(spark, source).land();

        assertThat(batch.status()).isEqualTo(LandedBatch.Status.LANDED);
        assertThat(batch.files()).isNotEmpty().allSatisfy(f -> assertThat(f.sha256()).isNotBlank());
        assertThat(batch.records()).isEqualTo(delivered);
        assertThat(batch.files().stream().mapToLong(LandedFile::records).sum()).isEqualTo(delivered);
        Dataset<Row> rows = source.read(spark, batch);
        assertThat(rows.columns()).contains(RawColumns.SOURCE_FILE, RawColumns.LINE, RawColumns.CORRUPT_RECORD);
        assertThat(rows.count()).isEqualTo(batch.records());
    }

    @Test
    void landingAgainWhatWasLandedGivesNothingNewAndANewDeliveryOnlyItsRecords(SparkSession spark) {
        deliver();
        Lander lander = new Lander(spark, connector().bind(dataset()));
        LandedBatch first = lander.land();
        assertThat(first.records()).isPositive();

        assertThat(lander.land().isEmpty()).as("landed before: nothing new").isTrue();

        long added = deliver();
        LandedBatch second = lander.land();
        assertThat(second.records()).isEqualTo(added);
    }

    @Test
    void afterCommitMayBeCalledTwice(SparkSession spark) {
        deliver();
        DatasetSource source = connector().bind(dataset());
        Lander lander = new Lander(spark, source);
        LandedBatch batch = lander.land();

        source.afterCommit(batch);
        source.afterCommit(batch);
        connector().bind(dataset()).afterCommit(batch);

        assertThat(lander.land().isEmpty()).as("committed and tidied: nothing new").isTrue();
    }

    /**
     * Lands as the framework's lander does: a fresh run folder each time, the checksums of every earlier landed
     * file reported as landed, the last watermark and the earlier batches handed back.
     */
    private final class Lander {
        private final SparkSession spark;
        private final DatasetSource source;
        private final Set<String> checksums = new HashSet<>();
        private final List<EarlierBatch> earlier = new ArrayList<>();
        private Optional<String> watermark = Optional.empty();

        Lander(SparkSession spark, DatasetSource source) {
            this.spark = spark;
            this.source = source;
        }

        LandedBatch land() {
            Path run = sourceDir.resolve("raw").resolve("run=" + (earlier.size() + 1) + "-" + System.nanoTime());
            try {
                Files.createDirectories(run);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LandedBatch batch = source.land(new LandingContext(spark, run.toUri().toString(), new Configuration(),
                    Set.copyOf(checksums)::contains, watermark, ExtractMode.INCREMENTAL, earlier));
            if (!batch.isEmpty() && batch.status() != LandedBatch.Status.WAITING) {
                batch.files().forEach(f -> checksums.add(f.sha256()));
                batch.watermark().ifPresent(w -> watermark = Optional.of(w));
                earlier.add(new EarlierBatch("run-" + (earlier.size() + 1), batch.status(), batch.attributes()));
            }
            return batch;
        }
    }
}
