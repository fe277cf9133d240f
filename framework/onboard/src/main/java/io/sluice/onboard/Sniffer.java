package io.sluice.onboard;

import io.sluice.connector.files.SampleRecords;
import io.sluice.metadata.SluiceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tells how a sample file is written: format (from the name or the declared one), encoding (UTF-8, with or
 * without a byte-order mark, else windows-1252, else ISO-8859-1), delimiter, escape and preamble lines, by
 * parsing the file's first records with the files connector's own parser under each candidate and keeping the
 * one whose records have one consistent number of fields.
 */
final class Sniffer {
    /** Bytes of the file looked at to tell the encoding and delimiter. */
    static final int SNIFF_BYTES = 1 << 20;
    private static final int SNIFF_RECORDS = 200;
    private static final char[] DELIMITERS = {',', '\t', ';', '|'};

    private Sniffer() {
    }

    static Dialect sniff(Path file, Optional<String> declaredFormat) {
        return sniff(file, declaredFormat, Optional.empty());
    }

    /**
     * @param layout a fixed_width sample's {@code layout} (the list a descriptor's {@code extract.layout} holds):
     *               given exactly when the format is {@code fixed_width}, which is never told from the file
     */
    static Dialect sniff(Path file, Optional<String> declaredFormat, Optional<List<Object>> layout) {
        String format = declaredFormat.map(f -> f.toLowerCase(Locale.ROOT)).orElseGet(() -> formatOf(file));
        List<String> notes = new ArrayList<>();
        if (!List.of("csv", "tsv", "json", "fixed_width", "parquet", "avro").contains(format)) {
            throw new SluiceException(OnboardErrorCode.INIT_FORMAT_UNKNOWN, "cannot read the sample " + file
                    + " as '" + format + "' (expected --format csv, tsv, json, fixed_width, parquet or avro)");
        }
        if (format.equals("fixed_width") != layout.isPresent()) {
            throw new SluiceException(OnboardErrorCode.INIT_LAYOUT, format.equals("fixed_width")
                    ? "a fixed_width sample needs its layout: give --layout FILE, a YAML list of the columns as"
                    + " extract.layout declares them ({name, start, length} or {name, width}; docs/files.md)"
                    : "--layout applies to fixed_width samples only (this sample is read as " + format
                    + "): add --format fixed_width, or leave --layout out");
        }
        if (format.equals("fixed_width")) {
            byte[] head = head(file);
            String encoding = encoding(head, notes);
            notes.add("fixed-width records split by the given layout (" + layout.get().size() + " fields)");
            return new Dialect(format, encoding, ',', '"', false, 0, "lines", notes, layout.get());
        }
        if (format.equals("parquet") || format.equals("avro")) {
            return new Dialect(format, "UTF-8", ',', '"', true, 0, "lines", List.of("format " + format
                    + (declaredFormat.isPresent() ? " (declared)" : " (from the file name)")));
        }
        byte[] head = head(file);
        String encoding = encoding(head, notes);
        if (format.equals("json")) {
            String text = new String(head, StandardCharsets.UTF_8).stripLeading();
            String jsonLayout = text.startsWith("\uFEFF[") || text.startsWith("[") ? "array" : "lines";
            notes.add("JSON " + (jsonLayout.equals("array") ? "array of objects" : "lines (one object per line)"));
            return new Dialect(format, encoding, ',', '"', true, 0, jsonLayout, notes);
        }
        return delimited(format, encoding, head, notes);
    }

