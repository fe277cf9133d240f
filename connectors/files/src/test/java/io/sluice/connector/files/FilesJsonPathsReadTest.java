package io.sluice.connector.files;

import static io.sluice.connector.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.RawColumns;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import io.sluice.metadata.WriteMode;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns declared by JSON path ({@code from: address.city}), landed then read with Spark: each path is a raw
 * column named as written, holding the value's text, with its kind in {@code _json_kinds}; landing and reading
 * agree in both layouts.
 */
@ExtendWith(SparkExtension.class)
class FilesJsonPathsReadTest {

    private static final String RECORDS = String.join("\n",
            "{\"id\": 1, \"address\": {\"city\": \"Lyon\", \"zip\": 69001}, \"tags\": [\"new\", 7], \"extra\": true}",
            "{\"id\": 2, \"address\": {\"city\": null}, \"tags\": []}",
            "{\"id\": 3, \"address\": \"unknown\", \"tags\": {\"0\": \"x\"}}",
            "{\"id\": 4, \"address\": {\"city\": {\"name\": \"Paris\"}, \"zip\": \"75001\"}, \"tags\": [[1, 2.50]]}",
            "{broken");

    /** A dataset of string columns, each {@code "name=from"} or a plain name. */
    static DatasetSpec dataset(Map<String, Object> extract, String... columns) {
        Origin origin = new Origin(Fixtures.DATASET_FILE, 1, Map.of("", 1, "/schema", 12, "/schema/0/from", 14,
                "/schema/1/from", 16, "/schema/2/from", 18));
        List<ColumnSpec> specs = new ArrayList<>();
        for (String c : columns) {
            String[] parts = c.split("=", 2);
            ColumnSpec spec = ColumnSpec.of(parts[0], ColumnType.of(ColumnType.Kind.STRING), true);
            specs.add(parts.length == 2 ? spec.withFrom(parts[1]) : spec);
        }
        return new DatasetSpec("inventory", "shop", Optional.empty(), Optional.empty(), List.of(),
                new Options(extract, origin, "/extract"), specs, List.of(), DriftPolicy.FAIL, WriteMode.APPEND, 0.0,
                origin);
    }

    private static List<String> landAndRead(SparkSession spark, Path dir, DatasetSpec dataset) {
        FilesConnector connector = Fixtures.connector(dir.resolve("landing"));
        LandedBatch batch = Fixtures.land(connector, dataset, dir.resolve("raw"));
        Dataset<Row> df = connector.bind(dataset).read(spark, batch);
        List<Row> rows = df.orderBy(RawColumns.SOURCE_FILE, RawColumns.LINE).collectAsList();
        assertThat((long) rows.size()).as("records counted while landing").isEqualTo(batch.records());
        String header = Arrays.stream(df.columns()).filter(c -> !c.equals(RawColumns.SOURCE_FILE))
                .collect(Collectors.joining("|"));
        return Stream.concat(Stream.of(header), rows.stream().map(row ->
                Arrays.stream(row.schema().fieldNames()).filter(f -> !f.equals(RawColumns.SOURCE_FILE))
                        .map(f -> String.valueOf(row.<Object>getAs(f))).collect(Collectors.joining("|"))))
                .toList();
    }

    @Test
    void declaredPathsAreColumnsNamedAsWrittenWithTheirValuesAndKinds(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/a.jsonl"), RECORDS + "\n");

        List<String> rows = landAndRead(spark, dir, dataset(Map.of("path", "*.jsonl"),
                "id", "city=address.city", "first_tag=tags[0]", "zip=address.zip", "second=tags[0][1]"));

        assertThat(rows).containsExactly(
                // address and tags are read by the paths: not columns; extra is undeclared: a column, for drift
                "id|address.city|tags[0]|address.zip|tags[0][1]|extra|_json_kinds|_line|_corrupt_record",
                "1|Lyon|new|69001|null|true|Map(id -> number, address.zip -> number, extra -> boolean)|1|null",
                // a JSON null and a missing element are both null
                "2|null|null|null|null|null|Map(id -> number)|2|null",
                // a key into a string and an index into an object lead nowhere: missing, not an error
                "3|null|null|null|null|null|Map(id -> number)|3|null",
                "4|{\"name\":\"Paris\"}|[1,2.50]|75001|2.50|null"
                        + "|Map(id -> number, address.city -> object, tags[0] -> array, tags[0][1] -> number)|4|null",
                "null|null|null|null|null|null|Map()|5|{broken");
    }

