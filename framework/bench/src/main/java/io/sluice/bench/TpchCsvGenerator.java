package io.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.trino.tpch.Distributions;
import io.trino.tpch.GenerateUtils;
import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import io.trino.tpch.Order;
import io.trino.tpch.OrderGenerator;
import io.trino.tpch.TextPool;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes TPC-H {@code lineitem} and {@code orders} as CSV files with a header, deterministically for a scale factor,
 * corruption share and seed, and corrupts a stated share of rows ({@link Corruption}).
 *
 * <p>Whether a row is corrupted, and how, depends only on the seed and the row's key (order key, line number),
 * never on how the table is split into files, so the same settings always give the same bytes. Each table is
 * written as several files (one per TPC-H generator part, in parallel) under {@code <dir>/<table>/}. A finished
 * data set carries {@value #MARKER}, and is reused as is by the next run with the same settings.
 */
public final class TpchCsvGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(TpchCsvGenerator.class);
    static final String MARKER = "_generated.json";
    /** The size of dbgen's text pool, which the comments are cut from: the same size gives the standard data. */
    private static final int TEXT_POOL_BYTES = 300 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final double scale;
    private final double corruptShare;
    private final long seed;
    private TextPool textPool;

    /**
     * @param scale        TPC-H scale factor; fractions such as 0.01 are allowed (SF 1 ≈ 6 M lineitem rows)
     * @param corruptShare share of rows to corrupt, 0 to 1 (e.g. 0.01)
     * @param seed         seed of the choice of corrupted rows and defects
     */
    public TpchCsvGenerator(double scale, double corruptShare, long seed) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale factor " + scale + " must be above 0 (e.g. 0.01 or 1)");
        }
        if (!(corruptShare >= 0 && corruptShare <= 1)) {
            throw new IllegalArgumentException("corrupt share " + corruptShare + " must be within 0 and 1 (e.g. 0.01)");
        }
        this.scale = scale;
        this.corruptShare = corruptShare;
        this.seed = seed;
    }

    /**
     * The standard pool (as dbgen's) but owned by this generator, built on first use: the library's shared
     * default would keep 300 MB alive, for the life of the JVM, in the heap the benchmark then measures.
     */
    private synchronized TextPool textPool() {
        if (textPool == null) {
            textPool = new TextPool(TEXT_POOL_BYTES, Distributions.getDefaultDistributions());
        }
        return textPool;
    }

    /** The folder name these settings generate into, below a data root. */
    public String folderName() {
        return String.format(Locale.ROOT, "tpch-sf%s-bad%s-seed%d", plain(scale), plain(corruptShare), seed);
    }

    /** Generates into {@code root/folderName()}, or returns what an earlier run generated there. */
    public GeneratedData generate(Path root) {
        Path dir = root.resolve(folderName());
        Path marker = dir.resolve(MARKER);
        try {
            if (Files.exists(marker)) {
                GeneratedData found = JSON.readValue(marker.toFile(), GeneratedData.class);
                LOG.info("Reusing generated data in {}", dir);
                return found.at(dir);
            }
            deleteTree(dir);
            Files.createDirectories(dir);
            long start = System.nanoTime();
            int parts = parts();
            TextPool pool = textPool();
            List<GeneratedTable> tables = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
            try {
                for (TpchTables.Table table : TpchTables.ALL) {
                    Files.createDirectories(dir.resolve(table.name()));
                    List<Future<GeneratedTable>> pieces = new ArrayList<>();
                    for (int part = 1; part <= parts; part++) {
                        int p = part;
                        pieces.add(threads.submit(() -> writePart(dir, table, p, parts, pool)));
                    }
                    GeneratedTable merged = null;
                    for (Future<GeneratedTable> piece : pieces) {
                        merged = merged == null ? piece.get() : merged.plus(piece.get());
                    }
                    tables.add(merged);
                }
            } finally {
                threads.shutdownNow();
            }
            GeneratedData data = new GeneratedData(dir.toString(), scale, corruptShare, seed, tables);
            Path tmp = dir.resolve("." + MARKER + ".tmp");
            JSON.writeValue(tmp.toFile(), data);
            Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Generated {} in {} s", data.describe(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("could not generate TPC-H data in " + dir + ": " + e.getMessage()
                    + " (check free space and permissions, or delete the folder)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating TPC-H data in " + dir, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not generate TPC-H data in " + dir + ": " + e.getCause(), e.getCause());
        }
    }

    /** Two parts use both cores of a small machine; larger scales get smaller files (≈ 190 MB of lineitem each). */
    private int parts() {
        return (int) Math.max(2, Math.min(64, Math.ceil(scale * 4)));
    }

    private GeneratedTable writePart(Path dir, TpchTables.Table table, int part, int parts, TextPool pool)
            throws IOException {
        String name = String.format(Locale.ROOT, "part-%05d.csv", part);
        Path file = dir.resolve(table.name()).resolve(name);
        long salt = mix(seed ^ table.name().hashCode());
        Map<Corruption, Long> kinds = new EnumMap<>(Corruption.class);
        long rows = 0;
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
            StringBuilder line = new StringBuilder(256);
            writeLine(out, line, table.columns().stream().map(TpchTables.Column::name).toArray(String[]::new), -1);
            if (table.equals(TpchTables.LINEITEM)) {
                for (LineItem item : new LineItemGenerator(scale, part, parts, Distributions.getDefaultDistributions(), pool)) {
                    rows++;
                    emit(out, line, table, lineitem(item), salt, item.getOrderKey() * 8 + item.getLineNumber(), kinds);
                }
            } else {
                for (Order order : new OrderGenerator(scale, part, parts, Distributions.getDefaultDistributions(), pool)) {
                    rows++;
                    emit(out, line, table, order(order), salt, order.getOrderKey(), kinds);
                }
            }
        }
        long corrupted = kinds.values().stream().mapToLong(Long::longValue).sum();
        return new GeneratedTable(table.name(), List.of(table.name() + "/" + name), rows, Files.size(file), corrupted, kinds);
    }

    private void emit(Writer out, StringBuilder line, TpchTables.Table table, String[] fields, long salt, long key,
                      Map<Corruption, Long> kinds) throws IOException {
        long h = mix(salt ^ mix(key));
        if ((h >>> 11) * 0x1.0p-53 < corruptShare) {
            Corruption kind = Corruption.pick(mix(h));
            kinds.merge(kind, 1L, Long::sum);
            Corruption.Row bad = kind.apply(table, fields);
            writeLine(out, line, bad.fields(), bad.verbatim());
        } else {
            writeLine(out, line, fields, -1);
        }
    }

    private static String[] lineitem(LineItem i) {
        return new String[] {
            Long.toString(i.getOrderKey()), Long.toString(i.getPartKey()), Long.toString(i.getSupplierKey()),
            Integer.toString(i.getLineNumber()), Long.toString(i.getQuantity()),
            GenerateUtils.formatMoney(i.getExtendedPriceInCents()), GenerateUtils.formatMoney(i.getDiscountPercent()),
            GenerateUtils.formatMoney(i.getTaxPercent()), i.getReturnFlag(), i.getStatus(),
            GenerateUtils.formatDate(i.getShipDate()), GenerateUtils.formatDate(i.getCommitDate()),
            GenerateUtils.formatDate(i.getReceiptDate()), i.getShipInstructions(), i.getShipMode(), i.getComment()
        };
    }

    private static String[] order(Order o) {
        return new String[] {
            Long.toString(o.getOrderKey()), Long.toString(o.getCustomerKey()), String.valueOf(o.getOrderStatus()),
            GenerateUtils.formatMoney(o.getTotalPriceInCents()), GenerateUtils.formatDate(o.getOrderDate()),
            o.getOrderPriority(), o.getClerk(), Integer.toString(o.getShipPriority()), o.getComment()
        };
    }

    /** CSV as Spark reads it by default: quote a field holding the delimiter; TPC-H text has no quotes or backslashes. */
    private static void writeLine(Writer out, StringBuilder line, String[] fields, int verbatim) throws IOException {
        line.setLength(0);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String f = fields[i];
            if (i != verbatim && (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\\') >= 0)) {
                if (f.indexOf('"') >= 0 || f.indexOf('\\') >= 0) {
                    throw new IllegalStateException("unexpected quote or backslash in TPC-H value '" + f + "'");
                }
                line.append('"').append(f).append('"');
            } else {
                line.append(f);
            }
        }
        line.append('\n');
        out.append(line);
    }

    /** SplitMix64's finaliser: a well-spread 64-bit hash of a 64-bit value. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * What was generated for one table.
     *
     * @param files     paths relative to the data folder
     * @param rows      data rows (without headers), corrupted ones included
     * @param bytes     total size of the files
     * @param corrupted rows given a defect
     * @param byKind    corrupted rows per defect
     */
    public record GeneratedTable(String name, List<String> files, long rows, long bytes, long corrupted,
                                 Map<Corruption, Long> byKind) {
        public GeneratedTable {
            files = List.copyOf(files);
            byKind = Map.copyOf(byKind);
        }

        GeneratedTable plus(GeneratedTable other) {
            List<String> allFiles = new ArrayList<>(files);
            allFiles.addAll(other.files);
            Map<Corruption, Long> kinds = new EnumMap<>(Corruption.class);
            kinds.putAll(byKind);
            other.byKind.forEach((k, v) -> kinds.merge(k, v, Long::sum));
            return new GeneratedTable(name, allFiles, rows + other.rows, bytes + other.bytes,
                    corrupted + other.corrupted, kinds);
        }
    }

    /** A generated data set: the folder holding one sub-folder per table (the landing folder of the source). */
    public record GeneratedData(String dir, double scale, double corruptShare, long seed, List<GeneratedTable> tables) {
        public GeneratedData {
            tables = List.copyOf(tables);
        }

        GeneratedData at(Path folder) {
            return new GeneratedData(folder.toString(), scale, corruptShare, seed, tables);
        }

        public GeneratedTable table(String name) {
            return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no generated table " + name));
        }

        public long rows() {
            return tables.stream().mapToLong(GeneratedTable::rows).sum();
        }

        public long bytes() {
            return tables.stream().mapToLong(GeneratedTable::bytes).sum();
        }

        public long corrupted() {
            return tables.stream().mapToLong(GeneratedTable::corrupted).sum();
        }

        String describe() {
            StringBuilder s = new StringBuilder();
            for (GeneratedTable t : tables) {
                s.append(String.format(Locale.ROOT, "%s: %,d rows (%,d corrupted), %.1f MB; ", t.name(), t.rows(),
                        t.corrupted(), t.bytes() / 1e6));
            }
            return s.toString();
        }
    }
}
