package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.RawColumns;
import io.sluice.metadata.DatasetSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Generated sheets (text with spaces and markup characters, numbers of any size in the General format, empty
 * cells and empty rows): every row with a value is one row read, its values as written, in Excel's row order.
 */
class FilesXlsxPropertiesTest {
    private static final int WIDTH = 3;

    /** A cell: text, a number, or nothing. */
    @Provide
    Arbitrary<List<List<Object>>> sheets() {
        Arbitrary<Object> text = Arbitraries.strings().withChars("ab <&\"'\u00e9\t").ofMinLength(1).ofMaxLength(6)
                .map(s -> s);
        Arbitrary<Object> number = Arbitraries.oneOf(Arbitraries.longs().between(-99_999_999_999_999L,
                99_999_999_999_999L).map(BigDecimal::valueOf), Arbitraries.bigDecimals().between(
                BigDecimal.valueOf(-1000), BigDecimal.valueOf(1000)).ofScale(3)).map(n -> n);
        Arbitrary<Object> cell = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, text),
                net.jqwik.api.Tuple.of(2, number), net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
        return cell.list().ofSize(WIDTH).list().ofMaxSize(12);
    }

    @Property(tries = 12, seed = "2030")
    void everyRowWithAValueIsReadOnceWithItsValues(@ForAll("sheets") List<List<Object>> rows) throws IOException {
        Path dir = Files.createTempDirectory("sluice-xlsx");
        try {
            Fixtures.write(dir.resolve("landing/s.xlsx"), workbook(rows));
            DatasetSpec dataset = Fixtures.dataset(Map.of("path", "*.xlsx", "header", false), "c0", "c1", "c2");
            FilesConnector connector = Fixtures.connector(dir.resolve("landing"));
            LandedBatch landed = Fixtures.land(connector, dataset, dir.resolve("raw"));
            assertThat(landed.status()).isEqualTo(LandedBatch.Status.LANDED);
            List<org.apache.spark.sql.Row> read = connector.bind(dataset).read(Fixtures.spark(), landed)
                    .collectAsList().stream()
                    .sorted(Comparator.comparingLong(r -> r.<Long>getAs(RawColumns.LINE))).toList();

            List<Long> lines = new ArrayList<>();
            List<List<String>> expected = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                List<String> values = rows.get(i).stream().map(FilesXlsxPropertiesTest::shown).toList();
                if (values.stream().anyMatch(v -> v != null)) {
                    lines.add(i + 1L);
                    expected.add(values);
                }
            }
            assertThat((long) read.size()).isEqualTo(landed.records()).isEqualTo(expected.size());
            assertThat(read).extracting(r -> r.<Long>getAs(RawColumns.LINE)).containsExactlyElementsOf(lines);
            assertThat(read).extracting(r -> java.util.Arrays.asList(r.<String>getAs("c0"), r.<String>getAs("c1"),
                    r.<String>getAs("c2"))).containsExactlyElementsOf(expected);
            assertThat(read).allSatisfy(r -> assertThat(r.<String>getAs(RawColumns.CORRUPT_RECORD)).isNull());
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    /** What the read must give for a generated cell: the text, the number written plainly, or null. */
    private static String shown(Object cell) {
        if (cell instanceof BigDecimal n) {
            return new BigDecimal(Double.toString(n.doubleValue())).stripTrailingZeros().toPlainString();
        }
        String text = (String) cell;
        return text.isEmpty() ? null : text;
    }

    private static byte[] workbook(List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("data");
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.createRow(i);
                for (int c = 0; c < WIDTH; c++) {
                    Object cell = rows.get(i).get(c);
                    if (cell instanceof BigDecimal n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (!((String) cell).isEmpty()) {
                        row.createCell(c).setCellValue((String) cell);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }
}
