package io.sluice.connector.feed;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a delivery's manifest declares about its files.
 *
 * @param files        per file name, what the manifest says about it, in manifest order
 * @param totalRecords the records of all data files together, when the manifest says
 */
record Manifest(Map<String, Entry> files, OptionalLong totalRecords) {
    Manifest {
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        Objects.requireNonNull(totalRecords, "totalRecords");
    }

    /** What a manifest declares about one file; every part is optional. */
    record Entry(String name, boolean data, OptionalLong records, Optional<BigDecimal> total, Optional<String> md5,
                 Optional<String> sha256, OptionalLong size) {
        Entry {
            Objects.requireNonNull(name, "name");
            md5 = md5.map(h -> h.toLowerCase(Locale.ROOT));
            sha256 = sha256.map(h -> h.toLowerCase(Locale.ROOT));
        }
    }

    /** The manifest formats a descriptor may name in {@code manifest_format}. */
    enum Format {
        /** Adobe Analytics data feed manifest ({@code Datafeed-Manifest-Version: 1.0}). */
        ADOBE("adobe"),
        /** Output of {@code sha256sum} or {@code md5sum}: {@code <hex>  <file>} per line. */
        SUMS("sums"),
        /** A delimited control file with a header naming some of: file, records, total, md5, sha256, size. */
        CONTROL("control");

        private final String spelling;

        Format(String spelling) {
            this.spelling = spelling;
        }

        String spelling() {
            return spelling;
        }

        static Optional<Format> parse(String text) {
            for (Format f : values()) {
                if (f.spelling.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** A manifest that cannot be parsed; the message names the line and what is wrong. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    static Manifest parse(Format format, String text, String delimiter) throws MalformedException {
        return switch (format) {
            case ADOBE -> adobe(text);
            case SUMS -> sums(text);
            case CONTROL -> control(text, delimiter);
        };
    }

    /**
     * Adobe's manifest: a header block ({@code Datafeed-Manifest-Version}, {@code Lookup-Files},
     * {@code Data-Files}, {@code Total-Records}) then one block per file ({@code Lookup-File:} or
     * {@code Data-File:} followed by {@code MD5-Digest}, {@code File-Size} and, for data files,
     * {@code Record-Count}). Lines may be indented; blank lines separate blocks.
     */
    static Manifest adobe(String text) throws MalformedException {
        Map<String, Entry> files = new LinkedHashMap<>();
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, String> block = null;
        List<Map<String, String>> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedException(i + 1, "'" + line + "' is not 'Name: value'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (header.isEmpty() && block == null && !key.equals("Datafeed-Manifest-Version")) {
                throw new MalformedException(i + 1, "expected 'Datafeed-Manifest-Version: 1.0' first, found '"
                        + line + "'");
            }
            if (key.equals("Data-File") || key.equals("Lookup-File")) {
                block = new LinkedHashMap<>();
                block.put(key, value);
                block.put("line", Integer.toString(i + 1));
                blocks.add(block);
            } else if (block != null) {
                block.put(key, value);
                block.put("line:" + key, Integer.toString(i + 1));
            } else {
                header.put(key, value);
            }
        }
        if (header.isEmpty()) {
            throw new MalformedException(1, "the manifest is empty");
        }
        int data = 0;
        int lookups = 0;
        for (Map<String, String> b : blocks) {
            boolean isData = b.containsKey("Data-File");
            String name = isData ? b.get("Data-File") : b.get("Lookup-File");
            data += isData ? 1 : 0;
            lookups += isData ? 0 : 1;
            files.put(name, new Entry(name, isData, number(b.get("Record-Count"), "Record-Count", line(b, "Record-Count")),
                    Optional.empty(), Optional.ofNullable(b.get("MD5-Digest")), Optional.empty(),
                    number(b.get("File-Size"), "File-Size", line(b, "File-Size"))));
        }
        expectCount(header, "Data-Files", data);
        expectCount(header, "Lookup-Files", lookups);
        return new Manifest(files, number(header.get("Total-Records"), "Total-Records", 1));
    }

    /** {@code <hex>  <file>} lines; a 32-digit hex is an MD5, a 64-digit one a SHA-256. */
    static Manifest sums(String text) throws MalformedException {
        Map<String, Entry> files = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+\\*?", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{32}|[0-9a-fA-F]{64}")) {
                throw new MalformedException(i + 1, "'" + line + "' is not '<md5 or sha256 hex>  <file name>'");
            }
            boolean md5 = parts[0].length() == 32;
            Entry before = files.get(parts[1]);
            files.put(parts[1], new Entry(parts[1], true, OptionalLong.empty(), Optional.empty(),
                    md5 ? Optional.of(parts[0]) : before == null ? Optional.empty() : before.md5(),
                    md5 ? before == null ? Optional.empty() : before.sha256() : Optional.of(parts[0]),
                    OptionalLong.empty()));
        }
        return new Manifest(files, OptionalLong.empty());
    }

    /** A header line naming the columns (file required; records, total, md5, sha256, size optional). */
    static Manifest control(String text, String delimiter) throws MalformedException {
        String[] lines = text.strip().split("\r?\n");
        List<String> columns = split(lines[0], delimiter).stream()
                .map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
        if (!columns.contains("file")) {
            throw new MalformedException(1, "the header '" + lines[0] + "' has no 'file' column (expected some of:"
                    + " file, records, total, md5, sha256, size, separated by '" + delimiter + "')");
        }
        Map<String, Entry> files = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> values = split(lines[i], delimiter);
            if (values.size() != columns.size()) {
                throw new MalformedException(i + 1, "'" + lines[i] + "' has " + values.size() + " fields, the header "
                        + columns.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.put(columns.get(c), values.get(c).strip());
            }
            String name = row.get("file");
            Optional<BigDecimal> total;
            try {
                total = Optional.ofNullable(row.get("total")).filter(t -> !t.isEmpty()).map(BigDecimal::new);
            } catch (NumberFormatException e) {
                throw new MalformedException(i + 1, "total '" + row.get("total") + "' is not a number");
            }
            files.put(name, new Entry(name, true, number(row.get("records"), "records", i + 1), total,
                    Optional.ofNullable(row.get("md5")).filter(h -> !h.isEmpty()),
                    Optional.ofNullable(row.get("sha256")).filter(h -> !h.isEmpty()),
                    number(row.get("size"), "size", i + 1)));
        }
        return new Manifest(files, OptionalLong.empty());
    }

    private static int line(Map<String, String> block, String key) {
        return Integer.parseInt(block.getOrDefault("line:" + key, block.get("line")));
    }

    private static List<String> split(String line, String delimiter) {
        return List.of(line.split(java.util.regex.Pattern.quote(delimiter), -1));
    }

    private static OptionalLong number(String text, String what, int line) throws MalformedException {
        if (text == null || text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new MalformedException(line, what + " '" + text + "' is not a whole number");
        }
    }

    private static void expectCount(Map<String, String> header, String key, int found) throws MalformedException {
        OptionalLong declared = number(header.get(key), key, 1);
        if (declared.isPresent() && declared.getAsLong() != found) {
            throw new MalformedException(1, key + ": " + declared.getAsLong() + " but the manifest lists " + found);
        }
    }
}
