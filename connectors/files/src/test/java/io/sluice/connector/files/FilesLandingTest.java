package io.sluice.connector.files;

import static io.sluice.connector.files.Fixtures.bytes;
import static io.sluice.connector.files.Fixtures.dataset;
import static io.sluice.connector.files.Fixtures.gzip;
import static io.sluice.connector.files.Fixtures.sha256;
import static io.sluice.connector.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.Connectors;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.metadata.DescriptorException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding and landing, without Spark. */
class FilesLandingTest {

    @Test
    void factoryIsFoundByServiceLoader() {
        Connectors connectors = Connectors.discover(getClass().getClassLoader());
        assertThat(connectors.types()).contains("files");
        assertThat(connectors.factory("files")).isInstanceOf(FilesConnectorFactory.class);
    }

    @Test
    void landingResolvesAgainstTheProjectAndKeepsUris(@TempDir Path project) {
        FilesConnectorFactory factory = new FilesConnectorFactory();
        FilesConnector relative = (FilesConnector) factory.create(Fixtures.source(Map.of("landing", "in/../landing")),
                Fixtures.context(project));
        assertThat(relative.connection().landing()).isEqualTo(project.resolve("landing").toUri());
        FilesConnector byDefault = (FilesConnector) factory.create(Fixtures.source(Map.of()), Fixtures.context(project));
        assertThat(byDefault.connection().landing()).isEqualTo(project.toUri());
        String abfs = "abfss://landing@acct.dfs.core.windows.net/dealer";
        FilesConnector remote = (FilesConnector) factory.create(Fixtures.source(Map.of("landing", abfs)),
                Fixtures.context(project));
        assertThat(remote.connection().landing().toString()).isEqualTo(abfs);
    }

    @Test
    void connectionRejectsUnknownKeys(@TempDir Path project) {
        assertThatThrownBy(() -> new FilesConnectorFactory().create(
                Fixtures.source(Map.of("landing", "in", "url", "jdbc:x")), Fixtures.context(project)))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("descriptors/shop.yaml:5: /connection/url: unknown field 'url' (expected one of: landing)");
    }

