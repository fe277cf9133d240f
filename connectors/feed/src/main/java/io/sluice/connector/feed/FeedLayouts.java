package io.sluice.connector.feed;

import io.sluice.connector.feed.FeedFormat.FixedColumn;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.Options;
import io.sluice.metadata.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds the record format of an {@code extract} block: {@code format} and the settings that go with it. */
final class FeedLayouts {
    private static final Set<String> COLUMN_KEYS = Set.of("name", "start", "length", "width", "implied_decimals");

    private FeedLayouts() {
    }

    static FeedFormat format(Options x, DatasetSpec dataset) {
        String written = x.string("format").orElseThrow(() -> x.error("", "missing required field 'format'"
                + " (expected one of: fixed_width, delimited, adobe_tsv)"));
        List<Problem> problems = new ArrayList<>();
        FeedFormat format = switch (written.trim()) {
            case "fixed_width" -> {
                only(x, written, problems, "delimiter", "column_headers");
                yield new FeedFormat.FixedWidth(columns(x), x.bool("trim", true));
            }
            case "delimited" -> {
                only(x, written, problems, "layout", "trim", "column_headers");
                String delimiter = x.string("delimiter").orElse(",");
                if (delimiter.isEmpty()) {
                    problems.addAll(x.error("delimiter", "the delimiter is empty (write the text that separates"
                            + " fields, e.g. '|')").problems());
                }
                declared(x, dataset, "delimited files take their field names from the dataset's columns");
                yield new FeedFormat.Delimited(delimiter);
            }
            case "adobe_tsv" -> {
                only(x, written, problems, "layout", "trim", "delimiter");
                if (!x.has("column_headers")) {
                    declared(x, dataset, "without column_headers, adobe_tsv fields are the dataset's columns");
                }
                yield new FeedFormat.AdobeTsv();
            }
            default -> throw x.error("format", "unknown format '" + written + "' (expected one of: fixed_width,"
                    + " delimited, adobe_tsv)");
        };
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        return format;
    }

    /**
     * The {@code layout} list: each entry has a {@code name} and either {@code start} (1-based) and {@code length},
     * or a {@code width} (the column follows the previous one); {@code implied_decimals} optional.
     */
    @SuppressWarnings("unchecked")
    private static List<FixedColumn> columns(Options x) {
        Object layout = x.values().get("layout");
        if (!(layout instanceof List<?> entries) || entries.isEmpty()) {
            throw x.error(layout == null ? "" : "layout", layout == null ? "missing required field 'layout' (the"
                    + " fixed-width columns: name with start and length, or width)" : "expected a list of columns");
        }
        List<Problem> problems = new ArrayList<>();
        List<FixedColumn> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int next = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map)) {
                problems.addAll(x.error("layout/" + i, "expected {name, start, length} or {name, width}").problems());
                continue;
            }
            Options c = new Options((Map<String, Object>) entries.get(i), x.origin(), x.pointer() + "/layout/" + i);
            try {
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
                columns.add(new FixedColumn(name, start, length, decimals));
                next = start + length;
            } catch (DescriptorException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        return columns;
    }

    private static void only(Options x, String format, List<Problem> problems, String... notFor) {
        for (String key : notFor) {
            if (x.has(key)) {
                problems.addAll(x.error(key, "'" + key + "' does not apply to format " + format + "; remove it")
                        .problems());
            }
        }
    }

    private static void declared(Options x, DatasetSpec dataset, String why) {
        if (dataset.columns().isEmpty()) {
            throw x.error("format", why + ", and it declares none; declare the columns in source order");
        }
    }
}
