package io.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.cli.Main;
import io.sluice.testing.ProjectCopies;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the bundled example lake through the real command line, as the README does. */
class RetailExampleTest {
    private static final Path EXAMPLE = Path.of("retail").toAbsolutePath();

    record Result(int exitCode, String out, String err) {
    }

    private static Result sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static Path copyExample(Path dir) throws IOException {
        return ProjectCopies.withoutLake(EXAMPLE, dir.resolve("retail"));
    }

    @Test
    void theExampleRunsValidatesRefinesAndASecondRunChangesNothing(@TempDir Path dir) throws IOException {
        Path project = copyExample(dir);

        Result validate = sluice("validate", "--project", project.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("1 source(s), 3 dataset(s), 1 refined dataset(s): valid");

        Path report = dir.resolve("report.json");
        Result run = sluice("run", "--project", project.toString(), "--source", "dealer_files",
                "--run-date", "2026-11-22", "--report", report.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("dealer_files.inventory", "dealer_files.stores", "dealer_files.web_events",
                "refined.stock_by_region", "SUCCEEDED (exit 0)");

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertMatchesPublishedSchema(Files.readString(report));
        assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
        for (JsonNode d : json.get("datasets")) {
            assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("PUBLISHED");
            assertThat(d.get("raw").asLong()).isEqualTo(d.get("valid").asLong() + d.get("error").asLong());
            assertThat(d.get("error").asLong()).as(d.toString()).isPositive();
        }
        assertThat(json.get("refined").get(0).get("status").asText()).isEqualTo("WRITTEN");
        assertThat(project.resolve("lake/valid/dealer_files/inventory/_delta_log")).isDirectory();
        assertThat(project.resolve("lake/refined/stock_by_region/_delta_log")).isDirectory();
        // a keyed dataset's uniqueness check shuffles its rows: a small run still writes one file per table, not
        // one per shuffle partition
        for (String zone : new String[] {"valid", "error"}) {
            assertThat(dataFiles(project.resolve("lake/" + zone + "/dealer_files/inventory"))).as(zone).hasSize(1);
        }

        // the catalog finds every example dataset by a column name, and shows its lineage
        for (String[] q : new String[][] {{"manager_email", "valid.dealer_files.stores"},
                {"mileage_km", "valid.dealer_files.inventory"}, {"visitor_email", "valid.dealer_files.web_events"}}) {
            Result search = sluice("catalog", "search", q[0], "--project", project.toString());
            assertThat(search.exitCode()).as(search.err()).isZero();
            assertThat(search.out()).contains(q[1]);
        }
        Result show = sluice("catalog", "show", "dealer_files.inventory", "--project", project.toString());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Profile (valid rows of run ", "  mileage_km ", "null share: ");
        assertThat(show.out()).contains("Schema:", "vin", "raw.dealer_files.inventory -> valid.dealer_files.inventory",
                "valid.dealer_files.inventory -> refined.default.stock_by_region", "SELECT * FROM valid.dealer_files.inventory");

        Result sql = sluice("sql", "--project", project.toString(),
                "SELECT count(*) AS vehicles FROM valid.dealer_files.inventory");
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("vehicles", json.get("datasets").get(1).get("valid").asText(), "(1 row)");
        Result failing = sluice("sql", "--project", project.toString(),
                "SELECT count(*) / (count(*) - count(*)) AS ratio FROM valid.dealer_files.inventory");
        assertThat(failing.exitCode()).as(failing.err()).isEqualTo(64);
        assertThat(failing.err()).contains("the query failed while it ran: ", "DIVIDE_BY_ZERO", "fix the query");

        Path events = dir.resolve("openlineage.jsonl");
        Result export = sluice("catalog", "export", "--openlineage", events.toString(), "--project", project.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("sent ").contains("0 failed, 0 pending");
        assertThat(Files.readAllLines(events)).isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"eventType\""));
        Result exportAgain = sluice("catalog", "export", "--openlineage", events.toString(), "--project", project.toString());
        assertThat(exportAgain.out()).startsWith("sent 0 event(s)");

        Result again = sluice("run", "--project", project.toString(), "--source", "dealer_files",
                "--run-date", "2026-11-22", "--report", "-");
        assertThat(again.exitCode()).isZero();
        assertMatchesPublishedSchema(again.out());
        JsonNode second = new ObjectMapper().readTree(again.out());
        for (JsonNode d : second.get("datasets")) {
            assertThat(d.get("status").asText()).isEqualTo("NOTHING_NEW");
        }
        assertThat(second.get("refined").get(0).get("status").asText()).isEqualTo("UNCHANGED");

        Result late = sluice("catalog", "late", "--project", project.toString());
        assertThat(late.exitCode()).as("inventory arrived within its freshness: " + late.out()).isZero();
        assertThat(late.out()).contains("No asset is late.");
    }

    @Test
    void aBrokenDescriptorIsReportedWithFileLineAndFieldAndExitCode2(@TempDir Path dir) throws IOException {
        Path project = copyExample(dir);
        Path stores = project.resolve("descriptors/dealer_files.yaml");
        Files.writeString(stores, Files.readString(stores).replace("type: date }", "type: daet }"));

        Result validate = sluice("validate", "--project", project.toString());

        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.err()).contains("descriptors/dealer_files.yaml:", "/schema/3/type", "unknown type 'daet'");
    }

    private static List<Path> dataFiles(Path table) throws IOException {
        try (var files = Files.walk(table)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .filter(f -> !f.toString().contains("_delta_log")).toList();
        }
    }

    /** The run report keeps the contract published in docs/run-report.schema.json. */
    private static void assertMatchesPublishedSchema(String report) throws IOException {
        Path schemaFile = Path.of("..", "docs", "run-report.schema.json");
        org.everit.json.schema.Schema schema = org.everit.json.schema.loader.SchemaLoader.load(
                new org.json.JSONObject(Files.readString(schemaFile)));
        try {
            schema.validate(new org.json.JSONObject(report));
        } catch (org.everit.json.schema.ValidationException e) {
            throw new AssertionError("run report does not match " + schemaFile + ": " + e.getAllMessages(), e);
        }
    }
}
