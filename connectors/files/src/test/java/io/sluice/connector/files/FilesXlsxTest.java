package io.sluice.connector.files;

import static io.sluice.connector.files.Fixtures.dataset;
import static io.sluice.connector.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.LandedBatch;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Excel workbooks: one sheet's rows, values as Excel shows them, counted at landing by the same parser. */
@ExtendWith(SparkExtension.class)
class FilesXlsxTest {

    /** A workbook with a notes sheet first and the data sheet second, written by Apache POI. */
    private static byte[] workbook() {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Notes").createRow(0).createCell(0).setCellValue("read me");
            Sheet data = book.createSheet("Stock 2026");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle twoDecimals = book.createCellStyle();
            twoDecimals.setDataFormat(book.createDataFormat().getFormat("0.00"));
            data.createRow(0).createCell(0).setCellValue("Stock report");
            // row 2 (index 1) is left out: an empty row is no record
            Row header = data.createRow(2);
            String[] names = {"sku", "qty", "price", "day", "ok", "total"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            Row a = data.createRow(3);
            a.createCell(0).setCellValue(" A1 ");
            a.createCell(1).setCellValue(12345678901234.0);
            a.createCell(2).setCellValue(2);
            a.getCell(2).setCellStyle(twoDecimals);
            a.createCell(3).setCellValue(LocalDate.of(2026, 1, 15));
            a.getCell(3).setCellStyle(date);
            a.createCell(4).setCellValue(true);
            a.createCell(5).setCellFormula("B4*2");
            Row b = data.createRow(4);
            b.createCell(0).setCellValue("B2");
            b.createCell(1).setCellValue(0.1);
            Row c = data.createRow(5);
            c.createCell(0).setCellValue("C3");
            c.createCell(7).setCellValue("beyond the header");
            data.createRow(6).createCell(0).setCellValue("Total");
            book.getCreationHelper().createFormulaEvaluator().evaluateAll();
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aSheetIsReadRowByRowWithValuesAsExcelShowsThem(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/stock.xlsx"), workbook());
        DatasetSpec dataset = dataset(Map.of("path", "*.xlsx", "sheet", "Stock 2026", "skip_lines", 1,
                "footer_lines", 1));

        assertThat(FilesSkippedRecordsTest.landAndRead(spark, dir, dataset, RecordCounter.SPLIT_EVERY))
                .containsExactly(
                        "sku|qty|price|day|ok|total|_source_file|_line|_corrupt_record|_skipped",
                        "null|null|null|null|null|null|stock.xlsx|1|Stock report|preamble line (extract.skip_lines)",
                        " A1 |12345678901234|2.00|2026-01-15|TRUE|24691357802468|stock.xlsx|4|null|null",
                        "B2|0.1|null|null|null|null|stock.xlsx|5|null|null",
                        "C3|null|null|null|null|null|stock.xlsx|6|C3\t\t\t\t\t\t\tbeyond the header|null",
                        "null|null|null|null|null|null|stock.xlsx|7|Total|footer line (extract.footer_lines)");
    }

    @Test
    void aSheetIsChosenByPositionAndAMissingSheetRefusesTheDelivery(@TempDir Path dir) {
        write(dir.resolve("landing/stock.xlsx"), workbook());
        FilesConnector connector = Fixtures.connector(dir.resolve("landing"));

        LandedBatch second = Fixtures.land(connector, dataset(Map.of("path", "*.xlsx", "sheet", 2, "header", false),
                "x"), dir.resolve("raw1"));
        LandedBatch missing = Fixtures.land(connector, dataset(Map.of("path", "*.xlsx", "sheet", "Stock")),
                dir.resolve("raw2"));

        assertThat(second.records()).isEqualTo(6);
        assertThat(missing.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(missing.reason().orElseThrow()).isEqualTo(missing.files().get(0).origin() + " cannot be read as"
                + " xlsx: it has no sheet 'Stock' (its sheets: Notes, Stock 2026)");
    }

    @Test
    void bytesThatAreNotAWorkbookRefuseTheDelivery(@TempDir Path dir) {
        write(dir.resolve("landing/fake.xlsx"), "sku,qty\nA,1\n");
        LandedBatch batch = Fixtures.land(Fixtures.connector(dir.resolve("landing")),
                dataset(Map.of("path", "*.xlsx")), dir.resolve("raw"));
        assertThat(batch.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(batch.reason().orElseThrow()).startsWith(batch.files().get(0).origin() + " cannot be read as"
                + " xlsx: it is not an xlsx workbook (");
    }

    @Test
    void sheetIsForXlsxOnlyAndAPositionStartsAtOne() {
        assertThat(FileExtract.bind(dataset(Map.of("path", "*.xlsx", "sheet", 3)).extract()).sheet())
                .contains(XlsxRecords.Sheet.at(3));
        assertThat(FileExtract.bind(dataset(Map.of("path", "*.xlsx", "sheet", "3")).extract()).sheet())
                .as("a YAML string is a name").contains(XlsxRecords.Sheet.named("3"));
        assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of("path", "*.xlsx", "sheet", 0)).extract()))
                .hasMessage("descriptors/inventory.yaml:4: /extract/sheet: a sheet's position is a whole number from"
                        + " 1 (the first sheet), found 0");
        assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of("path", "*.csv", "sheet", "Data")).extract()))
                .hasMessage("descriptors/inventory.yaml:4: /extract/sheet: 'sheet' applies to xlsx files only (this"
                        + " dataset reads csv); remove it");
        assertThat(List.of(FileFormat.XLSX.isLineBased(), FileFormat.XLSX.isText())).containsExactly(true, false);
    }
}
