package io.sluice.compat.cache;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.columnar.CachedBatchSerializer;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.storage.StorageLevel;
import scala.Function2;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Keeps cached rows as Spark's own binary rows, packed into batches of about {@value #BATCH_BYTES} bytes, instead
 * of building a column per field as Spark's default cache does ({@code spark.sql.cache.serializer}).
 *
 * <p>A run caches one thing: the checked rows of a dataset, kept once (in memory or on local disk) and read back
 * whole by the valid write, then dropped. The default cache converts every row into columns on the way in and back on the way
 * out, and keeps per-batch statistics to skip batches, which a full read never uses: for this it cost about as
 * much as checking the rows (docs/benchmark.md, "Measurements behind the code"). Rows are stored as they are produced, so the
 * cache is as large as the rows themselves; lost blocks are recomputed from the plan, as with any cache.
 */
public final class RowCacheSerializer implements CachedBatchSerializer {
    private static final long serialVersionUID = 1L;
    static final int BATCH_BYTES = 4 << 20;

    /** Binary rows one after another, each preceded by its length. */
    record RowBatch(byte[] data, int numRows) implements CachedBatch, Serializable {
        @Override
        public long sizeInBytes() {
            return data.length;
        }
    }

    @Override
    public boolean supportsColumnarInput(Seq<Attribute> schema) {
        return false;
    }

    @Override
    public boolean supportsColumnarOutput(StructType schema) {
        return false;
    }

    @Override
    public RDD<CachedBatch> convertInternalRowToCachedBatch(RDD<InternalRow> input, Seq<Attribute> schema,
                                                            StorageLevel storageLevel, SQLConf conf) {
        StructType type = org.apache.spark.sql.catalyst.types.DataTypeUtils.fromAttributes(schema);
        return input.toJavaRDD().mapPartitions(rows -> batches(rows, type)).rdd();
    }

    @Override
    public RDD<InternalRow> convertCachedBatchToInternalRow(RDD<CachedBatch> input, Seq<Attribute> cacheAttributes,
                                                            Seq<Attribute> selectedAttributes, SQLConf conf) {
        List<Attribute> cached = CollectionConverters.asJava(cacheAttributes);
        List<Attribute> selected = CollectionConverters.asJava(selectedAttributes);
        int fields = cached.size();
        boolean all = cached.equals(selected);
        List<Expression> picks = new ArrayList<>();
        for (Attribute a : selected) {
            int ordinal = indexOf(cached, a);
            picks.add(new BoundReference(ordinal, a.dataType(), a.nullable()));
        }
        Seq<Expression> projection = CollectionConverters.asScala(picks).toSeq();
        return input.toJavaRDD().mapPartitions(batches -> {
            Iterator<InternalRow> rows = rows(batches, fields);
            if (all) {
                return rows;
            }
            UnsafeProjection project = UnsafeProjection.create(projection);
            return new Iterator<InternalRow>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public InternalRow next() {
                    return project.apply(rows.next());
                }
            };
        }).rdd();
    }

    @Override
    public RDD<CachedBatch> convertColumnarBatchToCachedBatch(RDD<ColumnarBatch> input, Seq<Attribute> schema,
                                                              StorageLevel storageLevel, SQLConf conf) {
        throw new UnsupportedOperationException("rows only: supportsColumnarInput is false");
    }

    @Override
    public RDD<ColumnarBatch> convertCachedBatchToColumnarBatch(RDD<CachedBatch> input, Seq<Attribute> cacheAttributes,
                                                                Seq<Attribute> selectedAttributes, SQLConf conf) {
        throw new UnsupportedOperationException("rows only: supportsColumnarOutput is false");
    }

    /** Every batch is read: the cached rows are read whole, so per-batch statistics would only cost. */
    @Override
    public Function2<Object, scala.collection.Iterator<CachedBatch>, scala.collection.Iterator<CachedBatch>>
            buildFilter(Seq<Expression> predicates, Seq<Attribute> cachedAttributes) {
        return new AllBatches();
    }

    private static final class AllBatches extends scala.runtime.AbstractFunction2<Object,
            scala.collection.Iterator<CachedBatch>, scala.collection.Iterator<CachedBatch>> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public scala.collection.Iterator<CachedBatch> apply(Object partition,
                                                            scala.collection.Iterator<CachedBatch> batches) {
            return batches;
        }
    }

    private static int indexOf(List<Attribute> attributes, Attribute wanted) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).exprId().equals(wanted.exprId())) {
                return i;
            }
        }
        throw new IllegalStateException("column " + wanted + " is not among the cached " + attributes);
    }

    static Iterator<CachedBatch> batches(Iterator<InternalRow> rows, StructType type) {
        UnsafeProjection toUnsafe = UnsafeProjection.create(type);
        return new Iterator<CachedBatch>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public CachedBatch next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] data = new byte[BATCH_BYTES / 4];
                int length = 0;
                int count = 0;
                while (rows.hasNext() && length < BATCH_BYTES) {
                    InternalRow next = rows.next();
                    UnsafeRow row = next instanceof UnsafeRow unsafe ? unsafe : toUnsafe.apply(next);
                    int size = row.getSizeInBytes();
                    if (length + 4 + size > data.length) {
                        data = Arrays.copyOf(data, Math.max(2 * data.length, length + 4 + size));
                    }
                    writeInt(data, length, size);
                    row.writeToMemory(data, org.apache.spark.unsafe.Platform.BYTE_ARRAY_OFFSET + length + 4);
                    length += 4 + size;
                    count++;
                }
                return new RowBatch(length == data.length ? data : Arrays.copyOf(data, length), count);
            }
        };
    }

    static Iterator<InternalRow> rows(Iterator<CachedBatch> batches, int fields) {
        return new Iterator<InternalRow>() {
            private final UnsafeRow row = new UnsafeRow(fields);
            private RowBatch batch;
            private int offset;

            @Override
            public boolean hasNext() {
                while (batch == null || offset >= batch.data().length) {
                    if (!batches.hasNext()) {
                        return false;
                    }
                    batch = (RowBatch) batches.next();
                    offset = 0;
                }
                return true;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int size = readInt(batch.data(), offset);
                row.pointTo(batch.data(), org.apache.spark.unsafe.Platform.BYTE_ARRAY_OFFSET + offset + 4, size);
                offset += 4 + size;
                return row;
            }
        };
    }

    private static void writeInt(byte[] data, int at, int value) {
        data[at] = (byte) (value >>> 24);
        data[at + 1] = (byte) (value >>> 16);
        data[at + 2] = (byte) (value >>> 8);
        data[at + 3] = (byte) value;
    }

    private static int readInt(byte[] data, int at) {
        return (data[at] & 0xff) << 24 | (data[at + 1] & 0xff) << 16 | (data[at + 2] & 0xff) << 8 | data[at + 3] & 0xff;
    }
}
