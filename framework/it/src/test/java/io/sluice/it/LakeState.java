package io.sluice.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.LineageDirection;
import io.sluice.catalog.RegisteredAsset;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.RunStatus;
import io.sluice.catalog.Zone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * What a lake holds, with everything that legitimately differs between two runs of the same deliveries (run ids,
 * timestamps, absolute paths) taken out, so that an interrupted-and-rerun lake can be compared with an uninterrupted
 * one by {@code equals}.
 *
 * <p>Rows are kept as sorted lists (multisets), so a duplicate or a missing row makes two states differ.
 *
 * @param tables     zone table → its rows as JSON, without {@code _run_id} and {@code _ingested_at}
 * @param runIds     zone table → how many runs wrote its rows (a delivery split over two runs differs)
 * @param rawRuns    dataset → one line per raw run folder: run date, state, files with size, checksum, records
 * @param watermarks dataset → the newest watermark in its manifests
 * @param assets     catalog assets: name, location under the lake, format, columns
 * @param runs       dataset → the row counts of each succeeded run that landed rows; and any unfinished run
 * @param lineage    catalog lineage edges (from → to), run ids left out
 */
record LakeState(Map<String, List<String>> tables, Map<String, Long> runIds, Map<String, List<String>> rawRuns,
                 Map<String, String> watermarks, List<String> assets, Map<String, List<String>> runs,
                 List<String> lineage) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HIDDEN_TEMP = Pattern.compile("^\\..*\\.tmp$");

    static LakeState of(SparkSession spark, Path lake) {
        Map<String, List<String>> tables = new TreeMap<>();
        Map<String, Long> runIds = new TreeMap<>();
        for (String zone : List.of("valid", "error")) {
            for (String dataset : ExampleLake.DATASETS) {
                table(spark, lake.resolve(zone).resolve(ExampleLake.SOURCE).resolve(dataset), zone + "." + dataset,
                        tables, runIds);
            }
        }
        table(spark, lake.resolve("refined").resolve(ExampleLake.REFINED), "refined." + ExampleLake.REFINED, tables,
                runIds);
        Map<String, List<String>> rawRuns = new TreeMap<>();
        Map<String, String> watermarks = new TreeMap<>();
        for (String dataset : ExampleLake.DATASETS) {
            rawRuns.put(dataset, rawRuns(lake.resolve("raw").resolve(ExampleLake.SOURCE).resolve(dataset), watermarks,
                    dataset));
        }
        Catalogued catalogued = catalogued(lake);
        return new LakeState(tables, runIds, rawRuns, watermarks, catalogued.assets(), catalogued.runs(),
                catalogued.lineage());
    }

    /**
     * What the lake's catalog holds (no Spark needed: the catalog is a database beside the tables).
     *
     * @param assets  catalog assets: name, location under the lake, format, columns
     * @param runs    dataset → the row counts of each succeeded run that landed rows; and any unfinished run
     * @param lineage catalog lineage edges (from → to), run ids left out
     */
    record Catalogued(List<String> assets, Map<String, List<String>> runs, List<String> lineage) {
    }

    static Catalogued catalogued(Path lake) {
        List<String> assets = new ArrayList<>();
        Map<String, List<String>> runs = new TreeMap<>();
        TreeSet<String> lineage = new TreeSet<>();
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(lake))) {
            for (String dataset : ExampleLake.DATASETS) {
                for (RegisteredAsset a : catalog.assetsOf(ExampleLake.SOURCE, dataset)) {
                    assets.add(a.asset().name().qualified() + " " + a.asset().location().replace(lake.toString(), "<lake>")
                            + " " + a.asset().format() + " " + a.asset().columns().stream()
                            .map(c -> c.name() + ":" + c.type() + (c.pii() ? ":pii" : "")).toList());
                }
                if (dataset.equals(ExampleLake.DATASETS[0])) {
                    catalog.find(AssetName.of(Zone.REFINED, "default", ExampleLake.REFINED)).ifPresent(a -> assets.add(
                            a.asset().name().qualified() + " " + a.asset().location().replace(lake.toString(), "<lake>")
                                    + " " + a.asset().columns().stream().map(c -> c.name() + ":" + c.type()).toList()));
                }
                List<String> counts = new ArrayList<>();
                for (RunRecord r : catalog.runs(ExampleLake.SOURCE, dataset, 10_000)) {
                    if (r.status() == RunStatus.RUNNING) {
                        counts.add("UNFINISHED run " + r.key().runId());
                    } else if (r.status() == RunStatus.SUCCEEDED && r.rows().raw() > 0) {
                        counts.add("raw=" + r.rows().raw() + " valid=" + r.rows().valid() + " error=" + r.rows().error()
                                + " runDate=" + r.runDate());
                    } else if (r.status() == RunStatus.FAILED) {
                        counts.add("FAILED run " + r.key().runId() + ": " + r.errorMessage().orElse(""));
                    }
                }
                counts.sort(null);
                runs.put(dataset, counts);
                catalog.lineage(AssetName.of(Zone.SOURCE, ExampleLake.SOURCE, dataset), LineageDirection.DOWNSTREAM)
                        .forEach(e -> lineage.add(e.from().qualified() + " -> " + e.to().qualified()));
            }
        }
        assets.sort(null);
        return new Catalogued(List.copyOf(assets), runs, List.copyOf(lineage));
    }

    private static void table(SparkSession spark, Path path, String name, Map<String, List<String>> tables,
                              Map<String, Long> runIds) {
        if (!Files.isDirectory(path.resolve("_delta_log"))) {
            tables.put(name, List.of("(no table)"));
            return;
        }
        checkDeltaLog(path);
        Row detail = io.delta.tables.DeltaTable.forPath(spark, path.toString()).detail()
                .select("description", "properties").first();
        Map<String, String> properties = new TreeMap<>(detail.isNullAt(1) ? Map.of()
                : scala.jdk.javaapi.CollectionConverters.asJava(detail.<String, String>getMap(1)));
        properties.keySet().removeIf(k -> !k.startsWith("sluice."));
        tables.put(name + " (description, properties)", List.of(String.valueOf(detail.isNullAt(0) ? null
                : detail.getString(0)), properties.toString()));
        Dataset<Row> df = spark.read().format("delta").load(path.toString());
        List<String> columns = List.of(df.columns());
        List<Column> kept = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            if (f.name().equals("_run_id") || f.name().equals("_ingested_at")) {
                continue;
            }
            // an aggregate's last bits depend on the order Spark adds the values in
            boolean floating = f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType);
            kept.add(floating ? col(f.name()).cast("decimal(38,6)").as(f.name()) : col(f.name()));
        }
        // one Spark job per table: the run id comes along and is counted here
        Column runId = columns.contains("_run_id") ? col("_run_id") : org.apache.spark.sql.functions.lit("");
        List<String> rows = new ArrayList<>();
        java.util.Set<String> runs = new java.util.HashSet<>();
        for (Row r : df.select(to_json(struct(kept.toArray(new Column[0]))), runId).collectAsList()) {
            rows.add(r.getString(0));
            runs.add(r.getString(1));
        }
        if (columns.contains("_run_id")) {
            runIds.put(name, (long) runs.size());
        }
        rows.sort(null);
        tables.put(name, rows);
    }

    /** Commits 0..n without a gap, each a complete file of JSON actions: no half-written commit is visible. */
    private static void checkDeltaLog(Path table) {
        Path log = table.resolve("_delta_log");
        try (Stream<Path> files = Files.list(log)) {
            List<Path> commits = files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).sorted().toList();
            for (int i = 0; i < commits.size(); i++) {
                String expected = String.format("%020d.json", i);
                if (!commits.get(i).getFileName().toString().equals(expected)) {
                    throw new AssertionError(table + ": Delta log has a gap: " + expected + " is missing");
                }
                for (String line : Files.readAllLines(commits.get(i), StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        JSON.readTree(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(table + ": unreadable Delta log", e);
        }
    }

    /** One line per run folder; a folder without manifest or without commit marker shows up as such. */
    private static List<String> rawRuns(Path dataset, Map<String, String> watermarks, String name) {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(dataset)) {
            return lines;
        }
        String newest = "";
        try (Stream<Path> dates = Files.list(dataset)) {
            for (Path date : dates.sorted().toList()) {
                try (Stream<Path> runs = Files.list(date)) {
                    for (Path run : runs.sorted().toList()) {
                        Path manifest = run.resolve("_manifest.json");
                        List<String> leftovers;
                        try (Stream<Path> content = Files.list(run)) {
                            leftovers = content.map(p -> p.getFileName().toString())
                                    .filter(n -> HIDDEN_TEMP.matcher(n).matches()).sorted().toList();
                        }
                        if (!Files.exists(manifest)) {
                            lines.add(date.getFileName() + " NO MANIFEST " + run.getFileName());
                            continue;
                        }
                        JsonNode m = JSON.readTree(manifest.toFile());
                        List<String> files = new ArrayList<>();
                        for (JsonNode f : m.get("files")) {
                            files.add(Path.of(f.get("path").asText()).getFileName() + ":" + f.get("size").asLong() + ":"
                                    + f.get("sha256").asText().substring(0, 12) + ":" + f.get("records").asLong());
                        }
                        files.sort(null);
                        String state = Files.exists(run.resolve("_committed")) ? "committed" : "NOT COMMITTED";
                        lines.add(date.getFileName() + " " + state + " " + files
                                + (leftovers.isEmpty() ? "" : " LEFTOVER " + leftovers));
                        JsonNode w = m.get("watermark");
                        if (w != null && !w.isNull() && w.asText().compareTo(newest) > 0) {
                            newest = w.asText();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.sort(null);
        watermarks.put(name, newest.isEmpty() ? "(none)" : newest);
        return lines;
    }
}
