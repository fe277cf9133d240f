package io.sluice.connector.files;

import io.sluice.connector.FixedWidthLayout;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.Options;
import io.sluice.metadata.Problem;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The records of a line-based file (csv, tsv, fixed_width, xlsx) that are not data: {@code extract.skip_lines} preamble
 * lines, {@code extract.footer_lines} last records, and records matching {@code extract.skip_records}.
 *
 * <p>They stay records: the landing counts them (so the manifest count is the rows read back), and the read gives
 * each as a row whose {@link io.sluice.connector.RawColumns#SKIPPED} holds the {@link #reason} and whose
 * {@link io.sluice.connector.RawColumns#CORRUPT_RECORD} holds its exact text. A record is classified by its
 * 0-based index among its file's records (preamble lines first, which the parser returns before the header is
 * read) and the file's record count from its landing, so that a task reading a part of a file classifies its
 * records as a reader of the whole file would.
 *
 * @param skipLines   physical lines before the header (or the first record) that are not data
 * @param footerLines the last records of each file that are not data
 * @param rules       record filters, the first that matches names the reason
 */
record RecordSkips(int skipLines, int footerLines, List<Rule> rules) implements Serializable {
    static final String PREAMBLE = "preamble line (extract.skip_lines)";
    static final String FOOTER = "footer line (extract.footer_lines)";
    static final Set<String> KEYS = Set.of("skip_lines", "footer_lines", "skip_records");
    private static final Set<String> RULE_KEYS = Set.of("name", "pattern", "field");

    RecordSkips {
        rules = List.copyOf(rules);
    }

    /**
     * One {@code skip_records} entry.
     *
     * @param name    names the rule in the reason
     * @param pattern found ({@link java.util.regex.Matcher#find()}) in the record's text or in the field
     * @param field   0-based field index (a delimited position or a layout column), or -1 for the whole record
     */
    record Rule(String name, Pattern pattern, int field) implements Serializable {
    }

    /** Nothing skipped. */
    static RecordSkips none() {
        return new RecordSkips(0, 0, List.of());
    }

    boolean isEmpty() {
        return skipLines == 0 && footerLines == 0 && rules.isEmpty();
    }

    /**
     * Why the record is not data, or null for a data record.
     *
     * @param index       the record's 0-based index among its file's records
     * @param fileRecords the file's record count (its landing's)
     * @param text        the record's exact text
     * @param values      its field values, for rules over one field (empty when it could not be split)
     */
    String reason(long index, long fileRecords, String text, List<String> values) {
        if (index < skipLines) {
            return PREAMBLE;
        }
        if (index >= fileRecords - footerLines) {
            return FOOTER;
        }
        for (Rule rule : rules) {
            String target = rule.field() < 0 ? text : rule.field() < values.size() ? values.get(rule.field()) : null;
            if (target != null && rule.pattern().matcher(target).find()) {
                return "record matches skip_records '" + rule.name() + "'";
            }
        }
        return null;
    }

    /**
     * Binds {@code skip_lines}, {@code footer_lines} and {@code skip_records}, adding what is wrong to
     * {@code problems}; {@code layout} names the fields of fixed-width records (empty for delimited ones, whose
     * {@code field} is a 1-based position).
     */
    static RecordSkips bind(Options extract, FileFormat format, Optional<FixedWidthLayout> layout,
                            List<Problem> problems) {
        if (!format.isLineBased()) {
            for (String key : KEYS) {
                if (extract.has(key)) {
                    problems.addAll(extract.error(key, "'" + key + "' applies to csv, tsv, fixed_width and xlsx files"
                            + " only (this dataset reads " + format.spelling() + "); remove it").problems());
                }
            }
            return none();
        }
        int skipLines = count(extract, "skip_lines", problems);
        int footerLines = count(extract, "footer_lines", problems);
        List<Rule> rules = new ArrayList<>();
        Object declared = extract.values().get("skip_records");
        if (declared != null && !(declared instanceof List)) {
            problems.addAll(extract.error("skip_records", "expected a list of {name, pattern, field}").problems());
        } else if (declared != null) {
            List<?> entries = (List<?>) declared;
            Set<String> names = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                try {
                    rules.add(rule(extract, i, entries.get(i), format, layout, names));
                } catch (DescriptorException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        return new RecordSkips(skipLines, footerLines, rules);
    }

    private static int count(Options extract, String key, List<Problem> problems) {
        try {
            int n = extract.integer(key, 0);
            if (n < 0) {
                throw extract.error(key, "must be 0 or more, found " + n);
            }
            return n;
        } catch (DescriptorException e) {
            problems.addAll(e.problems());
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static Rule rule(Options extract, int i, Object entry, FileFormat format,
                             Optional<FixedWidthLayout> layout, Set<String> names) {
        if (!(entry instanceof Map)) {
            throw extract.error("skip_records/" + i, "expected {name, pattern, field}");
        }
        Options r = new Options((Map<String, Object>) entry, extract.origin(), extract.pointer() + "/skip_records/"
                + i);
        r.rejectUnknown(RULE_KEYS);
        String name = r.requiredString("name");
        if (!names.add(name)) {
            throw r.error("name", "skip_records '" + name + "' is declared twice");
        }
        String regex = r.requiredString("pattern");
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw r.error("pattern", "'" + regex + "' is not a Java regular expression ("
                    + e.getDescription() + " at index " + e.getIndex() + ")");
        }
        return new Rule(name, pattern, field(r, format, layout));
    }

    private static int field(Options r, FileFormat format, Optional<FixedWidthLayout> layout) {
        if (!r.has("field")) {
            return -1;
        }
        if (format == FileFormat.FIXED_WIDTH) {
            String column = r.string("field").orElseThrow();
            int index = layout.map(l -> l.indexOf(column)).orElse(-1);
            if (index < 0 && layout.isPresent()) {
                throw r.error("field", "'" + column + "' is not a column of the layout (expected one of: "
                        + String.join(", ", layout.get().names()) + ")");
            }
            return Math.max(index, 0);
        }
        int position = r.integer("field", 0);
        if (position < 1) {
            throw r.error("field", "a field of a " + format.spelling() + " record is its 1-based position, found "
                    + position);
        }
        return position - 1;
    }
}
