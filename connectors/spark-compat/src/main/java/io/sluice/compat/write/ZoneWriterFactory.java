package io.sluice.compat.write;

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

/**
 * Opens one Parquet writer per task and zone directory, with the zone's schema; each row is handed on as a
 * zero-copy view of the zone's columns.
 */
final class ZoneWriterFactory extends OutputWriterFactory {
    private static final long serialVersionUID = 1L;
    private final OutputWriterFactory parquet;
    private final ZoneLayout layout;

    ZoneWriterFactory(OutputWriterFactory parquet, ZoneLayout layout) {
        this.parquet = parquet;
        this.layout = layout;
    }

    @Override
    public String getFileExtension(TaskAttemptContext context) {
        return parquet.getFileExtension(context);
    }

    @Override
    public OutputWriter newInstance(String path, StructType dataSchema, TaskAttemptContext context) {
        ZoneLayout.Zone zone = layout.zone(zoneOf(path));
        Configuration conf = new Configuration(context.getConfiguration());
        conf.set(ParquetWriteSupport.SPARK_ROW_SCHEMA(), zone.schema().json());
        ParquetOutputWriter writer = new ParquetOutputWriter(path,
                new TaskAttemptContextImpl(conf, context.getTaskAttemptID()));
        scala.collection.immutable.Seq<Object> ordinals = scala.jdk.javaapi.CollectionConverters.asScala(
                java.util.Arrays.stream(zone.ordinals()).boxed().map(i -> (Object) i).toList()).toSeq();
        ProjectingInternalRow view = ProjectingInternalRow.apply(zone.schema(), ordinals);
        return new ZoneWriter(writer, view);
    }

    /** The zone of a file from its partition directory: {@code …/<column>=<zone>/part-….parquet}. */
    static String zoneOf(String path) {
        String dir = path.substring(0, path.lastIndexOf('/'));
        String name = dir.substring(dir.lastIndexOf('/') + 1);
        int eq = name.indexOf('=');
        if (eq < 0) {
            throw new IllegalStateException("not a zone partition directory: " + path);
        }
        return name.substring(eq + 1);
    }

    private static final class ZoneWriter extends OutputWriter {
        private final ParquetOutputWriter writer;
        private final ProjectingInternalRow view;

        ZoneWriter(ParquetOutputWriter writer, ProjectingInternalRow view) {
            this.writer = writer;
            this.view = view;
        }

        @Override
        public void write(InternalRow row) {
            view.project(row);
            writer.write(view);
        }

        @Override
        public void close() {
            writer.close();
        }

        @Override
        public String path() {
            return writer.path();
        }
    }
}
