package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.onboard.Feature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code sluice init} on public data files we did not write (vega-datasets, see
 * src/test/resources/vega-datasets/README.md): the draft validates, and a run of it publishes the sample with 0
 * errors.
 */
class InitCommandTest {
    private static final Path VEGA = Path.of("src/test/resources/vega-datasets").toAbsolutePath();

    record Result(int exitCode, String out, String err) {
    }

    static Result sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** A project whose landing folder holds the sample under {@code landing/<folder>/}. */
    static Path project(Path dir, Path sample, String folder) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("sluice.yaml"), "spark:\n  master: \"local[2]\"\n  conf:\n"
                + "    spark.sql.shuffle.partitions: \"2\"\n    spark.ui.enabled: \"false\"\n", StandardCharsets.UTF_8);
        Path target = Files.createDirectories(project.resolve("landing").resolve(folder))
                .resolve(sample.getFileName());
        Files.copy(sample, target);
        return project;
    }

    /** Validates the project and runs the source; returns the dataset's report entry after checking 0 errors. */
    static JsonNode validateAndRun(Path project, String source) throws IOException {
        Result validate = sluice("validate", "--project", project.toString());
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        Result run = sluice("run", "--project", project.toString(), "--source", source, "--run-date", "2026-12-01",
                "--report", "-");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        JsonNode dataset = report.get("datasets").get(0);
        assertThat(dataset.get("status").asText()).as(dataset.toString()).isEqualTo("PUBLISHED");
        assertThat(dataset.get("error").asLong()).as(dataset.toString()).isZero();
        assertThat(dataset.get("valid").asLong()).as(dataset.toString()).isEqualTo(dataset.get("raw").asLong())
                .isPositive();
        return dataset;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "seattle-weather.csv | weather | 1461 | - { name: date, type: date, format: yyyy-MM-dd, key: true }",
            "airports.csv | airports | 3376 | - { name: latitude, type: \"decimal(12,8)\", nullable: false }",
            "cars.json | cars | 406 | - { name: Horsepower, type: int }",
            "iowa-electricity.csv | electricity | 51 | - { name: net_generation, type: int, nullable: false }",
            "stocks.csv | stocks | 560 | - { name: date, type: date, format: \"MMM d yyyy\", nullable: false }"})
    void aDraftOfAPublicFileValidatesAndPublishesItsSampleWithNoError(String file, String folder, long rows,
                                                                     String guess, @TempDir Path dir)
            throws IOException {
        Path project = project(dir, VEGA.resolve(file), folder);

        Result init = sluice("init", "--project", project.toString(), "--source", "vega", "--sample",
                project.resolve("landing").resolve(folder).resolve(file).toString());

        assertThat(init.exitCode()).as(init.out() + init.err()).isZero();
        assertThat(init.out()).contains("wrote descriptors/vega.yaml", "wrote descriptors/vega/",
                "proven on the sample: " + rows + " record(s), 0 rejected");
        String name = InitCommand.datasetName(Path.of(file));
        assertThat(Files.readString(project.resolve("descriptors/vega/" + name + ".yaml"))).contains(guess);
        JsonNode dataset = validateAndRun(project, "vega");
        assertThat(dataset.get("raw").asLong()).isEqualTo(rows);
    }

    @Test
    void theSeattleWeatherDraftGuessesStrictTypesAKeyAndAllowedValues(@TempDir Path dir) throws IOException {
        Path project = project(dir, VEGA.resolve("seattle-weather.csv"), "weather");

        Result init = sluice("init", "--project", project.toString(), "--source", "vega", "--dataset", "weather",
                "--sample", project.resolve("landing/weather/seattle-weather.csv").toString());

        assertThat(init.exitCode()).as(init.out() + init.err()).isZero();
        String draft = Files.readString(project.resolve("descriptors/vega/weather.yaml"));
        assertThat(draft).contains("extract: { path: \"weather/*.csv\", format: csv }",
                "- { name: date, type: date, format: yyyy-MM-dd, key: true }",
                "- { name: precipitation, type: \"decimal(5,1)\", nullable: false }",
                "- { name: weather, type: string, nullable: false, allowed: [drizzle, fog, rain, snow, sun] }");
    }

    @Test
    void anExistingDescriptorIsNeverOverwritten(@TempDir Path dir) throws IOException {
        Path project = project(dir, VEGA.resolve("iowa-electricity.csv"), "iowa");
        Path sample = project.resolve("landing/iowa/iowa-electricity.csv");
        Path descriptor = Files.createDirectories(project.resolve("descriptors/vega")).resolve("iowa.yaml");
        Files.writeString(descriptor, "# mine\n");

        Result init = sluice("init", "--project", project.toString(), "--source", "vega", "--dataset", "iowa",
                "--sample", sample.toString());

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("descriptors/vega/iowa.yaml: dataset vega.iowa is already declared:"
                + " nothing written");
        assertThat(Files.readString(descriptor)).isEqualTo("# mine\n");
        assertThat(project.resolve("descriptors/vega.yaml")).doesNotExist();
    }

    @Test
    void anInvalidDatasetNameIsRefusedBeforeAnythingIsRead(@TempDir Path dir) throws IOException {
        Path project = project(dir, VEGA.resolve("iowa-electricity.csv"), "iowa");

        Result init = sluice("init", "--project", project.toString(), "--source", "vega", "--dataset", "Iowa-2024",
                "--sample", project.resolve("landing/iowa/iowa-electricity.csv").toString());

        assertThat(init.exitCode()).isEqualTo(64);
        assertThat(init.err().strip()).isEqualTo("--dataset 'Iowa-2024' is not a valid name (write lower-case"
                + " letters, digits and _, starting with a letter, e.g. iowa_2024)");
        assertThat(project.resolve("descriptors")).doesNotExist();
    }

    @Test
    void tablesOfASourceThatIsNotADatabaseAreRefused(@TempDir Path dir) throws IOException {
        Path project = project(dir, VEGA.resolve("iowa-electricity.csv"), "iowa");
        Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(project.resolve("descriptors/drop.yaml"), "kind: source\nname: drop\nconnector: files\n");

        Result init = sluice("init", "--project", project.toString(), "--source", "drop", "--tables", "SALES.*");

        assertThat(init.exitCode()).isEqualTo(64);
        assertThat(init.err().strip()).isEqualTo("source 'drop' reads with connector files: --tables drafts datasets"
                + " of a jdbc or teradata source (use --sample for files)");
    }

    @Test
    void issue19FieldsAreUsedWhereTheBuildTakesThemAndTheDraftPublishesItsSample(@TempDir Path dir)
            throws IOException {
        Path sample = dir.resolve("shipments.csv");
        Files.writeString(sample, "Order No,Paid?,Shipped on,Weight (kg)\n"
                + "A-1,Y,2026-01-02,1.5\nA-2,N,03/01/2026,n/a\nA-3,y,2026-01-04,-\nA-4,N,05/01/2026,2.25\n",
                StandardCharsets.UTF_8);
        Path project = project(dir, sample, "shipments");
        assumeTrue(Feature.available().containsAll(EnumSet.of(Feature.FROM, Feature.NULL_VALUES,
                Feature.BOOLEAN_TOKENS, Feature.FORMATS)), "this build's loader lacks issue 19's column fields");

        Result init = sluice("init", "--project", project.toString(), "--source", "drop", "--sample",
                project.resolve("landing/shipments/shipments.csv").toString());

        assertThat(init.exitCode()).as(init.out() + init.err()).isZero();
        assertThat(Files.readString(project.resolve("descriptors/drop/shipments.yaml"))).contains(
                "null_values: [n/a, \"-\"]",
                "- { name: order_no, from: \"Order No\", type: string, key: true }",
                "- { name: paid, from: \"Paid?\", type: boolean, true_values: [\"Y\"], false_values: [\"N\"],"
                        + " nullable: false }",
                "- { name: shipped_on, from: \"Shipped on\", type: date, formats: [yyyy-MM-dd, dd/MM/yyyy],"
                        + " nullable: false }",
                "- { name: weight_kg, from: \"Weight (kg)\", type: \"decimal(5,2)\" }");
        assertThat(validateAndRun(project, "drop").get("valid").asLong()).isEqualTo(4);
    }

    @Test
    void aFixedWidthSampleIsDraftedFromItsLayoutAndItsDraftPublishesTheSample(@TempDir Path dir) throws IOException {
        Path sample = dir.resolve("payments.txt");
        Files.writeString(sample, "000001ACME CORP           20260102000012345\n"
                + "000002BETA LTD            20260103000000500\n"
                + "000003N/A                 20260104000099999\n", StandardCharsets.UTF_8);
        Path project = project(dir, sample, "payments");
        Path layout = dir.resolve("layout.yaml");
        Files.writeString(layout, "- { name: id, start: 1, length: 6 }\n- { name: Cust Name, width: 20 }\n"
                + "- { name: day, width: 8 }\n- { name: amount, width: 9, implied_decimals: 2 }\n",
                StandardCharsets.UTF_8);

        Result init = sluice("init", "--project", project.toString(), "--source", "bank", "--sample",
                project.resolve("landing/payments/payments.txt").toString(), "--format", "fixed_width",
                "--layout", layout.toString());

        assertThat(init.exitCode()).as(init.out() + init.err()).isZero();
        assertThat(init.out()).contains("fixed-width records split by the given layout (4 fields)",
                "proven on the sample: 3 record(s), 0 rejected");
        String draft = Files.readString(project.resolve("descriptors/bank/payments.yaml"));
        assertThat(draft).contains("  format: fixed_width\n  layout:\n    - { name: id, start: 1, length: 6 }\n"
                        + "    - { name: \"Cust Name\", width: 20 }\n",
                "whole numbers with leading zeros (codes, not quantities)", "- { name: id, type: string, key: true }",
                "- { name: cust_name, from: \"Cust Name\", type: string, nullable: false }",
                "- { name: amount, type: \"decimal(7,2)\", nullable: false }");
        assertThat(validateAndRun(project, "bank").get("valid").asLong()).isEqualTo(3);
    }

    @Test
    void aLayoutWithAWrongColumnIsRefusedNamingItsFileAndLine(@TempDir Path dir) throws IOException {
        Path sample = dir.resolve("payments.txt");
        Files.writeString(sample, "000001ACME\n", StandardCharsets.UTF_8);
        Path project = project(dir, sample, "payments");
        Path layout = dir.resolve("layout.yaml");
        Files.writeString(layout, "- { name: id, start: 1, length: 6 }\n- { name: name, width: 0 }\n",
                StandardCharsets.UTF_8);

        Result init = sluice("init", "--project", project.toString(), "--source", "bank", "--sample",
                sample.toString(), "--format", "fixed_width", "--layout", layout.toString());

        assertThat(init.exitCode()).as(init.out() + init.err()).isEqualTo(ExitCodes.DESCRIPTOR);
        assertThat(init.err()).contains(layout + ":2", "must be 1 or more, found 0");
        assertThat(project.resolve("descriptors/bank/payments.yaml")).doesNotExist();

        Result missing = sluice("init", "--project", project.toString(), "--source", "bank", "--sample",
                sample.toString(), "--format", "fixed_width");
        assertThat(missing.exitCode()).as(missing.out() + missing.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("a fixed_width sample needs its layout: give --layout FILE");
    }
}
