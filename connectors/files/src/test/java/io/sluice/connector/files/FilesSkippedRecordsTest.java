package io.sluice.connector.files;

import static io.sluice.connector.files.Fixtures.dataset;
import static io.sluice.connector.files.Fixtures.gzip;
import static io.sluice.connector.files.Fixtures.write;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.RawColumns;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preamble lines, footer lines and skipped record types of csv/tsv and fixed-width files: landed as records, read
 * back as rows with {@code _skipped} and their exact text, never dropped.
 */
@ExtendWith(SparkExtension.class)
class FilesSkippedRecordsTest {

    static List<String> landAndRead(SparkSession spark, Path dir, DatasetSpec dataset, long splitEvery) {
        return Fixtures.landAndRender(spark, dir, dataset, splitEvery);
    }

    @Test
    void preambleLinesComeBeforeTheHeaderAndFooterAndTrailerRecordsAreSkippedRows(SparkSession spark,
                                                                                 @TempDir Path dir) {
        write(dir.resolve("landing/a.csv"), String.join("\n",
                "Stock report, \"generated\" 2026-12-01",
                "",
                "sku,name,qty",
                "A1,bolt,3",
                "TRL,2",
                "A2,\"nut, small\",4",
                "Total,,7") + "\n\n");
        write(dir.resolve("landing/b.csv.gz"), gzip("preamble\r\nx\r\nsku,name,qty\r\nB1,gz,1\r\nTotal,,1"));
        DatasetSpec dataset = dataset(Map.of("path", "*", "format", "csv", "skip_lines", 2, "footer_lines", 1,
                "skip_records", List.of(Map.of("name", "trl", "pattern", "^TRL$", "field", 1))));

        assertThat(landAndRead(spark, dir, dataset, RecordCounter.SPLIT_EVERY)).containsExactly(
                "sku|name|qty|_source_file|_line|_corrupt_record|_skipped",
                "null|null|null|a.csv|1|Stock report, \"generated\" 2026-12-01|preamble line (extract.skip_lines)",
                "null|null|null|a.csv|2||preamble line (extract.skip_lines)",
                "A1|bolt|3|a.csv|4|null|null",
                "null|null|null|a.csv|5|TRL,2|record matches skip_records 'trl'",
                "A2|nut, small|4|a.csv|6|null|null",
                "null|null|null|a.csv|7|Total,,7|footer line (extract.footer_lines)",
                "null|null|null|b.csv.gz|1|preamble|preamble line (extract.skip_lines)",
                "null|null|null|b.csv.gz|2|x|preamble line (extract.skip_lines)",
                "B1|gz|1|b.csv.gz|4|null|null",
                "null|null|null|b.csv.gz|5|Total,,1|footer line (extract.footer_lines)");
    }

    @Test
    void fixedWidthRecordsAreSplitByTheLayoutAndRecordTypesSkippedByAField(SparkSession spark,
                                                                          @TempDir Path dir) {
        write(dir.resolve("landing/orders.dat"), String.join("\r\n",
                "HDR20261201",
                "D0001Bolt      001250",
                "D0002Nut       000099   ",
                "D0003Washer    12",
                "D0004Screw     000100 extra",
                "T0003") + "\r\n");
        DatasetSpec dataset = dataset(Map.of("path", "*.dat", "format", "fixed_width", "encoding", "ISO-8859-1",
                "layout", List.of(Map.of("name", "type", "width", 1), Map.of("name", "id", "width", 4),
                        Map.of("name", "name", "start", 6, "length", 10),
                        Map.of("name", "amount", "width", 6, "implied_decimals", 2)),
                "skip_records", List.of(Map.of("name", "header", "pattern", "^HDR"),
                        Map.of("name", "trailer", "pattern", "T", "field", "type"))));

        assertThat(landAndRead(spark, dir, dataset, RecordCounter.SPLIT_EVERY)).containsExactly(
                "type|id|name|amount|_source_file|_line|_corrupt_record|_skipped",
                "null|null|null|null|orders.dat|1|HDR20261201|record matches skip_records 'header'",
                "D|0001|Bolt|12.50|orders.dat|2|null|null",
                "D|0002|Nut|0.99|orders.dat|3|null|null",
                "D|0003|Washer|0.12|orders.dat|4|D0003Washer    12|null",
                "D|0004|Screw|1.00|orders.dat|5|D0004Screw     000100 extra|null",
                "null|null|null|null|orders.dat|6|T0003|record matches skip_records 'trailer'");
    }

    @Test
    void partsOfALargeFileTellTheirFooterAndPreambleAsTheWholeFileDoes(SparkSession spark, @TempDir Path dir) {
        StringBuilder text = new StringBuilder("# exported\n# by someone\nid,note\n");
        for (int i = 0; i < 300; i++) {
            text.append(i).append(',').append(i % 7 == 0 ? "\"two\nlines\"" : "n" + i).append('\n');
        }
        text.append("END,300\nEOF\n");
        write(dir.resolve("landing/big.csv"), text.toString());
        DatasetSpec dataset = dataset(Map.of("path", "*.csv", "skip_lines", 2, "footer_lines", 2));
        FilesConnector connector = new FilesConnector(Fixtures.connector(dir.resolve("landing")).connection(),
                300);
        LandedBatch batch = Fixtures.land(connector, dataset, dir.resolve("raw"));
        assertThat(LineMark.of(batch.files().get(0))).hasSizeGreaterThan(5);
        assertThat(batch.records()).isEqualTo(304);

        Dataset<Row> df = connector.bind(dataset).read(spark, batch);

        assertThat(df.rdd().getNumPartitions()).isGreaterThan(5);
        assertThat(df.filter(col(RawColumns.SKIPPED).isNull()).count()).isEqualTo(300);
        assertThat(df.filter(col(RawColumns.CORRUPT_RECORD).isNotNull().and(col(RawColumns.SKIPPED).isNull()))
                .count()).isZero();
        assertThat(df.filter(col(RawColumns.SKIPPED).isNotNull()).orderBy(RawColumns.LINE)
                .select(RawColumns.LINE, RawColumns.CORRUPT_RECORD, RawColumns.SKIPPED).collectAsList())
                .extracting(Row::toString).containsExactly(
                        "[1,# exported,preamble line (extract.skip_lines)]",
                        "[2,# by someone,preamble line (extract.skip_lines)]",
                        "[347,END,300,footer line (extract.footer_lines)]",
                        "[348,EOF,footer line (extract.footer_lines)]");
    }
}
