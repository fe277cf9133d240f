package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.connector.RawColumns;
import io.sluice.connector.files.CsvTables.Mutation;
import io.sluice.connector.files.CsvTables.Table;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * End to end through {@link FilesConnector#land} and {@link FilesConnector#read} with real Spark: batches of
 * generated CSV files (some mutated) land either as a rejected batch, or with counts equal to the rows Spark reads;
 * an unmutated file's rows are exactly its generated table, united with the other files by column name, also
 * when the files are read in parts starting at the landing's marks.
 */
class FilesCsvEndToEndPropertiesTest {
    private static SparkSession spark;

    /** The JVM's one test session (shared with the JUnit tests' {@code SparkExtension} when it made it first). */
    private static synchronized SparkSession spark() {
        if (spark == null || spark.sparkContext().isStopped()) {
            spark = TestSpark.builder().getOrCreate();
        }
        return spark;
    }

    @AfterContainer
    static void forget() {
        spark = null;
    }

    /** A delivered file: its table (fields named c0, c1, …) and what is done to its bytes. */
    record Delivery(Table table, Mutation mutation, long seed) {
    }

    @Provide
    Arbitrary<List<Delivery>> batches() {
        Arbitrary<Mutation> mutations = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Mutation.NONE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(Mutation.class)));
        Arbitrary<Delivery> delivery = net.jqwik.api.Combinators.combine(CsvTables.tables(), mutations,
                Arbitraries.longs()).as((t, m, s) -> new Delivery(named(t), m, s));
        return delivery.list().ofMinSize(1).ofMaxSize(3);
    }

    private static Table named(Table t) {
        List<String> names = IntStream.range(0, t.width()).mapToObj(i -> "c" + i).toList();
        return new Table(',', names, t.rows());
    }

    @Property(tries = 25, seed = "2026")
    void landedCountsEqualTheRowsReadAndSoundFilesArriveUnaltered(@ForAll("batches") List<Delivery> batch)
            throws IOException {
        Path dir = Files.createTempDirectory("sluice-e2e");
        try {
            List<byte[]> written = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Delivery d = batch.get(i);
                Random random = new Random(d.seed());
                byte[] bytes = CsvTables.mutate(CsvTables.write(d.table(), random), d.mutation(), ',', random);
                written.add(bytes);
                Fixtures.write(dir.resolve("landing/f" + i + ".csv"), bytes);
            }
            DatasetSpec dataset = Fixtures.dataset(Map.of("path", "*.csv"), "c0");
            // parts of a few bytes: most files are read by several tasks, each starting at a landing's mark
            long splitEvery = 1 + Math.floorMod(batch.get(0).seed(), 48);
            FilesConnector connector = new FilesConnector(Fixtures.connector(dir.resolve("landing")).connection(),
                    splitEvery);
            LandedBatch landed = Fixtures.land(connector, dataset, dir.resolve("raw"));

            assertThat(landed.files()).hasSize(batch.size());
            if (landed.status() == LandedBatch.Status.REJECTED) {
                assertThat(batch).as("only a mutated delivery is refused").anyMatch(d -> d.mutation() != Mutation.NONE);
                return;
            }
            List<Row> rows = connector.bind(dataset).read(spark(), landed).collectAsList();
            assertThat((long) rows.size()).as("rows read = records landed").isEqualTo(landed.records());
            for (int i = 0; i < batch.size(); i++) {
                LandedFile file = landed.files().get(i);
                String name = Path.of(file.path().replace("file:", "")).getFileName().toString();
                List<Row> own = rows.stream().filter(r -> name.equals(r.getAs(RawColumns.SOURCE_FILE)))
                        .sorted(Comparator.comparingLong(r -> r.<Long>getAs(RawColumns.LINE))).toList();
                assertThat((long) own.size()).as("rows of " + name).isEqualTo(file.records());
                assertThat(own).extracting(r -> r.<Long>getAs(RawColumns.LINE)).doesNotHaveDuplicates();
                // the parts read in tasks are the records of the file read whole, line for line
                List<TextRecord> whole = wholeFile(written.get(i));
                assertThat(own).extracting(r -> r.<Long>getAs(RawColumns.LINE))
                        .containsExactlyElementsOf(whole.stream().map(TextRecord::line).toList());
                for (int r = 0; r < whole.size(); r++) {
                    if (!whole.get(r).isWellFormed()) {
                        assertThat(own.get(r).<String>getAs(RawColumns.CORRUPT_RECORD)).isEqualTo(whole.get(r).text());
                    }
                }
                if (batch.get(i).mutation() == Mutation.NONE) {
                    Table table = batch.get(i).table();
                    assertThat(file.fields()).isEqualTo(table.header());
                    assertThat(own).extracting(r -> fields(r, table.width())).containsExactlyElementsOf(table.rows());
                    assertThat(own).allSatisfy(r -> assertThat(r.<String>getAs(RawColumns.CORRUPT_RECORD)).isNull());
                }
            }
        } finally {
            delete(dir);
        }
    }

    private static List<TextRecord> wholeFile(byte[] bytes) throws IOException {
        try (CsvRecords parser = CsvRecords.open(new java.io.ByteArrayInputStream(bytes),
                java.nio.charset.StandardCharsets.UTF_8, new CsvRecords.Syntax(',', '"', '"', ""), true)) {
            List<TextRecord> out = new ArrayList<>();
            for (TextRecord r = parser.next(); r != null; r = parser.next()) {
                out.add(r);
            }
            return out;
        }
    }

    private static List<String> fields(Row row, int width) {
        return Arrays.asList(IntStream.range(0, width).mapToObj(i -> row.<String>getAs("c" + i)).toArray(String[]::new));
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
