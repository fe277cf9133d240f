package io.sluice.compat.write;

import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.ProjectingInternalRow;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.execution.datasources.parquet.ParquetOutputWriter;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Opens, for the one file Spark asks a task for, one Parquet writer per zone the task has rows for, each with its
 * zone's schema, next to that file ({@code <zone>-part-…}); each row goes to its zone's writer as a zero-copy view of
 * the zone's columns.
 */
final class ZoneWriterFactory extends OutputWriterFactory {
    private static final long serialVersionUID = 1L;
    private final OutputWriterFactory parquet;
    private final ZoneLayout layout;
    private final int zoneOrdinal;

    ZoneWriterFactory(OutputWriterFactory parquet, ZoneLayout layout, int zoneOrdinal) {
        this.parquet = parquet;
        this.layout = layout;
        this.zoneOrdinal = zoneOrdinal;
    }

    /** The start of the names of a zone's files. */
    static String filePrefix(String zone) {
        return zone + "-";
    }

    @Override
    public String getFileExtension(TaskAttemptContext context) {
        return parquet.getFileExtension(context);
    }

    @Override
    public OutputWriter newInstance(String path, StructType dataSchema, TaskAttemptContext context) {
        return new ZoneWriter(path, context);
    }

    private final class ZoneWriter extends OutputWriter {
        private final String path;
        private final TaskAttemptContext context;
        private final Map<String, ParquetOutputWriter> writers = new HashMap<>();
        private final Map<String, ProjectingInternalRow> views = new HashMap<>();

        ZoneWriter(String path, TaskAttemptContext context) {
            this.path = path;
            this.context = context;
        }

        // the zone of the previous row, compared as bytes: rows of one zone mostly follow each other
        private UTF8String lastZone;
        private ParquetOutputWriter lastWriter;
        private ProjectingInternalRow lastView;

        @Override
        public void write(InternalRow row) {
            UTF8String zone = row.getUTF8String(zoneOrdinal);
            if (lastZone == null || !lastZone.equals(zone)) {
                String name = zone.toString();
                lastWriter = writers.containsKey(name) ? writers.get(name) : open(name);
                lastView = views.get(name);
                lastZone = zone.clone();
            }
            lastView.project(row);
            lastWriter.write(lastView);
        }

        private ParquetOutputWriter open(String zone) {
            ZoneLayout.Zone columns = layout.zone(zone);
            Configuration conf = new Configuration(context.getConfiguration());
            conf.set(ParquetWriteSupport.SPARK_ROW_SCHEMA(), columns.schema().json());
            int slash = path.lastIndexOf('/');
            String file = path.substring(0, slash + 1) + filePrefix(zone) + path.substring(slash + 1);
            ParquetOutputWriter writer = new ParquetOutputWriter(file,
                    new TaskAttemptContextImpl(conf, context.getTaskAttemptID()));
            scala.collection.immutable.Seq<Object> ordinals = scala.jdk.javaapi.CollectionConverters.asScala(
                    java.util.Arrays.stream(columns.ordinals()).boxed().map(i -> (Object) i).toList()).toSeq();
            writers.put(zone, writer);
            views.put(zone, ProjectingInternalRow.apply(columns.schema(), ordinals));
            return writer;
        }

        @Override
        public void close() {
            RuntimeException failure = null;
            for (ParquetOutputWriter writer : writers.values()) {
                try {
                    writer.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public String path() {
            return path;
        }
    }
}
