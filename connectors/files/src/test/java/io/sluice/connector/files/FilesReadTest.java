package io.sluice.connector.files;

import static io.sluice.connector.files.Fixtures.dataset;
import static io.sluice.connector.files.Fixtures.gzip;
import static io.sluice.connector.files.Fixtures.write;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.RawColumns;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Landing then reading with Spark: the rows, their bookkeeping columns, and counts that agree. */
@ExtendWith(SparkExtension.class)
class FilesReadTest {

    /** Lands everything under {@code dir/landing}, reads it back, and checks the landed count against Spark's. */
    private static List<String> landAndRead(SparkSession spark, Path dir, DatasetSpec dataset) {
        return Fixtures.landAndRender(spark, dir, dataset, RecordCounter.SPLIT_EVERY);
    }

    @Test
    void csvQuotingEscapesGzipAndCorruptRecords(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/in/a.csv"), String.join("\n",
                "sku,name,qty",
                "A1,\"Bolt, large\",3",
                "A2,\"say \"\"hi\"\"\",",
                "A3,too,many,fields",
                "A4,few",
                "A5,\"unclosed,7",
                "A6,plain,8") + "\n");
        write(dir.resolve("landing/in/b.csv.gz"), gzip("sku,name,qty\r\nB1,gz,1\r\nB2,gz,2\r\n"));

        List<String> rows = landAndRead(spark, dir, dataset(Map.of("path", "in/*", "format", "csv")));

        assertThat(rows).containsExactly(
                "sku|name|qty|_source_file|_line|_corrupt_record|_skipped",
                "A1|Bolt, large|3|a.csv|2|null|null",
                "A2|say \"hi\"|null|a.csv|3|null|null",
                "A3|too|many|a.csv|4|A3,too,many,fields|null",
                "A4|few|null|a.csv|5|A4,few|null",
                "null|null|null|a.csv|6|A5,\"unclosed,7|null",
                "A6|plain|8|a.csv|7|null|null",
                "B1|gz|1|b.csv.gz|2|null|null",
                "B2|gz|2|b.csv.gz|3|null|null");
    }

    @Test
    void corruptRecordsDoNotDependOnTheColumnsQueried(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/a.csv"), "sku,qty\nA,1\nB,2,3\n");
        DatasetSpec dataset = dataset(Map.of("path", "*.csv"));
        FilesConnector connector = Fixtures.connector(dir.resolve("landing"));
        Dataset<Row> df = connector.bind(dataset).read(spark, Fixtures.land(connector, dataset, dir.resolve("raw")));
        assertThat(df.filter(col(RawColumns.CORRUPT_RECORD).isNotNull()).select(RawColumns.CORRUPT_RECORD)
                .collectAsList()).extracting(r -> r.getString(0)).containsExactly("B,2,3");
        assertThat(df.filter(col(RawColumns.CORRUPT_RECORD).isNotNull()).select("sku", RawColumns.LINE)
                .collectAsList()).extracting(Row::toString).containsExactly("[B,3]");
    }

    @Test
    void quotedLineBreaksDoubledQuotesAndLatin1(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/notes.csv"), ("id;note\n1;\"two\nlines\"\n2;\"a \"\"quoted\"\" ort\"\n"
                + "3;Z\u00fcrich\n").getBytes(StandardCharsets.ISO_8859_1));

        List<String> rows = landAndRead(spark, dir, dataset(Map.of("path", "*.csv", "delimiter", ";",
                "encoding", "ISO-8859-1")));

        assertThat(rows).containsExactly(
                "id|note|_source_file|_line|_corrupt_record|_skipped",
                "1|two\nlines|notes.csv|2|null|null",
                "2|a \"quoted\" ort|notes.csv|4|null|null",
                "3|Z\u00fcrich|notes.csv|5|null|null");
    }

    @Test
    void tsvWithoutHeaderUsesDeclaredColumnsAndEmptyLinesAreNoRecords(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/s.tsv"), "x\t1\n\ny\t2\t9\n");

        List<String> rows = landAndRead(spark, dir, dataset(Map.of("path", "*.tsv", "header", false),
                "code", "amount"));

        assertThat(rows).containsExactly(
                "code|amount|_source_file|_line|_corrupt_record|_skipped",
                "x|1|s.tsv|1|null|null",
                "y|2|s.tsv|3|y\t2\t9|null");
    }

    @Test
    void withoutHeaderTheFieldsAreNamedAsTheSourceNamesThem(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/s.csv"), "x,1\n");
        ColumnType text = ColumnType.of(ColumnType.Kind.STRING);
        DatasetSpec dataset = dataset(Map.of("path", "*.csv", "header", false), List.of(
                ColumnSpec.of("code", text, true).withFrom("Code #"), ColumnSpec.of("amount", text, true)));

        assertThat(landAndRead(spark, dir, dataset)).containsExactly(
                "Code #|amount|_source_file|_line|_corrupt_record|_skipped",
                "x|1|s.csv|1|null|null");
    }

    @Test
    void changedHeaderIsUnitedByName(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/1.csv"), "sku,qty\nA,1\n");
        write(dir.resolve("landing/2.csv"), "qty,sku,price\n2,B,9.5\n");

        List<String> rows = landAndRead(spark, dir, dataset(Map.of("path", "*.csv")));

        assertThat(rows).containsExactly(
                "sku|qty|price|_source_file|_line|_corrupt_record|_skipped",
                "A|1|null|1.csv|2|null|null",
                "B|2|9.5|2.csv|2|null|null");
    }

    @Test
    void jsonLinesAreReadAsTextAndUndeclaredKeysAreColumns(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/e.jsonl"), "{\"id\": 1, \"price\": 1.50, \"extra\": true}\n\n"
                + "{\"id\": \"2\", \"price\": null}\n{broken\n");

        List<String> rows = landAndRead(spark, dir, dataset(Map.of("path", "*.jsonl"), "id", "price"));

        assertThat(rows).containsExactly(
                "id|price|extra|_json_kinds|_source_file|_line|_corrupt_record|_skipped",
                "1|1.50|true|Map(id -> number, price -> number, extra -> boolean)|e.jsonl|1|null|null",
                "2|null|null|Map()|e.jsonl|3|null|null",
                "null|null|null|Map()|e.jsonl|4|{broken|null");
    }

    @Test
    void sourceFileIsTheLandedNameAsWrittenNotUriEncoded(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/in/stock 2026+11 (v2)%.csv"), "sku,qty\nA,1\nB,2\n");
        write(dir.resolve("landing/in/plain.csv"), "sku,qty\nC,3\n");

        List<String> rows = landAndRead(spark, dir, dataset(Map.of("path", "in/*.csv", "format", "csv")));

        assertThat(rows).containsExactly(
                "sku|qty|_source_file|_line|_corrupt_record|_skipped",
                "C|3|plain.csv|2|null|null",
                "A|1|stock 2026+11 (v2)%.csv|2|null|null",
                "B|2|stock 2026+11 (v2)%.csv|3|null|null");
    }

    @Test
    void parquetAndAvroKeepTheirTypes(SparkSession spark, @TempDir Path dir) throws IOException {
        Dataset<Row> data = spark.range(0, 5).selectExpr("id", "cast(id * 1.5 as double) AS price")
                .coalesce(1);
        data.write().parquet(dir.resolve("w/p").toString());
        data.write().format("avro").save(dir.resolve("w/a").toString());
        copyPart(dir.resolve("w/p"), ".parquet", dir.resolve("landing/x.parquet"));
        copyPart(dir.resolve("w/a"), ".avro", dir.resolve("landing/x.avro"));

        assertThat(landAndRead(spark, dir, dataset(Map.of("path", "*.parquet")))).containsExactly(
                "id|price|_source_file|_line|_corrupt_record|_skipped",
                "0|0.0|x.parquet|1|null|null", "1|1.5|x.parquet|2|null|null", "2|3.0|x.parquet|3|null|null",
                "3|4.5|x.parquet|4|null|null", "4|6.0|x.parquet|5|null|null");
        assertThat(landAndRead(spark, dir, dataset(Map.of("path", "*.avro")))).containsExactly(
                "id|price|_source_file|_line|_corrupt_record|_skipped",
                "0|0.0|x.avro|1|null|null", "1|1.5|x.avro|2|null|null", "2|3.0|x.avro|3|null|null",
                "3|4.5|x.avro|4|null|null", "4|6.0|x.avro|5|null|null");
    }

    private static void copyPart(Path folder, String ending, Path to) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            Path part = files.filter(p -> p.getFileName().toString().endsWith(ending)).findFirst().orElseThrow();
            Files.createDirectories(to.getParent());
            Files.copy(part, to);
        }
    }

    @Test
    void jsonRecordsAreNumberedByThePhysicalLineTheyStartOnInEveryFile(SparkSession spark, @TempDir Path dir) {
        // "line" holds what _line must say: blank lines and lines of spaces are no records but are lines
        StringBuilder text = new StringBuilder("\r\n");
        String[] breaks = {"\n", "\r\n", "\r"};
        int line = 2;
        for (int record = 1; record <= 300; record++) {
            text.append(json(line++, "mixed")).append(breaks[record % 3]);
            if (record % 7 == 0) {
                text.append("  \t").append(breaks[(record / 7) % 3]);
                line++;
            }
            if (record % 11 == 0) {
                text.append("\r\n");
                line++;
            }
        }
        write(dir.resolve("landing/mixed breaks.jsonl"), text.toString());
        write(dir.resolve("landing/g.jsonl.gz"), gzip(json(1, "g") + "\n\n" + json(3, "g") + "\n"));
        DatasetSpec dataset = dataset(Map.of("path", "*.jsonl*", "format", "json"), "line", "file");
        FilesConnector connector = Fixtures.connector(dir.resolve("landing"));
        LandedBatch batch = Fixtures.land(connector, dataset, dir.resolve("raw zone"));
        assertThat(batch.records()).isEqualTo(302);
        Dataset<Row> df = connector.bind(dataset).read(spark, batch);
        assertThat(df.count()).isEqualTo(302);
        assertThat(misnumbered(df)).isZero();
        assertThat(df.select(RawColumns.SOURCE_FILE).distinct().collectAsList()).extracting(r -> r.getString(0))
                .containsExactlyInAnyOrder("mixed breaks.jsonl", "g.jsonl.gz");
    }

    private static String json(int line, String file) {
        return "{\"line\": \"" + line + "\", \"file\": \"" + file + "\"}";
    }

    /** Rows whose {@code _line} is not the line their column {@code line} says, or is missing. */
    private static long misnumbered(Dataset<Row> df) {
        return df.filter(col("line").cast("long").notEqual(col(RawColumns.LINE)).or(col(RawColumns.LINE).isNull()))
                .count();
    }

    @Test
    void aJsonRecordWithTwoKeysForOneColumnIsACorruptRecordNotAChoice(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/k.jsonl"), "{\"id\": \"1\", \"ID\": \"2\"}\n{\"Id\": \"3\"}\n");

        List<String> rows = landAndRead(spark, dir, dataset(Map.of("path", "*.jsonl"), "id"));

        assertThat(rows).containsExactly(
                "id|_json_kinds|_source_file|_line|_corrupt_record|_skipped",
                "null|Map()|k.jsonl|1|{\"id\": \"1\", \"ID\": \"2\"}|null",
                "3|Map()|k.jsonl|2|null|null");
    }

    @Test
    void aLargeCsvFileIsReadByOneTaskPerPartBetweenTheLandingsMarks(SparkSession spark, @TempDir Path dir) {
        StringBuilder text = new StringBuilder("line,note\r\n");
        int line = 2;
        for (int record = 0; record < 500; record++) {
            String note = record % 9 == 0 ? "\"two\r\nlines, \u00e9\"" : "plain \u6771";
            text.append(line).append(',').append(note).append(record % 4 == 0 ? "\n" : "\r\n");
            line += record % 9 == 0 ? 2 : 1;
            if (record % 13 == 0) {
                text.append("\n");
                line++;
            }
        }
        write(dir.resolve("landing/large.csv"), text.toString());
        DatasetSpec dataset = dataset(Map.of("path", "*.csv"));
        FilesConnector connector = new FilesConnector(Fixtures.connector(dir.resolve("landing")).connection(), 400);
        LandedBatch batch = Fixtures.land(connector, dataset, dir.resolve("raw"));
        assertThat(LineMark.of(batch.files().get(0))).hasSizeGreaterThan(10);

        Dataset<Row> df = connector.bind(dataset).read(spark, batch);

        assertThat(df.rdd().getNumPartitions()).isEqualTo(LineMark.of(batch.files().get(0)).size() + 1);
        assertThat(df.count()).isEqualTo(500);
        assertThat(misnumbered(df)).isZero();
        assertThat(df.filter(col(RawColumns.CORRUPT_RECORD).isNotNull()).count()).isZero();
    }

    @Test
    void garbageAvroIsLandedAndTheBatchRejected(@TempDir Path dir) {
        write(dir.resolve("landing/bad.avro"), "not avro at all");
        FilesConnector connector = Fixtures.connector(dir.resolve("landing"));
        DatasetSpec dataset = dataset(Map.of("path", "*.avro"));
        LandedBatch batch = Fixtures.land(connector, dataset, dir.resolve("raw"));
        assertThat(batch.files()).singleElement().extracting(f -> f.records()).isEqualTo(0L);
        assertThat(batch.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(batch.reason().orElseThrow()).startsWith(batch.files().get(0).origin() + " cannot be read as avro: ");
    }
}
