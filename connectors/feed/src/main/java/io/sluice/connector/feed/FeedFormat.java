package io.sluice.connector.feed;

import io.sluice.connector.FixedWidthLayout;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one record of a feed file is split into fields. Runs on the driver (counting and control totals while a
 * delivery lands) and in Spark tasks (reading), so every variant is serializable. Empty fields are null, as in
 * the files connector's CSV default.
 */
sealed interface FeedFormat extends Serializable permits FeedFormat.FixedWidth, FeedFormat.Delimited,
        FeedFormat.AdobeTsv {

    /** Whether a backslash escapes the next character, so that an escaped newline does not end the record. */
    boolean escaped();

    /** The descriptor spelling. */
    String spelling();

    /** Splits {@code record} into {@code fieldCount} values; a record of another shape is corrupt. */
    Parsed parse(String record, int fieldCount);

    /** The values of a record; {@code corrupt} when it does not have the expected shape. */
    record Parsed(String[] values, boolean corrupt) {
    }

    /** Columns at fixed character positions; a record shorter than the layout, or longer with text, is corrupt. */
    record FixedWidth(List<FixedWidthLayout.Column> columns, boolean trim) implements FeedFormat {
        public FixedWidth {
            columns = List.copyOf(columns);
        }

        FixedWidthLayout layout() {
            return new FixedWidthLayout(columns, trim);
        }

        List<String> names() {
            return layout().names();
        }

        @Override
        public boolean escaped() {
            return false;
        }

        @Override
        public String spelling() {
            return "fixed_width";
        }

        @Override
        public Parsed parse(String record, int fieldCount) {
            FixedWidthLayout.Parsed parsed = layout().parse(record);
            return new Parsed(parsed.values(), parsed.corrupt());
        }
    }

    /** Fields separated by a delimiter, without quoting (control records make these files line-oriented). */
    record Delimited(String delimiter) implements FeedFormat {
        public Delimited {
            Objects.requireNonNull(delimiter, "delimiter");
        }

        @Override
        public boolean escaped() {
            return false;
        }

        @Override
        public String spelling() {
            return "delimited";
        }

        @Override
        public Parsed parse(String record, int fieldCount) {
            String[] split = record.split(Pattern.quote(delimiter), -1);
            return shaped(split, fieldCount);
        }
    }

    /**
     * Adobe Analytics data feed files ({@code hit_data.tsv}, lookups): tab-separated, a backslash escapes the next
     * character (tab, newline, backslash), so fields may hold tabs and newlines. The field names come from the
     * delivery's {@code column_headers.tsv} ({@link FeedExtract#columnHeaders()}) or the declared columns.
     */
    record AdobeTsv() implements FeedFormat {
        @Override
        public boolean escaped() {
            return true;
        }

        @Override
        public String spelling() {
            return "adobe_tsv";
        }

        @Override
        public Parsed parse(String record, int fieldCount) {
            return shaped(splitEscaped(record, '\t').toArray(String[]::new), fieldCount);
        }

        /** Splits at unescaped {@code separator}s and removes the escapes. */
        static List<String> splitEscaped(String record, char separator) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            for (int i = 0; i < record.length(); i++) {
                char c = record.charAt(i);
                if (c == '\\' && i + 1 < record.length()) {
                    field.append(record.charAt(++i));
                } else if (c == separator) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }

    private static Parsed shaped(String[] split, int fieldCount) {
        String[] values = new String[fieldCount];
        System.arraycopy(split, 0, values, 0, Math.min(split.length, fieldCount));
        return new Parsed(nullIfEmpty(values), split.length != fieldCount);
    }

    private static String[] nullIfEmpty(String[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && values[i].isEmpty()) {
                values[i] = null;
            }
        }
        return values;
    }
}
