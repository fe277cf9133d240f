package io.sluice.connector;

import io.sluice.metadata.DatasetSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads one source: lands what is new of a dataset into the raw zone, and reads landed raw files back for
 * validation. A connector knows its raw format, so both halves live here.
 */
public interface SourceConnector {

    /**
     * Checks the dataset's {@code extract} block without touching the source, for {@code sluice validate}.
     * Throws a {@link io.sluice.metadata.DescriptorException} naming the descriptor line on a bad setting.
     */
    void check(DatasetSpec dataset);

    /**
     * Copies what is new for {@code dataset} into {@link LandingTarget#directory()}. Files whose checksum the
     * target reports as already landed are skipped. Returns the landed files (empty when nothing is new).
     */
    LandedBatch land(DatasetSpec dataset, LandingTarget target);

    /**
     * Reads landed raw files as a DataFrame with one column per source field, named as in the source, plus
     * {@link RawColumns#SOURCE_FILE}, {@link RawColumns#LINE} and {@link RawColumns#CORRUPT_RECORD}. Fields
     * are strings for text formats and the source's types for typed formats (Avro, Parquet).
     */
    Dataset<Row> read(SparkSession spark, DatasetSpec dataset, LandedBatch batch);

    /**
     * Called once the batch's rows are committed to the valid and error zones (or, for a
     * {@link LandedBatch.Status#REJECTED} batch, once its files are sealed in raw): the moment a connector may
     * archive or delete what it delivered. Must be idempotent: after a crash the framework calls it again for a
     * batch it publishes on the next run. A failure here is logged and does not fail the run.
     */
    default void afterCommit(DatasetSpec dataset, LandedBatch batch) {
    }
}
