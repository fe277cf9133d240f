package io.sluice.onboard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;

/**
 * Drafts for Parquet and Avro samples: the stored types map to declared types, and Spark counts what the
 * columns hold (missing values, distinct values) for nullability and the key.
 */
final class TypedFiles {
    private TypedFiles() {
    }

    static DatasetDraft draft(Dataset<Row> df, FileOnboarding.Request request, Dialect dialect) {
        List<String> notes = new ArrayList<>(dialect.notes());
        List<StructField> fields = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            String type = declared(f.dataType());
            if (type == null) {
                notes.add("'" + f.name() + "' is stored as " + f.dataType().simpleString() + ", which no declared"
                        + " type takes: left undeclared (a run keeps it in _rescued)");
                continue;
            }
            fields.add(f);
            types.add(type);
        }
        List<Column> stats = new ArrayList<>();
        stats.add(count(lit(1)));
        for (StructField f : fields) {
            stats.add(count(col(quoted(f.name()))));
            stats.add(count_distinct(col(quoted(f.name()))));
        }
        Row counts = df.agg(stats.get(0), stats.subList(1, stats.size()).toArray(Column[]::new)).first();
        long rows = counts.getLong(0);
        if (rows == 0) {
            throw OnboardErrors.empty(request.sample());
        }
        List<String> lakeNames = LakeNames.of(fields.stream().map(StructField::name).toList());
        List<ColumnDraft> columns = new ArrayList<>();
        int keyIndex = -1;
        for (int i = 0; i < fields.size(); i++) {
            String source = fields.get(i).name();
            if (!lakeNames.get(i).equals(source) && !request.features().contains(Feature.FROM)) {
                notes.add("'" + source + "' is not a lake name and NEEDS from: (issue 19): left undeclared");
                continue;
            }
            long present = counts.getLong(1 + 2 * i);
            long distinct = counts.getLong(2 + 2 * i);
            boolean nullable = present < rows;
            List<String> why = new ArrayList<>();
            why.add("stored as " + fields.get(i).dataType().simpleString());
            why.add(nullable ? (rows - present) + " missing value(s)" : "never missing: nullable: false");
            ColumnDraft c = new ColumnDraft(lakeNames.get(i), source, types.get(i), List.of(), nullable, false,
                    List.of(), List.of(), List.of(), why);
            if (keyIndex < 0 && !nullable && distinct == rows && rows >= 2
                    && List.of("int", "long", "string").contains(types.get(i))) {
                c = c.withKey(true, "unique and never missing in the sample: key");
                keyIndex = i;
            }
            columns.add(c);
        }
        return new DatasetDraft(request.source(), request.dataset(), request.sample().getFileName() + " (" + rows
                + " rows)", dialect.extract(request.extractPath()), List.of(), columns, null, notes);
    }

    /** The declared type a stored Spark type maps to, or null for none. */
    static String declared(DataType type) {
        if (type.equals(DataTypes.StringType)) {
            return "string";
        }
        if (type.equals(DataTypes.IntegerType) || type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType)) {
            return "int";
        }
        if (type.equals(DataTypes.LongType)) {
            return "long";
        }
        if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
            return "double";
        }
        if (type instanceof DecimalType d) {
            return "decimal(" + d.precision() + "," + d.scale() + ")";
        }
        if (type.equals(DataTypes.BooleanType)) {
            return "boolean";
        }
        if (type.equals(DataTypes.DateType)) {
            return "date";
        }
        if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
            return "timestamp";
        }
        return null;
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