    @Test
    void extractDefaultsFollowRfc4180() {
        FileExtract csv = FileExtract.bind(dataset(Map.of("path", "inventory/*.csv.gz")).extract());
        assertThat(csv).isEqualTo(new FileExtract("inventory/*.csv.gz", FileFormat.CSV, true, ",", "\"", "\"",
                StandardCharsets.UTF_8, false, "", "detect", RecordSkips.none(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty()));
        FileExtract tsv = FileExtract.bind(dataset(Map.of("path", "x/*.tsv", "header", false)).extract());
        assertThat(tsv.delimiter()).isEqualTo("\t");
        assertThat(tsv.header()).isFalse();
        assertThat(FileExtract.bind(dataset(Map.of("path", "x/*", "format", "JSON")).extract()).format())
                .isEqualTo(FileFormat.JSON);
    }

    @Test
    void extractRejectsUnknownKeys() {
        assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of("path", "a/*.csv", "sheets", 1)).extract()))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("descriptors/inventory.yaml:4: /extract/sheets: unknown field 'sheets' (expected one of:"
                        + " delimiter, encoding, escape, footer_lines, format, header, layout, multiline, null_value,"
                        + " path, quote, row_tag, sheet, skip_lines, skip_records, trim)");
    }

    @Test
    void extractReportsEveryBadSettingAtOnce() {
        Map<String, Object> extract = new LinkedHashMap<>();
        extract.put("path", "../outside/*.csv");
        extract.put("encoding", "UTF-9");
        extract.put("escape", "\\\\");
        extract.put("header", "yes");
        assertThatThrownBy(() -> FileExtract.bind(dataset(extract).extract()))
                .isInstanceOf(DescriptorException.class)
                .hasMessage(String.join("\n",
                        "descriptors/inventory.yaml:5: /extract/path: '../outside/*.csv' must stay inside the landing"
                                + " folder (write a glob relative to the source's landing, without '..', e.g."
                                + " inventory/*.csv)",
                        "descriptors/inventory.yaml:10: /extract/header: expected true or false, found 'yes'",
                        "descriptors/inventory.yaml:9: /extract/escape: '\\\\' is not one character (write one"
                                + " character, e.g. '\"' for files that double their quotes)",
                        "descriptors/inventory.yaml:7: /extract/encoding: unknown encoding 'UTF-9' (expected a Java"
                                + " charset name such as UTF-8, ISO-8859-1, windows-1252)"));
    }

    @Test
    void extractNamesFormatProblems() {
        assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of("path", "a/*")).extract()))
                .hasMessage("descriptors/inventory.yaml:5: /extract/path: cannot tell the format from 'a/*' (no .csv,"
                        + " .tsv, .json, .jsonl, .parquet, .avro, .xml or .xlsx ending); add format: csv | tsv"
                        + " | json | parquet | avro | fixed_width | xml | xlsx");
        assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of("path", "a/*", "format", "xls")).extract()))
                .hasMessage("descriptors/inventory.yaml:6: /extract/format: unknown format 'xls' (expected one of:"
                        + " csv, tsv, json, parquet, avro, fixed_width, xml, xlsx)");
        assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of("path", "a/*.parquet", "delimiter", ";"))
                .extract()))
                .hasMessage("descriptors/inventory.yaml:8: /extract/delimiter: 'delimiter' applies to csv and tsv"
                        + " files only (this dataset reads parquet); remove it");
        assertThat(FileExtract.bind(dataset(Map.of("path", "a/*.csv", "encoding", "x-JIS0208")).extract())
                .encoding()).as("any JVM charset").isEqualTo(java.nio.charset.Charset.forName("x-JIS0208"));
        assertThat(FileExtract.bind(dataset(Map.of("path", "a/*.csv", "multiline", true)).extract()))
                .as("multiline is accepted and ignored").isNotNull();
        assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of("path", "a/*.csv", "delimiter", ";;")).extract()))
                .hasMessage("descriptors/inventory.yaml:8: /extract/delimiter: ';;' is not one character other than a"
                        + " line break (write the character that separates fields, e.g. ';')");
        assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of("path", "a/*.json", "encoding", "ISO-8859-1"))
                .extract()))
                .hasMessage("descriptors/inventory.yaml:7: /extract/encoding: json lines must be UTF-8, found"
                        + " 'ISO-8859-1'; convert the files or remove the setting");
        assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of()).extract()))
                .hasMessage("descriptors/inventory.yaml:4: /extract: missing required field 'path'");
    }

    @Test
    void landsBytesUnchangedWithManifestValues(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        byte[] monday = "sku,qty\r\nA,1\r\n\r\nB,2".getBytes(StandardCharsets.UTF_8);
        byte[] tuesday = gzip("sku,qty\nC,3\n");
        write(landing.resolve("inventory/2026-11-23.csv"), monday);
        write(landing.resolve("inventory/2026-11-24.csv.gz"), tuesday);
        write(landing.resolve("inventory/2026-11-25.csv.part"), "sku,qty\nD,4\n");
        write(landing.resolve("inventory/_SUCCESS"), "");
        write(landing.resolve("inventory/.2026-11-23.csv.crc"), "x");
        write(landing.resolve("other/2026-11-23.csv"), "sku,qty\nZ,9\n");

        Path raw = dir.resolve("raw/run=1");
        LandedBatch batch = Fixtures.land(Fixtures.connector(landing),
                dataset(Map.of("path", "inventory/*.csv*", "format", "csv")), raw);

        assertThat(batch.files()).containsExactly(
                new LandedFile(new org.apache.hadoop.fs.Path(landing.resolve("inventory/2026-11-23.csv").toUri())
                        .toString(), new org.apache.hadoop.fs.Path(raw.resolve("2026-11-23.csv").toUri()).toString(),
                        monday.length, sha256(monday), 2, List.of("sku", "qty")),
                new LandedFile(new org.apache.hadoop.fs.Path(landing.resolve("inventory/2026-11-24.csv.gz").toUri())
                        .toString(), new org.apache.hadoop.fs.Path(raw.resolve("2026-11-24.csv.gz").toUri())
                        .toString(), tuesday.length, sha256(tuesday), 1, List.of("sku", "qty")));
        assertThat(bytes(raw.resolve("2026-11-23.csv"))).isEqualTo(monday);
        assertThat(bytes(raw.resolve("2026-11-24.csv.gz"))).isEqualTo(tuesday);
        assertThat(raw.toFile().list()).containsExactlyInAnyOrder("2026-11-23.csv", "2026-11-24.csv.gz",
                ".2026-11-23.csv.crc", ".2026-11-24.csv.gz.crc");
    }

    @Test
    void skipsBytesLandedBeforeButNotANameLandedBefore(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        write(landing.resolve("a.csv"), "sku\nA\n");
        write(landing.resolve("b.csv"), "sku\nA\n");
        write(landing.resolve("c.csv"), "sku\nC\n");
        String earlier = sha256("sku\nC\n".getBytes(StandardCharsets.UTF_8));
        write(landing.resolve("d.csv"), "sku\nD\n");

        Path raw = dir.resolve("raw");
        LandedBatch batch = Fixtures.connector(landing).bind(dataset(Map.of("path", "*.csv"))).land(
                Fixtures.target(raw, Set.of(earlier, sha256("sku\nold-d\n".getBytes(StandardCharsets.UTF_8)))));

        assertThat(batch.files()).extracting(f -> Path.of(java.net.URI.create(f.path())).getFileName().toString())
                .containsExactly("a.csv", "d.csv");
        assertThat(Arrays.stream(raw.toFile().list()).filter(n -> !n.startsWith(".")).sorted()).containsExactly(
                "a.csv", "d.csv");
    }

    @Test
    void equalNamesFromSubFoldersGetDistinctNames(@TempDir Path dir) throws Exception {
        Path landing = dir.resolve("landing");
        write(landing.resolve("north/stock.csv"), "sku\nN\n");
        write(landing.resolve("south/stock.csv"), "sku\nS\n");
        Path raw = dir.resolve("raw");
        LandedBatch batch = Fixtures.land(Fixtures.connector(landing), dataset(Map.of("path", "*/stock.csv")), raw);
        assertThat(batch.files()).extracting(LandedFile::records).containsExactly(1L, 1L);
        assertThat(Files.readString(raw.resolve("stock.csv"))).isEqualTo("sku\nN\n");
        assertThat(Files.readString(raw.resolve("south_stock.csv"))).isEqualTo("sku\nS\n");
    }

    @Test
    void nothingMatchedLandsNothing(@TempDir Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("landing"));
        LandedBatch batch = Fixtures.land(Fixtures.connector(dir.resolve("landing")),
                dataset(Map.of("path", "none/*.csv")), dir.resolve("raw"));
        assertThat(batch.isEmpty()).isTrue();
    }

    @Test
    void aLandingFolderThatIsNotThereIsASourceErrorNotNothingNew(@TempDir Path dir) {
        assertThatThrownBy(() -> Fixtures.land(Fixtures.connector(dir.resolve("landing")),
                dataset(Map.of("path", "none/*.csv")), dir.resolve("raw")))
                .isInstanceOfSatisfying(io.sluice.metadata.SluiceException.class,
                        e -> assertThat(e.category()).isEqualTo(io.sluice.metadata.ErrorCategory.SOURCE))
                .hasMessage("shop.inventory: the landing folder " + dir.resolve("landing").toUri().toString()
                        .replaceAll("/$", "").replace("file:///", "file:/") + " does not exist; check the source's"
                        + " connection.landing, or that the share is mounted");
    }

    @Test
    void countsTheRecordsOfTheParserThatReadsThem(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        // BOM, empty lines before the header, CR-only endings, a whitespace-only line and a NUL line (records),
        // an unterminated quote (an error record ending at its first line break), no final newline
        byte[] csv = ("\uFEFF\n\r\nsku,\"q,ty\"\rA,1\r \t\r\u0000junk\rB,\"2\nC,3").getBytes(StandardCharsets.UTF_8);
        write(landing.resolve("x.csv"), csv);
        LandedFile file = Fixtures.land(Fixtures.connector(landing), dataset(Map.of("path", "*.csv")),
                dir.resolve("raw")).files().get(0);
        assertThat(file.fields()).containsExactly("sku", "q,ty");
        assertThat(file.records()).isEqualTo(5);
    }

    @Test
    void aTruncatedGzipIsLandedAndTheBatchRejected(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        StringBuilder text = new StringBuilder("sku,qty\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("A").append(i * 7919L % 100_003).append(',').append(i * 31L % 977).append('\n');
        }
        byte[] whole = gzip(text.toString());
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        write(landing.resolve("cut.csv.gz"), truncated);
        write(landing.resolve("sound.csv"), "sku,qty\nA,1\n");
        FilesConnector connector = Fixtures.connector(landing);
        Path raw = dir.resolve("raw");
        LandedBatch batch = Fixtures.land(connector, dataset(Map.of("path", "*.csv*", "format", "csv")), raw);

        assertThat(batch.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(batch.files()).hasSize(2);
        LandedFile file = batch.files().get(0);
        assertThat(bytes(raw.resolve("cut.csv.gz"))).isEqualTo(truncated);
        assertThat(file.sha256()).isEqualTo(sha256(truncated));
        assertThat(batch.reason()).hasValue(file.origin() + " cannot be read as csv in UTF-8: EOFException:"
                + " Unexpected end of input stream");
    }

    @Test
    void aRefusedBatchIsCountedAgainUnderTheFixedDescriptor(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        write(landing.resolve("latin.csv"), "id,name\n1,Schraube gro\u00df\n2,\u00e9crou\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        FilesConnector connector = Fixtures.connector(landing);
        LandedBatch refused = Fixtures.land(connector, dataset(Map.of("path", "*.csv")), dir.resolve("raw"));
        assertThat(refused.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(refused.reason().orElseThrow()).endsWith("latin.csv cannot be read as csv in UTF-8: bytes at"
                + " offset 22 are not valid UTF-8 (malformed input of 1 byte(s)), on line 2");

        LandedBatch fixed = connector.bind(dataset(Map.of("path", "*.csv", "encoding", "ISO-8859-1"))).recount(refused,
                new org.apache.hadoop.conf.Configuration());
        LandedBatch still = connector.bind(dataset(Map.of("path", "*.csv"))).recount(refused,
                new org.apache.hadoop.conf.Configuration());

        assertThat(fixed.status()).isEqualTo(LandedBatch.Status.LANDED);
        assertThat(fixed.files()).singleElement().satisfies(f -> {
            assertThat(f.records()).isEqualTo(2);
            assertThat(f.fields()).containsExactly("id", "name");
            assertThat(f.sha256()).isEqualTo(refused.files().get(0).sha256());
            assertThat(f.path()).isEqualTo(refused.files().get(0).path());
        });
        assertThat(still.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(still.reason()).isEqualTo(refused.reason());
    }

    @Test
    void aFileWithAUtf16ByteOrderMarkWhereUtf8IsDeclaredIsRefusedNamingTheEncoding(@TempDir Path dir) {
        Path landing = dir.resolve("landing");
        // Java's UTF-16 encoder writes the big-endian mark FE FF; the little-endian mark FF FE is written by hand
        write(landing.resolve("be.csv"), "sku,qty\nA,1\nB,2\n".getBytes(StandardCharsets.UTF_16));
        byte[] littleEndian = "{\"sku\": \"A\"}\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] marked = new byte[littleEndian.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(littleEndian, 0, marked, 2, littleEndian.length);
        write(landing.resolve("le.json"), marked);
        FilesConnector connector = Fixtures.connector(landing);

        LandedBatch csv = Fixtures.land(connector, dataset(Map.of("path", "*.csv")), dir.resolve("raw/csv"));
        LandedFile be = csv.files().get(0);
        assertThat(bytes(dir.resolve("raw/csv/be.csv"))).isEqualTo(bytes(landing.resolve("be.csv")));
        assertThat(csv.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(csv.reason()).hasValue(be.origin() + " cannot be read as csv in UTF-8: it starts with a UTF-16"
                + " byte-order mark, but the extract declares UTF-8; declare 'encoding: UTF-16' in the extract, or"
                + " have it delivered in UTF-8");

        Map<String, Object> json = Map.of("path", "*.json", "format", "json");
        LandedBatch lines = Fixtures.land(connector, dataset(json), dir.resolve("raw/json"));
        assertThat(lines.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(lines.reason().orElseThrow()).endsWith("it starts with a UTF-16 byte-order mark, but"
                + " the extract declares UTF-8; have it delivered in UTF-8 (json lines must be UTF-8)");

        Map<String, Object> declared = Map.of("path", "*.csv", "encoding", "UTF-16");
        LandedBatch right = Fixtures.land(connector, dataset(declared), dir.resolve("raw/declared"));
        assertThat(right.status()).isEqualTo(LandedBatch.Status.LANDED);
        assertThat(right.files()).singleElement().satisfies(f -> {
            assertThat(f.records()).isEqualTo(2);
            assertThat(f.fields()).containsExactly("sku", "qty");
        });
    }
}
