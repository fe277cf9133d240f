package io.sluice.onboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.metadata.SluiceException;
import io.sluice.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Drafts from sample files of each format, proven by the run's validation. */
@ExtendWith(SparkExtension.class)
class FileOnboardingTest {
    private static final String SOURCE = DraftWriter.source("drop", "landing", "test");

    @Test
    void aParquetSampleKeepsItsStoredTypesAndFindsItsKey(SparkSession spark, @TempDir Path dir) {
        Path file = dir.resolve("items.parquet");
        spark.sql("SELECT id, CAST(id * 1.5 AS DECIMAL(9,2)) AS price, IF(id % 2 = 0, NULL, 'x') AS note,"
                + " DATE '2026-01-01' + CAST(id AS INT) AS day, map('k', id) AS extra FROM range(1, 6)")
                .coalesce(1).write().parquet(dir.resolve("out").toString());
        move(dir.resolve("out"), file, ".parquet");

        FileOnboarding.Result result = draft(spark, file, "items");

        assertThat(result.yaml()).contains("extract: { path: \"items/*.parquet\", format: parquet }",
                "- { name: id, type: long, key: true }", "- { name: price, type: \"decimal(9,2)\", nullable: false }",
                "- { name: note, type: string }", "- { name: day, type: date, nullable: false }",
                "'extra' is stored as map<string,bigint>, which no declared type takes: left undeclared");
        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.remaining()).isZero();
    }

    @Test
    void anAvroSampleIsReadBySparksBuiltInSource(SparkSession spark, @TempDir Path dir) {
        Path file = dir.resolve("events.avro");
        spark.sql("SELECT CAST(id AS INT) AS n, id % 2 = 0 AS even FROM range(0, 4)").coalesce(1).write()
                .format("avro").save(dir.resolve("out").toString());
        move(dir.resolve("out"), file, ".avro");

        FileOnboarding.Result result = draft(spark, file, "events");

        assertThat(result.yaml()).contains("- { name: \"n\", type: int, key: true }",
                "- { name: even, type: boolean, nullable: false }");
    }

    @Test
    void jsonLinesWithNestedValuesAndMixedKindsLeaveThoseKeysUndeclared(SparkSession spark, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("web.jsonl");
        Files.writeString(file, "{\"id\":\"a1\",\"n\":1,\"tags\":[1],\"mixed\":1,\"at\":\"2026-01-01T10:00:00Z\"}\n"
                + "{\"id\":\"a2\",\"n\":2.5,\"tags\":[],\"mixed\":\"x\",\"at\":\"2026-01-02T11:30:00Z\"}\n",
                StandardCharsets.UTF_8);

        FileOnboarding.Result result = draft(spark, file, "web");

        assertThat(result.yaml()).contains("format: json, layout: lines",
                "- { name: id, type: string, key: true }", "- { name: \"n\", type: \"decimal(4,1)\", nullable: false }",
                "'tags' holds nested JSON values: left undeclared", "'mixed' mixes JSON numbers or booleans with text",
                "- { name: at, type: timestamp, format: \"yyyy-MM-dd'T'HH:mm:ssXXX\", nullable: false }");
        assertThat(result.remaining()).isZero();
    }

    @Test
    void aColumnWhoseGuessTheValidationRejectsIsRelaxedAndTheReasonIsWritten(SparkSession spark,
                                                                             @TempDir Path dir) throws IOException {
        // "5<tab>" strips to a number for the guess, but validation removes only spaces around a value and
        // refuses the tab: the proof finds it and the column becomes text.
        Path file = dir.resolve("odd.csv");
        Files.writeString(file, "id,amount\n1,\"5\t\"\n2,7\n3,8\n", StandardCharsets.UTF_8);

        FileOnboarding.Result result = draft(spark, file, "odd");

        assertThat(result.yaml()).contains("the sample's validation rejected values as int", "- { name: amount,"
                + " type: string }");
        assertThat(result.remaining()).isZero();
    }

    @Test
    void aGzipSampleIsReadDecompressedAsARunReadsIt(SparkSession spark, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("stock.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("sku;qty\nA1;3\nB2;4\nC3;5\n".getBytes(StandardCharsets.UTF_8));
        }

        FileOnboarding.Result result = draft(spark, file, "stock");

        assertThat(result.yaml()).contains("extract: { path: \"stock/*.gz\", format: csv, delimiter: \";\" }",
                "- { name: sku, type: string, key: true }", "- { name: qty, type: int, nullable: false }");
        assertThat(result.rows()).isEqualTo(3);
    }

    @Test
    void anEmptySampleIsRefusedWithWhatToDo(SparkSession spark, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.csv");
        Files.writeString(file, "", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> draft(spark, file, "empty")).isInstanceOf(SluiceException.class)
                .hasMessage("the sample " + file + " holds no record to infer columns from (give a sample with data)");
    }

    private static FileOnboarding.Result draft(SparkSession spark, Path file, String dataset) {
        String ending = file.getFileName().toString().substring(file.getFileName().toString().lastIndexOf('.'));
        return FileOnboarding.draft(spark, new FileOnboarding.Request("drop", dataset, file, Optional.empty(),
                dataset + "/*" + ending, SOURCE, Set.of()));
    }

    private static void move(Path folder, Path target, String ending) {
        try (var files = Files.list(folder)) {
            Files.move(files.filter(p -> p.getFileName().toString().endsWith(ending)).findFirst().orElseThrow(),
                    target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
