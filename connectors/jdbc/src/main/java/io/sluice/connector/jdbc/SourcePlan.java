package io.sluice.connector.jdbc;

import io.sluice.connector.jdbc.JdbcExtract.Incremental;
import io.sluice.connector.jdbc.JdbcExtract.RangeSplit;
import io.sluice.metadata.DatasetSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one landing reads, decided on the driver before Spark starts: the derived table, the incremental window
 * and its high mark, and the partitioning.
 *
 * @param derivedTable Spark's {@code dbtable}
 * @param high         the watermark this landing covers, empty when the extract is not incremental
 * @param range        the range split with bounds discovered in the source, empty when one partition reads all
 * @param predicates   one WHERE condition per partition (hash or predicate split), else empty
 */
record SourcePlan(String derivedTable, Optional<Watermark> high, Optional<Range> range, List<String> predicates) {

    /** Spark's {@code partitionColumn}, {@code lowerBound}, {@code upperBound} and {@code numPartitions}. */
    record Range(String column, String lower, String upper, int partitions) {
    }

    /**
     * Queries the source for the plan; empty when an incremental extract has nothing above the last watermark.
     *
     * @param last the watermark of the last landed run, empty on a first run or a full reload
     */
    static Optional<SourcePlan> decide(Connection connection, ExtractSql sql, DatasetSpec dataset,
                                       Optional<Watermark> last) throws SQLException {
        JdbcExtract extract = sql.extract();
        String selectList;
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.probe())) {
            ResultSetMetaData meta = rs.getMetaData();
            selectList = selectList(meta, sql.dialect(), names, types);
        }
        Optional<Watermark> high = Optional.empty();
        Optional<String> window = Optional.empty();
        if (extract.incremental().isPresent()) {
            Incremental incremental = extract.incremental().get();
            high = highMark(connection, sql, incremental);
            if (high.isEmpty() || last.isPresent() && high.get().compareTo(last.get()) <= 0) {
                return Optional.empty();
            }
            window = Optional.of(sql.window(incremental, last, high.get()));
        }
        String derivedTable = sql.derivedTable(selectList, window);
        Optional<Range> range = Optional.empty();
        if (extract.split() instanceof RangeSplit split) {
            int index = indexOf(names, split.column());
            if (index < 0) {
                throw dataset.extract().error("split/column", "the source has no column '" + split.column()
                        + "' (it has: " + String.join(", ", names) + ")");
            }
            if (!isSplittable(types.get(index))) {
                throw dataset.extract().error("split/column", "column '" + split.column() + "' is not numeric, a"
                        + " date or a timestamp; split on such a column, or list predicates");
            }
            range = bounds(connection, sql.bounds(split.column(), derivedTable), types.get(index), split);
        }
        return Optional.of(new SourcePlan(derivedTable, high, range, sql.predicates()));
    }

    private static String selectList(ResultSetMetaData meta, SqlDialect dialect, List<String> names,
                                     List<Integer> types) throws SQLException {
        List<String> columns = new ArrayList<>();
        boolean cast = false;
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i);
            names.add(name);
            types.add(meta.getColumnType(i));
            String quoted = dialect.quote(name);
            Optional<String> text = dialect.textCast(quoted, meta.getColumnType(i), meta.getColumnTypeName(i));
            cast |= text.isPresent();
            columns.add(text.map(t -> t + " AS " + quoted).orElse(quoted));
        }
        return cast ? String.join(", ", columns) : "*";
    }

    private static Optional<Watermark> highMark(Connection connection, ExtractSql sql, Incremental incremental)
            throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.highMark(incremental))) {
            rs.next();
            if (incremental.type() == JdbcExtract.WatermarkType.NUMBER) {
                return Optional.ofNullable(rs.getBigDecimal(1)).map(Watermark.Number::new);
            }
            Timestamp ts = rs.getTimestamp(1);
            if (ts == null) {
                return Optional.empty();
            }
            ResultSetMetaData meta = rs.getMetaData();
            String typeName = meta.getColumnTypeName(1).toLowerCase(Locale.ROOT);
            boolean zoned = meta.getColumnType(1) == Types.TIMESTAMP_WITH_TIMEZONE || typeName.equals("timestamptz")
                    || typeName.contains("with time zone");
            return Optional.of(zoned ? Watermark.TimestampTz.of(ts.toInstant())
                    : new Watermark.Timestamp(ts.toLocalDateTime()));
        }
    }

    private static Optional<Range> bounds(Connection connection, String query, int type, RangeSplit split)
            throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            String lower;
            String upper;
            if (type == Types.DATE) {
                lower = String.valueOf(rs.getDate(1));
                upper = String.valueOf(rs.getDate(2));
            } else if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
                Timestamp min = rs.getTimestamp(1);
                Timestamp max = rs.getTimestamp(2);
                lower = min == null ? null : SqlDialect.TIMESTAMP.format(min.toLocalDateTime());
                upper = max == null ? null : SqlDialect.TIMESTAMP.format(max.toLocalDateTime());
            } else {
                BigDecimal min = rs.getBigDecimal(1);
                BigDecimal max = rs.getBigDecimal(2);
                lower = min == null ? null : min.setScale(0, RoundingMode.FLOOR).toPlainString();
                upper = max == null ? null : max.setScale(0, RoundingMode.CEILING).toPlainString();
            }
            if (lower == null || "null".equals(lower) || lower.equals(upper)) {
                return Optional.empty(); // nothing or one value to split: one partition reads it all
            }
            return Optional.of(new Range(split.column(), lower, upper, split.partitions()));
        }
    }

    private static boolean isSplittable(int type) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.REAL, Types.FLOAT, Types.DOUBLE, Types.DATE, Types.TIMESTAMP,
                 Types.TIMESTAMP_WITH_TIMEZONE -> true;
            default -> false;
        };
    }

    private static int indexOf(List<String> names, String column) {
        String wanted = column.startsWith("\"") ? column.substring(1, column.length() - 1) : column;
        for (int i = 0; i < names.size(); i++) {
            if (column.startsWith("\"") ? names.get(i).equals(wanted) : names.get(i).equalsIgnoreCase(wanted)) {
                return i;
            }
        }
        return -1;
    }
}
