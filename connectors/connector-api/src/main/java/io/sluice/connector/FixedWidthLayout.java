package io.sluice.connector;

import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.Options;
import io.sluice.metadata.Problem;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The columns of a fixed-width record, as an {@code extract.layout} declares them, shared by the connectors that
 * read fixed-width text (feed deliveries, plain files) so that both bind and split records alike.
 *
 * <p>A record is split by character positions; a value is trimmed (unless {@code trim: false}), an empty value is
 * null, and {@code implied_decimals} inserts the decimal point into a signed digit string. A record shorter than
 * the layout, or longer with text that is not blank, is corrupt.
 *
 * @param columns the columns in layout order
 * @param trim    whether values lose their surrounding spaces
 */
public record FixedWidthLayout(List<Column> columns, boolean trim) implements Serializable {
    private static final Set<String> COLUMN_KEYS = Set.of("name", "start", "length", "width", "implied_decimals");

    public FixedWidthLayout {
        columns = List.copyOf(columns);
    }

    /**
     * One column of a fixed-width layout.
     *
     * @param start           0-based character offset
     * @param impliedDecimals digits after an implied decimal point: {@code 001234} with 2 reads as {@code 12.34}
     */
    public record Column(String name, int start, int length, int impliedDecimals) implements Serializable {
        public Column {
            Objects.requireNonNull(name, "name");
        }

        /** The offset just after the column. */
        public int end() {
            return start + length;
        }
    }

    /** The values of a record; {@code corrupt} when it does not have the layout's shape. */
    public record Parsed(String[] values, boolean corrupt) {
    }

    /**
     * Binds {@code layout} (required) and {@code trim} (default true) of an extract block, reporting every wrong
     * column at once.
     *
     * @throws DescriptorException naming the descriptor file, line and field of each problem
     */
    public static FixedWidthLayout bind(Options extract) {
        return new FixedWidthLayout(columns(extract), extract.bool("trim", true));
    }

    /**
     * The {@code layout} list: each entry has a {@code name} and either {@code start} (1-based) and {@code length},
     * or a {@code width} (the column follows the previous one); {@code implied_decimals} optional.
     */
    @SuppressWarnings("unchecked")
    public static List<Column> columns(Options x) {
        Object layout = x.values().get("layout");
        if (!(layout instanceof List<?> entries) || entries.isEmpty()) {
            throw x.error(layout == null ? "" : "layout", layout == null ? "missing required field 'layout' (the"
                    + " fixed-width columns: name with start and length, or width)" : "expected a list of columns");
        }
        List<Problem> problems = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int next = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map)) {
                problems.addAll(x.error("layout/" + i, "expected {name, start, length} or {name, width}").problems());
                continue;
            }
            Options c = new Options((Map<String, Object>) entries.get(i), x.origin(), x.pointer() + "/layout/" + i);
            try {
                Column column = column(c, names, next);
                columns.add(column);
                next = column.end();
            } catch (DescriptorException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        return columns;
    }

    private static Column column(Options c, Set<String> names, int next) {
        c.rejectUnknown(COLUMN_KEYS);
        String name = c.requiredString("name");
        if (!names.add(name)) {
            throw c.error("name", "column '" + name + "' is declared twice");
        }
        int start;
        int length;
        if (c.has("width")) {
            if (c.has("start") || c.has("length")) {
                throw c.error("width", "write either width, or start and length, not both");
            }
            start = next;
            length = c.integer("width", 0);
        } else {
            if (!c.has("start") || !c.has("length")) {
                throw c.error("", "column '" + name + "' needs start and length, or width");
            }
            start = c.integer("start", 0) - 1;
            length = c.integer("length", 0);
            if (start < 0) {
                throw c.error("start", "start is 1-based: the first character is 1, found " + (start + 1));
            }
        }
        if (length <= 0) {
            throw c.error(c.has("width") ? "width" : "length", "must be 1 or more, found " + length);
        }
        int decimals = c.integer("implied_decimals", 0);
        if (decimals < 0 || decimals >= length) {
            throw c.error("implied_decimals", "must be between 0 and " + (length - 1) + ", found " + decimals);
        }
        return new Column(name, start, length, decimals);
    }

    /** The column names in layout order. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** The characters a record spans: the end of the column that ends last. */
    public int recordLength() {
        return columns.stream().mapToInt(Column::end).max().orElse(0);
    }

    /** The index of the column called {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Splits {@code record} by the layout: each column's characters (those present), trimmed unless
     * {@code trim: false}, empty as null, implied decimals inserted; corrupt when the record is shorter than the
     * layout or has text that is not blank after it.
     */
    public Parsed parse(String record) {
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            if (c.start() < record.length()) {
                String text = record.substring(c.start(), Math.min(record.length(), c.end()));
                text = implied(trim ? text.strip() : text, c.impliedDecimals());
                values[i] = text.isEmpty() ? null : text;
            }
        }
        int length = recordLength();
        boolean corrupt = record.length() < length || !record.substring(Math.min(length, record.length())).isBlank();
        return new Parsed(values, corrupt);
    }

    /** Inserts the decimal point; text that is not a signed digit string is kept as written for validation. */
    public static String implied(String text, int decimals) {
        if (decimals == 0 || !text.matches("[+-]?\\d+")) {
            return text;
        }
        return new BigDecimal(text.startsWith("+") ? text.substring(1) : text).movePointLeft(decimals)
                .toPlainString();
    }
}
