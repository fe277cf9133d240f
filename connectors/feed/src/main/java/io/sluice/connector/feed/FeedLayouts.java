package io.sluice.connector.feed;

import io.sluice.connector.FixedWidthLayout;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.Options;
import io.sluice.metadata.Problem;
import java.util.ArrayList;
import java.util.List;

/** Binds the record format of an {@code extract} block: {@code format} and the settings that go with it. */
final class FeedLayouts {
    private FeedLayouts() {
    }

    static FeedFormat format(Options x, DatasetSpec dataset) {
        String written = x.string("format").orElseThrow(() -> x.error("", "missing required field 'format'"
                + " (expected one of: fixed_width, delimited, adobe_tsv)"));
        List<Problem> problems = new ArrayList<>();
        FeedFormat format = switch (written.trim()) {
            case "fixed_width" -> {
                only(x, written, problems, "delimiter", "column_headers");
                FixedWidthLayout layout = FixedWidthLayout.bind(x);
                yield new FeedFormat.FixedWidth(layout.columns(), layout.trim());
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
