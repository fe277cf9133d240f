package io.sluice.compat.cache;

import io.sluice.testing.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows through the row cache's two conversions, on a real Spark RDD, against the same rows read directly. */
@ExtendWith(SparkExtension.class)
class RowCacheSerializerTest {
    /** Wide enough that the rows fill more than one batch. */
    private static final String ROWS = "SELECT id, CAST(id AS INT) AS small, CAST(id / 7 AS DECIMAL(15,2)) AS amount,"
            + " IF(id % 3 = 0, NULL, CONCAT('text-', id, repeat('x', CAST(id % 50 AS INT)))) AS note,"
            + " DATE_ADD(DATE'2026-01-01', CAST(id % 400 AS INT)) AS day,"
            + " IF(id % 5 = 0, named_struct('a', CAST(id AS STRING), 'b', NULL), NULL) AS original,"
            + " IF(id % 5 = 0, array(named_struct('column', 'c', 'rule', 'type', 'message', 'bad')), array())"
            + " AS errors,"
            + " id % 5 = 0 AS failed"
            + " FROM range(0, 150000, 1, 2)";

    @Test
    void rowsComeBackWholeOrAsTheSelectedColumns(SparkSession spark) {
        Dataset<Row> df = spark.sql(ROWS);
        Seq<Attribute> attributes = df.queryExecution().analyzed().output();
        RowCacheSerializer serializer = new RowCacheSerializer();
        RDD<CachedBatch> cached = serializer.convertInternalRowToCachedBatch(df.queryExecution().toRdd(), attributes,
                StorageLevel.DISK_ONLY(), SQLConf.get());
        cached.persist(StorageLevel.DISK_ONLY());
        try {
            List<CachedBatch> batches = cached.toJavaRDD().collect();
            assertThat(batches.stream().mapToLong(CachedBatch::numRows).sum()).isEqualTo(150000);
            assertThat(batches).as("more than one batch per partition").hasSizeGreaterThan(2);
            assertThat(batches).allSatisfy(b -> assertThat(b.sizeInBytes())
                    .isLessThanOrEqualTo(RowCacheSerializer.BATCH_BYTES + 1024));

            List<String> expected = render(df.queryExecution().toRdd(), types(attributes));
            assertThat(render(serializer.convertCachedBatchToInternalRow(cached, attributes, attributes, SQLConf.get()),
                    types(attributes))).isEqualTo(expected);

            List<Attribute> all = CollectionConverters.asJava(attributes);
            Seq<Attribute> picked = CollectionConverters.asScala(List.of(all.get(7), all.get(3), all.get(6)))
                    .toSeq();
            List<String> expectedPicked = render(df.select("failed", "note", "errors").queryExecution().toRdd(),
                    types(picked));
            assertThat(render(serializer.convertCachedBatchToInternalRow(cached, attributes, picked, SQLConf.get()),
                    types(picked))).isEqualTo(expectedPicked).hasSize(150000);
        } finally {
            cached.unpersist(true);
        }
    }

    @Test
    void everyBatchIsReadBackWhateverTheQueryFilters(SparkSession spark) {
        // the cached rows are read whole: a filter on them (the error write keeps failing rows) skips no batch
        Dataset<Row> df = spark.sql(ROWS);
        Seq<Attribute> attributes = df.queryExecution().analyzed().output();
        RowCacheSerializer serializer = new RowCacheSerializer();
        List<CachedBatch> batches = serializer.convertInternalRowToCachedBatch(df.queryExecution().toRdd(),
                attributes, StorageLevel.DISK_ONLY(), SQLConf.get()).toJavaRDD().collect();
        Attribute failed = CollectionConverters.asJava(attributes).get(7);
        Seq<org.apache.spark.sql.catalyst.expressions.Expression> onlyFailing = CollectionConverters.asScala(
                List.<org.apache.spark.sql.catalyst.expressions.Expression>of(
                        new org.apache.spark.sql.catalyst.expressions.EqualTo(failed,
                                org.apache.spark.sql.catalyst.expressions.Literal.create(true,
                                        DataTypes.BooleanType)))).toSeq();
        scala.collection.Iterator<CachedBatch> kept = serializer.buildFilter(onlyFailing, attributes)
                .apply(0, CollectionConverters.asScala(batches.iterator()));
        assertThat(kept.size()).isEqualTo(batches.size()).isGreaterThan(2);
        assertThat(batches.stream().mapToLong(CachedBatch::numRows).sum()).isEqualTo(150000);
    }

    private static List<DataType> types(Seq<Attribute> attributes) {
        return CollectionConverters.asJava(attributes).stream().map(Attribute::dataType).toList();
    }

    /** Each row's values as text, in the partitions' order (rows are copied: the iterators reuse one row). */
    private static List<String> render(RDD<InternalRow> rows, List<DataType> types) {
        List<String> out = new ArrayList<>();
        for (InternalRow row : rows.toJavaRDD().map(InternalRow::copy).collect()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < types.size(); i++) {
                Object value = row.isNullAt(i) ? null : row.get(i, types.get(i));
                text.append(value instanceof InternalRow r ? r.toSeq(((org.apache.spark.sql.types.StructType)
                        types.get(i))) : value instanceof org.apache.spark.sql.catalyst.util.ArrayData a
                        ? java.util.Arrays.toString(a.toObjectArray(((org.apache.spark.sql.types.ArrayType)
                        types.get(i)).elementType())) : value).append('|');
            }
            out.add(text.toString());
        }
        return out;
    }
}
