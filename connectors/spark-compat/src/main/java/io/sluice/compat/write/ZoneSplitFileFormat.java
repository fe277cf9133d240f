package io.sluice.compat.write;

import org.apache.hadoop.mapreduce.Job;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.types.StructType;

/**
 * Spark's Parquet file format, writing each zone's rows to a file of their own with that zone's own columns: a row
 * of the superset (a zone column and every zone's columns side by side) is written, in the task that produced it,
 * as a row of its zone's schema only, under the zone's column names. So one Spark job, with Spark's own file writer
 * and commit protocol, writes the files of several tables whose columns differ (typed valid columns; the error
 * table's texts under the same names).
 *
 * <p>Used through {@link ZoneSplitWriter}, never by name in a descriptor. Timestamps are written as
 * {@code TIMESTAMP_MICROS} (not Spark's default INT96), so that every column of the footer has statistics.
 */
public final class ZoneSplitFileFormat extends ParquetFileFormat {
    private static final long serialVersionUID = 1L;
    static final String ZONES_OPTION = "sluice.zones";
    static final String ZONE_COLUMN_OPTION = "sluice.zone-column";

    @Override
    public OutputWriterFactory prepareWrite(SparkSession spark, Job job,
                                            scala.collection.immutable.Map<String, String> options,
                                            StructType dataSchema) {
        OutputWriterFactory parquet = super.prepareWrite(spark, job, options, dataSchema);
        // after Spark's setup, which copies the session's INT96 default into the job
        job.getConfiguration().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        String layout = options.get(ZONES_OPTION).getOrElse(() -> {
            throw new IllegalArgumentException("ZoneSplitFileFormat needs the option " + ZONES_OPTION);
        });
        String zoneColumn = options.get(ZONE_COLUMN_OPTION).getOrElse(() -> {
            throw new IllegalArgumentException("ZoneSplitFileFormat needs the option " + ZONE_COLUMN_OPTION);
        });
        return new ZoneWriterFactory(parquet, ZoneLayout.parse(layout, dataSchema), dataSchema.fieldIndex(zoneColumn));
    }

    @Override
    public String shortName() {
        return "sluice-zone-split";
    }

    @Override
    public String toString() {
        return "SluiceZoneSplit";
    }
}
