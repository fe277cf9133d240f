package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.RawColumns;
import io.sluice.metadata.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.Row;

/**
 * Generated XML documents (records with any subset of the fields, values with markup characters and spaces,
 * pretty-printed or not): the landed count is the rows read, and every record is one row whose values are the
 * generated text, unaltered.
 */
class FilesXmlPropertiesTest {
    private static final List<String> FIELDS = List.of("a", "b", "c");
    /** A record: its id and, per field, a value or none (element left out). */
    record Item(Map<String, Optional<String>> values) {
    }

    @Provide
    Arbitrary<List<Item>> documents() {
        Arbitrary<Optional<String>> value = Arbitraries.strings().withChars("xy 1<>&\"'\u00e9;").ofMinLength(1)
                .ofMaxLength(6).optional();
        return Combinators.combine(value, value, value).as((a, b, c) -> {
            Map<String, Optional<String>> values = new LinkedHashMap<>();
            values.put("a", a);
            values.put("b", b);
            values.put("c", c);
            return new Item(values);
        }).list().ofMaxSize(10);
    }

    @Property(tries = 20, seed = "2029")
    void everyRecordIsOneRowWithItsTextUnaltered(@ForAll("documents") List<Item> items,
                                                 @ForAll boolean pretty) throws IOException {
        String indent = pretty ? "\n    " : "";
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<items>");
        for (int i = 0; i < items.size(); i++) {
            xml.append(pretty ? "\n  " : "").append("<item n=\"").append(i).append("\">");
            for (Map.Entry<String, Optional<String>> e : items.get(i).values().entrySet()) {
                if (e.getValue().isPresent()) {
                    xml.append(indent).append('<').append(e.getKey()).append('>').append(escaped(e.getValue().get()))
                            .append("</").append(e.getKey()).append('>');
                }
            }
            xml.append(pretty ? "\n  " : "").append("</item>");
        }
        xml.append("\n</items>\n");
        Path dir = Files.createTempDirectory("sluice-xml");
        try {
            Fixtures.write(dir.resolve("landing/items.xml"), xml.toString());
            List<String> declared = new ArrayList<>(List.of("_n"));
            declared.addAll(FIELDS);
            DatasetSpec dataset = Fixtures.dataset(Map.of("path", "*.xml", "row_tag", "item"),
                    declared.toArray(String[]::new));
            FilesConnector connector = Fixtures.connector(dir.resolve("landing"));
            LandedBatch landed = Fixtures.land(connector, dataset, dir.resolve("raw"));
            assertThat(landed.status()).isEqualTo(LandedBatch.Status.LANDED);
            List<Row> rows = connector.bind(dataset).read(Fixtures.spark(), landed).collectAsList().stream()
                    .sorted(Comparator.comparingLong(r -> r.<Long>getAs(RawColumns.LINE))).toList();
            assertThat((long) rows.size()).isEqualTo(landed.records()).isEqualTo(items.size());
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                assertThat(row.<String>getAs("_n")).isEqualTo(String.valueOf(i));
                for (String field : FIELDS) {
                    assertThat(Optional.ofNullable(row.<String>getAs(field))).as("%s of record %s", field, i)
                            .isEqualTo(items.get(i).values().get(field));
                }
                assertThat(row.<String>getAs(RawColumns.CORRUPT_RECORD)).isNull();
            }
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
