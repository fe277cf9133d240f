package io.sluice.connector.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated CSV tables for the property tests: a header and rows of fields made of delimiters, quotes, CR, LF,
 * CRLF, NUL, spaces, non-ASCII text, empty and missing values; written per RFC 4180 with random line endings, an
 * optional byte-order mark and an optional final line break; and mutations of the written bytes.
 */
final class CsvTables {
    private static final List<String> TOKENS = List.of("a", "b", "Z", " ", ",", ";", "\t", "\"", "\"\"", "\r", "\n",
            "\r\n", "\0", "\u00e9", "\u6771", "\uD83D\uDE00", "x y");
    private static final String[] BREAKS = {"\n", "\r\n", "\r"};

    private CsvTables() {
    }

    /** A table; a null value is a missing value (written as an unquoted empty field). */
    record Table(char delimiter, List<String> header, List<List<String>> rows) {
        int width() {
            return header.size();
        }
    }

    /** What is done to the written bytes. */
    enum Mutation {
        NONE, BARE_QUOTE, TRUNCATE, DROP_DELIMITER, DUPLICATE_DELIMITER, INVALID_UTF8, NUL
    }

    static Arbitrary<String> values() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(5).map(t -> String.join("", t));
    }

    static Arbitrary<Table> tables() {
        Arbitrary<Character> delimiters = Arbitraries.of(',', ';', '\t');
        return Combinators.combine(delimiters, Arbitraries.integers().between(1, 4)).flatAs((delimiter, width) -> {
            Arbitrary<List<String>> header = values().injectNull(0.1).list().ofSize(width);
            Arbitrary<List<List<String>>> rows = values().injectNull(0.25).list().ofSize(width).list().ofMaxSize(8);
            return Combinators.combine(header, rows).as((h, r) -> new Table(delimiter, oneColumnSafe(h),
                    r.stream().map(CsvTables::oneColumnSafe).toList()));
        });
    }

    /**
     * A record of one missing value would be an empty line, which is no record: such a value is written as a
     * quoted empty field instead.
     */
    private static List<String> oneColumnSafe(List<String> row) {
        if (row.size() == 1 && row.get(0) == null) {
            return List.of("");
        }
        return java.util.Collections.unmodifiableList(new ArrayList<>(row));
    }

    /** Writes {@code table} per RFC 4180 in UTF-8; {@code random} chooses quoting, line endings, BOM, last break. */
    static byte[] write(Table table, Random random) {
        StringBuilder text = new StringBuilder();
        List<List<String>> records = new ArrayList<>();
        records.add(table.header());
        records.addAll(table.rows());
        for (int i = 0; i < records.size(); i++) {
            List<String> record = records.get(i);
            for (int f = 0; f < record.size(); f++) {
                if (f > 0) {
                    text.append(table.delimiter());
                }
                text.append(field(record.get(f), table.delimiter(), random));
            }
            if (i < records.size() - 1 || random.nextBoolean()) {
                text.append(BREAKS[random.nextInt(BREAKS.length)]);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(4) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String field(String value, char delimiter, Random random) {
        if (value == null) {
            return "";
        }
        boolean needed = value.isEmpty() || value.indexOf(delimiter) >= 0 || value.contains("\"")
                || value.contains("\r") || value.contains("\n");
        if (needed || random.nextInt(3) == 0) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** The bytes with {@code mutation} applied at a place {@code random} chooses. */
    static byte[] mutate(byte[] bytes, Mutation mutation, char delimiter, Random random) {
        int at = random.nextInt(bytes.length + 1);
        return switch (mutation) {
            case NONE -> bytes;
            case BARE_QUOTE -> insert(bytes, at, new byte[] {'"'});
            case TRUNCATE -> Arrays.copyOf(bytes, at);
            case INVALID_UTF8 -> insert(bytes, at, new byte[] {(byte) 0xFF});
            case NUL -> insert(bytes, at, new byte[] {0});
            case DROP_DELIMITER, DUPLICATE_DELIMITER -> {
                List<Integer> delimiters = new ArrayList<>();
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] == delimiter) {
                        delimiters.add(i);
                    }
                }
                if (delimiters.isEmpty()) {
                    yield bytes;
                }
                int d = delimiters.get(random.nextInt(delimiters.size()));
                yield mutation == Mutation.DROP_DELIMITER ? remove(bytes, d)
                        : insert(bytes, d, new byte[] {(byte) delimiter});
            }
        };
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }

    private static byte[] remove(byte[] bytes, int at) {
        byte[] out = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
        return out;
    }
}
