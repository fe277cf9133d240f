package io.sluice.onboard;

import io.sluice.connector.files.FileExtract;
import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a sample file is written, as sniffed: what its {@code extract} block says.
 *
 * @param format     {@code csv}, {@code tsv}, {@code json}, {@code fixed_width}, {@code parquet} or {@code avro}
 * @param encoding   the text encoding (text formats)
 * @param delimiter  the field separator (csv/tsv)
 * @param escape     the escape character inside quotes ({@code "} for RFC 4180 doubling)
 * @param header     whether the first record names the fields (csv/tsv)
 * @param skipLines  preamble lines before the header or first record
 * @param jsonLayout {@code lines} or {@code array} (json)
 * @param notes      why, for the summary
 * @param fixedLayout the {@code layout} of a fixed_width sample as given ({@code sluice init --layout}), else null
 */
record Dialect(String format, String encoding, char delimiter, char escape, boolean header, int skipLines,
               String jsonLayout, List<String> notes, List<Object> fixedLayout) {
    Dialect {
        notes = List.copyOf(notes);
    }

    Dialect(String format, String encoding, char delimiter, char escape, boolean header, int skipLines,
            String jsonLayout, List<String> notes) {
        this(format, encoding, delimiter, escape, header, skipLines, jsonLayout, notes, null);
    }

    boolean isFixedWidth() {
        return format.equals("fixed_width");
    }

    boolean isDelimited() {
        return format.equals("csv") || format.equals("tsv");
    }

    boolean isText() {
        return isDelimited() || format.equals("json") || isFixedWidth();
    }

    Dialect withHeader(boolean hasHeader, String note) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.add(note);
        return new Dialect(format, encoding, delimiter, escape, hasHeader, skipLines, jsonLayout, all, fixedLayout);
    }

    /**
     * The {@code extract} settings that differ from the files connector's defaults, in the order a person
     * writes them ({@code path} and {@code format} first), without {@code skip_lines} (see {@link #withSkipLines}).
     */
    Map<String, Object> extract(String path) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("path", path);
        e.put("format", format);
        if (isDelimited()) {
            if (!header) {
                e.put("header", false);
            }
            if (delimiter != (format.equals("tsv") ? '\t' : ',')) {
                e.put("delimiter", delimiter == '\t' ? "\\t" : String.valueOf(delimiter));
            }
            if (escape != '"') {
                e.put("escape", String.valueOf(escape));
            }
        }
        if (isText() && !encoding.equals("UTF-8")) {
            e.put("encoding", encoding);
        }
        if (format.equals("json")) {
            e.put("layout", jsonLayout);
        }
        if (isFixedWidth()) {
            e.put("layout", fixedLayout);
        }
        return e;
    }

    /** The files connector's binding of these settings, as a run binds them. */
    FileExtract bind(Map<String, Object> extract) {
        return FileExtract.bind(new Options(extract, Origin.unknown("sluice init"), "/extract"));
    }
}