    private static Dialect delimited(String format, String encoding, byte[] head, List<String> notes) {
        String text = new String(head, Charset.forName(encoding));
        boolean backslashEscapes = text.contains("\\\"");
        Dialect best = null;
        double bestScore = -1;
        int bestSkip = 0;
        for (char delimiter : format.equals("tsv") ? new char[] {'\t'} : DELIMITERS) {
            for (char escape : backslashEscapes ? new char[] {'"', '\\'} : new char[] {'"'}) {
                Dialect candidate = new Dialect(format, encoding, delimiter, escape, false, 0, "lines", List.of());
                List<SampleRecords.Record> records = records(candidate, head);
                Map<Integer, Integer> counts = new HashMap<>();
                records.forEach(r -> counts.merge(r.problem().isPresent() ? -1 : r.values().size(), 1, Integer::sum));
                int mode = counts.entrySet().stream().filter(e -> e.getKey() > 0)
                        .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                        .map(Map.Entry::getKey).orElse(0);
                int skip = 0;
                while (skip < records.size() && (records.get(skip).problem().isPresent()
                        || records.get(skip).values().size() != mode)) {
                    skip++;
                }
                long consistent = records.stream().skip(skip)
                        .filter(r -> r.problem().isEmpty() && r.values().size() == mode).count();
                double score = mode <= 1 || records.isEmpty() ? 0
                        : (double) consistent / Math.max(1, records.size() - skip) - 0.01 * skip;
                if (score > bestScore + 1e-9) {
                    bestScore = score;
                    best = candidate;
                    bestSkip = skip == 0 ? 0 : (int) (records.get(Math.min(skip, records.size() - 1)).line() - 1);
                }
            }
        }
        if (best == null || bestScore <= 0) {
            notes.add("one field per record: read as csv with a single column");
            return new Dialect(format, encoding, format.equals("tsv") ? '\t' : ',', '"', true, 0, "lines", notes);
        }
        notes.add("delimiter " + shown(best.delimiter()) + ": the records have one consistent number of fields");
        if (best.escape() != '"') {
            notes.add("escape \\ (\\\" inside quoted fields)");
        }
        if (bestSkip > 0) {
            notes.add(bestSkip + " preamble line(s) before the header (their number of fields differs)");
        }
        return new Dialect(format, encoding, best.delimiter(), best.escape(), true, bestSkip, "lines", notes);
    }

    /** The first records of {@code head} under a candidate, header not taken; empty when they cannot be read. */
    static List<SampleRecords.Record> records(Dialect dialect, byte[] head) {
        try (InputStream in = new ByteArrayInputStream(head)) {
            return SampleRecords.read(in, dialect.bind(dialect.extract("sample.csv")), SNIFF_RECORDS).records();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String shown(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }

    private static String encoding(byte[] head, List<String> notes) {
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            notes.add("encoding UTF-8 with a byte-order mark (the reader drops the mark)");
            return "UTF-8";
        }
        if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)) {
            notes.add("encoding UTF-16 (byte-order mark)");
            return "UTF-16";
        }
        for (String candidate : List.of("UTF-8", "windows-1252", "ISO-8859-1")) {
            if (decodes(head, Charset.forName(candidate))) {
                notes.add("encoding " + candidate + (candidate.equals("UTF-8") ? "" : " (the bytes are not UTF-8)"));
                return candidate;
            }
        }
        return "ISO-8859-1";
    }

    private static boolean decodes(byte[] bytes, Charset charset) {
        int length = bytes.length;
        if (charset.equals(StandardCharsets.UTF_8) && length == SNIFF_BYTES) {
            // the read may have cut the last multi-byte character: leave that character out
            int lead = length - 1;
            while (lead > 0 && length - lead < 4 && (bytes[lead] & 0xC0) == 0x80) {
                lead--;
            }
            int b = bytes[lead] & 0xFF;
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            if (length - lead < needed) {
                length = lead;
            }
        }
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = open(file)) {
            return in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw OnboardErrors.unreadable(file, e);
        }
    }

    /** The sample's bytes, a {@code .gz} sample decompressed (as a run decompresses it by its ending). */
    static InputStream open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String other : List.of(".bz2", ".deflate", ".zst", ".lz4", ".snappy")) {
            if (name.endsWith(other)) {
                throw new SluiceException(OnboardErrorCode.INIT_FORMAT_UNKNOWN, "cannot read the sample " + file
                        + ": init reads uncompressed and .gz samples only (decompress it, or give a .gz copy)");
            }
        }
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file));
        return name.endsWith(".gz") ? new java.io.BufferedInputStream(new java.util.zip.GZIPInputStream(in)) : in;
    }

    static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return "tsv";
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return "json";
        }
        if (name.endsWith(".parquet")) {
            return "parquet";
        }
        if (name.endsWith(".avro")) {
            return "avro";
        }
        return "csv";
    }
}
