package io.sluice.framework.publish;

import io.sluice.compat.delta.DeltaTables;
import io.sluice.framework.validate.RuleInputs;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an existing valid table's schema in line with the rows a run (or an error replay) is about to add, before
 * anything is written, so that the descriptor changes users make between runs work: a new column is added
 * (nullable), a column whose declared type was widened (int to long, double or decimal; float to double; a decimal
 * of greater precision; date to timestamp_ntz) is widened in place with Delta's type widening table feature
 * (the table's files are not rewritten). A change the table cannot take in place (a narrower or unrelated type) is
 * refused up front with what to do, instead of failing half-way through the publish with Delta's
 * {@code DELTA_FAILED_TO_MERGE_FIELDS}.
 *
 * <p>Type widening sets the {@code typeWidening} reader/writer table feature; readers need Delta 4.0 or later (on
 * Databricks, a runtime with type widening). It is enabled only on a table whose column type actually changes.
 */
public final class ValidTables {
    private static final Logger LOG = LoggerFactory.getLogger(ValidTables.class);

    private ValidTables() {
    }

    /**
     * Prepares the valid table at {@code path}, if it exists, to take rows of schema {@code incoming}.
     *
     * @throws SluiceException {@code VALID_TYPE_CHANGE_UNSUPPORTED} (category DESCRIPTOR) when a column's declared
     *                         type changed in a way Delta cannot apply in place; nothing is changed then
     */
    /**
     * The lake's current valid tables, for the rules that read other datasets ({@code references}, a sql rule's
     * {@code lookup}): each asked for is read with Delta as it stands now (its latest version, pinned for the
     * checks that use it); a table that does not exist yet is empty.
     */
    public static RuleInputs ruleInputs(SparkSession spark, io.sluice.framework.lake.LakeLayout lake) {
        return qualified -> {
            int dot = qualified.indexOf('.');
            String path = lake.valid(qualified.substring(0, dot), qualified.substring(dot + 1));
            return DeltaTables.exists(spark, path) ? Optional.of(spark.read().format("delta").load(path))
                    : Optional.empty();
        };
    }

    public static void prepare(SparkSession spark, String path, DatasetSpec dataset, StructType incoming) {
        prepare(spark, path, dataset, incoming, "valid");
    }

    /**
     * {@link #prepare(SparkSession, String, DatasetSpec, StructType)} for the table of {@code zone} ("valid" or
     * "error"), named so in the messages.
     */
    public static void prepare(SparkSession spark, String path, DatasetSpec dataset, StructType incoming,
                               String zone) {
        if (!DeltaTables.exists(spark, path)) {
            return;
        }
        StructType current = spark.read().format("delta").load(path).schema();
        List<StructField> added = new ArrayList<>();
        List<StructField> widened = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (StructField field : incoming.fields()) {
            Optional<StructField> existing = find(current, field.name());
            if (existing.isEmpty()) {
                added.add(field);
            } else if (!existing.get().dataType().sameType(field.dataType())) {
                if (widens(existing.get().dataType(), field.dataType())) {
                    widened.add(field);
                } else {
                    refused.add("'" + field.name() + "' is " + existing.get().dataType().simpleString()
                            + " in the " + zone + " table and " + field.dataType().simpleString() + " in the descriptor");
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new SluiceException(StandardErrorCode.VALID_TYPE_CHANGE_UNSUPPORTED,
                    dataset.qualifiedName() + " (" + dataset.origin().file() + "): " + String.join("; ", refused)
                            + ". The valid table can only widen a type in place (int to long, double or decimal;"
                            + " float to double; decimal to a greater precision; date to timestamp_ntz). Declare the"
                            + " table's type again, or rewrite the table once with valid.mode: overwrite (replacing"
                            + " its rows with the next run's), or declare a new column under another name;"
                            + " nothing was written");
        }
        String table = "delta.`" + path.replace("`", "``") + "`";
        if (!added.isEmpty()) {
            List<String> columns = new ArrayList<>();
            for (StructField f : added) {
                columns.add(quoted(f.name()) + " " + f.dataType().sql());
            }
            LOG.info("{}: adding column(s) {} to the {} table", dataset.qualifiedName(), columns, zone);
            spark.sql("ALTER TABLE " + table + " ADD COLUMNS (" + String.join(", ", columns) + ")");
        }
        if (!widened.isEmpty()) {
            spark.sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true')");
            for (StructField f : widened) {
                LOG.info("{}: widening valid column {} to {}", dataset.qualifiedName(), f.name(),
                        f.dataType().simpleString());
                spark.sql("ALTER TABLE " + table + " ALTER COLUMN " + quoted(f.name()) + " TYPE "
                        + f.dataType().sql());
            }
        }
    }

    /** The type changes Delta 4's type widening applies without rewriting data files. */
    static boolean widens(DataType from, DataType to) {
        if (isIntegral(from)) {
            int rank = integralRank(from);
            if (isIntegral(to)) {
                return integralRank(to) > rank;
            }
            if (to.sameType(DataTypes.DoubleType)) {
                return !(from instanceof LongType);
            }
            if (to instanceof DecimalType d) {
                return d.precision() - d.scale() >= (from instanceof LongType ? 20 : 10);
            }
            return false;
        }
        if (from.sameType(DataTypes.FloatType)) {
            return to.sameType(DataTypes.DoubleType);
        }
        if (from instanceof DecimalType a && to instanceof DecimalType b) {
            int precisionGain = b.precision() - a.precision();
            int scaleGain = b.scale() - a.scale();
            return precisionGain >= scaleGain && scaleGain >= 0 && precisionGain + scaleGain > 0;
        }
        if (from.sameType(DataTypes.DateType)) {
            return to.sameType(DataTypes.TimestampNTZType);
        }
        return false;
    }

    private static boolean isIntegral(DataType t) {
        return t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType || t instanceof LongType;
    }

    private static int integralRank(DataType t) {
        return t instanceof ByteType ? 1 : t instanceof ShortType ? 2 : t instanceof IntegerType ? 3 : 4;
    }

    private static Optional<StructField> find(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
