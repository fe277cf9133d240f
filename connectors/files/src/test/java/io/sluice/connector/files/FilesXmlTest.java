package io.sluice.connector.files;

import static io.sluice.connector.files.Fixtures.dataset;
import static io.sluice.connector.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedBatch;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.SparkExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * XML files: one row per {@code row_tag} element, values as text (an empty element is the empty string, a missing
 * one null), a file that is not well-formed refused.
 */
@ExtendWith(SparkExtension.class)
class FilesXmlTest {

    @Test
    void eachRowTagElementIsARowOfTextValues(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/books.xml"), String.join("\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<catalog>",
                "  <!-- a comment -->",
                "  <book id=\"bk101\">",
                "    <author>Gambardella, Matthew</author>",
                "    <price>44.95</price>",
                "    <published>2000-10-01</published>",
                "  </book>",
                "  <book id=\"bk102\">",
                "    <author>Ralls &amp; Kim</author>",
                "    <price>5.95</price>",
                "    <isbn>0-596</isbn>",
                "  </book>",
                "  <book id=\"bk103\"><author/><price>0012</price></book>",
                "</catalog>") + "\n");
        write(dir.resolve("landing/more.xml"), "<catalog><book id=\"bk201\"><price>1e3</price></book></catalog>"
                .getBytes(StandardCharsets.UTF_8));
        DatasetSpec dataset = dataset(Map.of("path", "*.xml", "row_tag", "book"), "_id", "author", "price");

        assertThat(FilesSkippedRecordsTest.landAndRead(spark, dir, dataset, RecordCounter.SPLIT_EVERY))
                .containsExactly(
                        "_id|author|price|published|isbn|_source_file|_line|_corrupt_record|_skipped",
                        "bk101|Gambardella, Matthew|44.95|2000-10-01|null|books.xml|1|null|null",
                        "bk102|Ralls & Kim|5.95|null|0-596|books.xml|2|null|null",
                        "bk103||0012|null|null|books.xml|3|null|null",
                        "bk201|null|1e3|null|null|more.xml|1|null|null");
    }

    @Test
    void nestedElementsAreTheirXmlTextAndRepeatedElementsAJsonArrayNeverOneOfThem(SparkSession spark,
                                                                                   @TempDir Path dir) {
        // regression: Spark kept the last of the repeated <tag> elements as the column's value, losing the others
        write(dir.resolve("landing/n.xml"), "<r><o><id>1</id><address><city>Lyon</city><zip>69001</zip></address>"
                + "<price currency=\"EUR\">1.50</price><tag>a</tag><tag>b</tag></o></r>");
        DatasetSpec dataset = dataset(Map.of("path", "*.xml", "row_tag", "o"), "id");

        assertThat(FilesSkippedRecordsTest.landAndRead(spark, dir, dataset, RecordCounter.SPLIT_EVERY))
                .containsExactly(
                        "id|address|price|tag|_source_file|_line|_corrupt_record|_skipped",
                        "1|<city>Lyon</city><zip>69001</zip>|1.50|[\"a\",\"b\"]|n.xml|1|null|null");
    }

    @Test
    void aFileThatIsNotWellFormedIsLandedAndTheBatchRefused(@TempDir Path dir) {
        write(dir.resolve("landing/ok.xml"), "<rows><row><a>1</a></row></rows>");
        write(dir.resolve("landing/bad.xml"), "<rows>\n<row><a>1</a></row>\n<row><a>2</b></row>\n</rows>");
        FilesConnector connector = Fixtures.connector(dir.resolve("landing"));
        DatasetSpec dataset = dataset(Map.of("path", "*.xml", "row_tag", "row"), "a");

        LandedBatch batch = Fixtures.land(connector, dataset, dir.resolve("raw"));

        assertThat(batch.status()).isEqualTo(LandedBatch.Status.REJECTED);
        assertThat(batch.files()).hasSize(2);
        assertThat(batch.reason().orElseThrow()).isEqualTo(batch.files().get(0).origin()
                + " cannot be read as xml in UTF-8: it is not well-formed XML at line 3, column 12 (Unexpected close"
                + " tag </b>; expected </a>.), after 2 'row' record(s)");
    }

    @Test
    void aRowTagInsideARecordIsPartOfItAndOtherElementsAreNotRecords(@TempDir Path dir) {
        write(dir.resolve("landing/n.xml"), "<r><item><item>inner</item></item><other/><item/></r>");
        FilesConnector connector = Fixtures.connector(dir.resolve("landing"));

        LandedBatch batch = Fixtures.land(connector, dataset(Map.of("path", "*.xml", "row_tag", "item")),
                dir.resolve("raw"));

        assertThat(batch.records()).isEqualTo(2);
        assertThat(batch.files().get(0).fields()).containsExactly("item");
    }

    @Test
    void theDeclaredEncodingDecodesTheCountAndTheRead(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/l.xml"), ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><item><a>Z\u00fcrich"
                + "</a></item></r>").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(FilesSkippedRecordsTest.landAndRead(spark, dir, dataset(Map.of("path", "*.xml", "row_tag",
                "item", "encoding", "ISO-8859-1"), "a"), RecordCounter.SPLIT_EVERY))
                .containsExactly("a|_source_file|_line|_corrupt_record|_skipped", "Z\u00fcrich|l.xml|1|null|null");
    }

    @Test
    void anEmptyFileHasNoRecordsAndIsNotRefused(SparkSession spark, @TempDir Path dir) {
        write(dir.resolve("landing/empty.xml"), "");

        assertThat(FilesSkippedRecordsTest.landAndRead(spark, dir, dataset(Map.of("path", "*.xml", "row_tag",
                "item"), "a"), RecordCounter.SPLIT_EVERY))
                .containsExactly("a|_source_file|_line|_corrupt_record|_skipped");
    }

    @Test
    void rowTagIsRequiredForXmlAndOnlyForXml() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of("path", "*.xml"))
                        .extract()))
                .hasMessage("descriptors/inventory.yaml:4: /extract: missing required field 'row_tag' (the element"
                        + " of each record, e.g. row_tag: book)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of("path", "*.xml",
                        "row_tag", "<book>")).extract()))
                .hasMessage("descriptors/inventory.yaml:20: /extract/row_tag: '<book>' is not an XML element name"
                        + " (write the name of the element that holds one record, without < and >, e.g. book)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileExtract.bind(dataset(Map.of("path", "*.csv",
                        "row_tag", "book")).extract()))
                .hasMessage("descriptors/inventory.yaml:20: /extract/row_tag: 'row_tag' applies to xml files only"
                        + " (this dataset reads csv); remove it");
        assertThat(FileExtract.bind(dataset(Map.of("path", "*.xml", "row_tag", "ns:book")).extract()).rowTag())
                .contains("ns:book");
    }
}