    @Test
    void anArrayFileGivesTheSameColumnsAndValuesAsJsonLines(SparkSession spark, @TempDir Path dir) {
        List<String> records = Arrays.asList(RECORDS.split("\n")).subList(0, 4);
        write(dir.resolve("lines/landing/a.jsonl"), String.join("\n", records) + "\n");
        write(dir.resolve("array/landing/a.json"), "[\n" + String.join(",\n", records) + "\n]\n");
        String[] columns = {"id", "city=address.city", "first_tag=tags[0]", "zip=address.zip", "second=tags[0][1]"};

        List<String> lines = landAndRead(spark, dir.resolve("lines"), dataset(Map.of("path", "*.jsonl"), columns));
        List<String> array = landAndRead(spark, dir.resolve("array"), dataset(Map.of("path", "*.json"), columns));

        assertThat(array).hasSameSizeAs(lines).hasSize(5);
        assertThat(array.get(0)).isEqualTo(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            // the array's elements start one line further down, after its '['
            assertThat(array.get(i)).isEqualTo(lines.get(i).replaceFirst("\\|" + i + "\\|null$", "|" + (i + 1)
                    + "|null"));
        }
        assertThat(array.get(4)).endsWith(", tags[0][1] -> number)|5|null");
    }

    @Test
    void aKeyHoldingADotIsReadInBackquotesAndTheLiteralKeyNeverFillsThePathColumn(SparkSession spark,
                                                                                  @TempDir Path dir) {
        write(dir.resolve("landing/d.jsonl"), String.join("\n",
                "{\"a.b\": \"literal\", \"a\": {\"b\": \"nested\"}, \"c.d\": {\"e\": 5}}",
                "{\"a.b\": \"only literal\"}") + "\n");

        List<String> rows = landAndRead(spark, dir, dataset(Map.of("path", "*.jsonl"),
                "nested=a.b", "literal=`a.b`", "e=`c.d`.e"));

        assertThat(rows).containsExactly(
                "a.b|`a.b`|`c.d`.e|_json_kinds|_line|_corrupt_record",
                "nested|literal|5|Map(`c.d`.e -> number)|1|null",
                "null|only literal|null|Map()|2|null");
    }

    @Test
    void aTopLevelKeyDeclaredWithADifferentCaseIsStillItsColumn(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("paths/landing/c.jsonl"), "{\"ID\": 7, \"Address\": {\"City\": \"Nice\"}, \"X\": 1}\n");

        List<String> paths = landAndRead(spark, dir.resolve("paths"), dataset(Map.of("path", "*.jsonl"), "id",
                "city=address.City"));
        write(dir.resolve("keys/landing/c.jsonl"), "{\"ID\": 7, \"Address\": {\"City\": \"Nice\"}, \"X\": 1}\n");
        List<String> keys = landAndRead(spark, dir.resolve("keys"), dataset(Map.of("path", "*.jsonl"), "id",
                "address"));

        assertThat(paths).containsExactly(
                "id|address.City|X|_json_kinds|_line|_corrupt_record",
                "7|Nice|1|Map(id -> number, X -> number)|1|null");
        // declared top-level keys only (no path is evaluated)
        assertThat(keys).containsExactly(
                "id|address|X|_json_kinds|_line|_corrupt_record",
                "7|{\"City\":\"Nice\"}|1|Map(id -> number, address -> object, X -> number)|1|null");
    }

    @Test
    void aSourceNameThatIsNotAPathIsADescriptorErrorBeforeAnythingIsLanded(@TempDir Path dir) {
        FilesConnector connector = Fixtures.connector(dir.resolve("landing"));
        DatasetSpec dataset = dataset(Map.of("path", "*.jsonl"), "id=a..b", "tag=tags[x]", "c=a.b", "d=A.B");

        assertThatThrownBy(() -> connector.bind(dataset))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("descriptors/inventory.yaml:14: /schema/0/from: 'a..b' is not a JSON path: expected a"
                        + " key at position 3, found '.'" + HOW + "\n"
                        + "descriptors/inventory.yaml:16: /schema/1/from: 'tags[x]' is not a JSON path: '[x]' at"
                        + " position 5 is not an index (expected [n], n a whole number such as 0 or 12 without sign or"
                        + " leading zero)" + HOW + "\n"
                        + "descriptors/inventory.yaml:12: /schema/3/from: 'A.B' and 'a.b' (/schema/2) differ only in"
                        + " case, below their first key: they are different paths, but would be one raw column"
                        + " (column names are compared ignoring case); write the key as the source spells it");
        // CSV header texts are not paths
        assertThat(connector.bind(dataset(Map.of("path", "*.csv"), "price=Price [EUR]"))).isNotNull();
    }

    private static final String HOW = " (write keys separated by dots and [n] for the n-th element of an array from"
            + " 0, e.g. address.city or tags[0]; write a key that holds a dot, a bracket or a backquote in backquotes,"
            + " a backquote doubled, e.g. `a.b`.c)";
}
