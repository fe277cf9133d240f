package io.sluice.onboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes drafts as commented YAML: one flow-style line per column, with the reasons for its guesses on the
 * line above, so that the draft reads as a checklist for the person who finishes it.
 */
public final class DraftWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n",
            "~");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DraftWriter() {
    }

    /** A source or dataset name for any text: lower case, runs of other characters as one {@code _}. */
    public static String sanitize(String text) {
        String n = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return n.isEmpty() || !Character.isLetter(n.charAt(0)) ? "d_" + n : n;
    }

    /** A {@code kind: source} document for a new files source. */
    public static String source(String name, String landing, String sample) {
        return "# Source drafted by `sluice init` from " + sample + ".\n"
                + "kind: source\n"
                + "name: " + name + "\n"
                + "connector: files\n"
                + "connection: { landing: " + scalar(landing) + " }   # the folder deliveries arrive in\n";
    }

    /** The draft as a {@code kind: dataset} document. */
    public static String dataset(DatasetDraft draft) {
        StringBuilder y = new StringBuilder();
        y.append("# Draft written by `sluice init` from ").append(draft.origin()).append(".\n");
        y.append("# Check each guess (the comment above a column says why it was made), then delete these lines.\n");
        for (String note : draft.notes()) {
            y.append("# - ").append(oneLine(note)).append('\n');
        }
        y.append("kind: dataset\n");
        y.append("name: ").append(draft.name()).append('\n');
        y.append("source: ").append(draft.source()).append('\n');
        if (draft.extract().values().stream().anyMatch(List.class::isInstance)) {
            // a fixed-width layout: one line per field, as a person writes it
            y.append("extract:\n");
            draft.extract().forEach((k, v) -> {
                if (v instanceof List<?> items) {
                    y.append("  ").append(k).append(":\n");
                    items.forEach(item -> y.append("    - ").append(value(item)).append('\n'));
                } else {
                    y.append("  ").append(k).append(": ").append(value(v)).append('\n');
                }
            });
        } else {
            y.append("extract: ").append(flow(draft.extract())).append('\n');
        }
        if (!draft.nullValues().isEmpty()) {
            y.append("null_values: ").append(list(draft.nullValues())).append('\n');
        }
        y.append("schema:\n");
        for (ColumnDraft c : draft.columns()) {
            if (!c.notes().isEmpty()) {
                y.append("  # ").append(c.name()).append(": ").append(oneLine(String.join("; ", c.notes())))
                        .append('\n');
            }
            y.append("  - ").append(column(c)).append('\n');
        }
        if (draft.validMode() != null) {
            y.append("valid: { mode: ").append(draft.validMode()).append(" }\n");
        }
        return y.toString();
    }

    private static String column(ColumnDraft c) {
        List<String> parts = new ArrayList<>();
        parts.add("name: " + scalar(c.name()));
        if (c.renamed()) {
            parts.add("from: " + scalar(c.sourceName()));
        }
        parts.add("type: " + scalar(c.type()));
        if (c.formats().size() == 1) {
            parts.add("format: " + scalar(c.formats().get(0)));
        } else if (c.formats().size() > 1) {
            parts.add("formats: " + list(c.formats()));
        }
        if (!c.trueValues().isEmpty()) {
            parts.add("true_values: " + list(c.trueValues()));
            parts.add("false_values: " + list(c.falseValues()));
        }
        if (c.key()) {
            parts.add("key: true");
        } else if (!c.nullable()) {
            parts.add("nullable: false");
        }
        if (!c.allowed().isEmpty()) {
            parts.add("allowed: " + list(c.allowed()));
        }
        return "{ " + String.join(", ", parts) + " }";
    }

    static String flow(Map<String, ?> map) {
        List<String> parts = new ArrayList<>();
        map.forEach((k, v) -> parts.add(k + ": " + value(v)));
        return "{ " + String.join(", ", parts) + " }";
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return scalar(s);
        } else if (v instanceof Map<?, ?> m) {
            return flow(castMap(m));
        } else if (v instanceof List<?> items) {
            List<String> parts = new ArrayList<>();
            items.forEach(item -> parts.add(value(item)));
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }

    static String list(List<String> values) {
        List<String> parts = new ArrayList<>();
        values.forEach(v -> parts.add(scalar(v)));
        return "[" + String.join(", ", parts) + "]";
    }

    /** A YAML scalar that reads back as this exact text: plain when safe, else double-quoted (JSON escapes). */
    static String scalar(String text) {
        if (PLAIN.matcher(text).matches() && !YAML_WORDS.contains(text.toLowerCase(Locale.ROOT))
                && !text.matches("[0-9._+-]+.*") ) {
            return text;
        }
        String json;
        try {
            json = JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // YAML refuses some characters JSON writes as they are (C1 controls, U+FFFE, a lone surrogate): escape them
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1));
            if (pair) {
                out.append(c).append(json.charAt(++i));
            } else if (c < 0x20 || c >= 0x7F && c < 0xA0 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text.replace("\r", " ").replace("\n", " ");
    }
}
