package io.sluice.connector;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One dataset of a source, its {@code extract} block bound: what the framework lands, reads back and describes
 * during a run. Made by {@link SourceConnector#bind}; holds no state between calls, so the framework may land in
 * one process and read in another (after a crash). Optional abilities are mix-ins: {@link SupportsRecount}.
 */
public interface DatasetSource {

    /**
     * Copies what is new of the dataset into {@link LandingContext#directory()}. Files whose checksum the context
     * reports as already landed are skipped.
     *
     * @return the landed files (empty when nothing is new), a waiting batch, or a rejected delivery
     */
    LandedBatch land(LandingContext context);

    /**
     * Reads landed raw files as a DataFrame with one column per source field, named as in the source, plus
     * {@link RawColumns#SOURCE_FILE}, {@link RawColumns#LINE} and {@link RawColumns#CORRUPT_RECORD}. Fields are
     * strings for text formats and the source's types for typed formats (Avro, Parquet). The rows are as many as
     * the batch's {@link LandedBatch#records()}.
     */
    Dataset<Row> read(SparkSession spark, LandedBatch batch);

    /**
     * Called once the batch's rows are committed to the valid and error zones (or, for a
     * {@link LandedBatch.Status#REJECTED} batch, once its files are sealed in raw): the moment a connector may
     * archive or delete what it delivered. Must be idempotent: after a crash the framework calls it again for a
     * batch it publishes on the next run. A failure here is logged and does not fail the run.
     */
    default void afterCommit(LandedBatch batch) {
    }

    /** Where the source keeps this dataset and in which raw format, for the catalog. Holds no secret. */
    SourceDescription describe();
}
