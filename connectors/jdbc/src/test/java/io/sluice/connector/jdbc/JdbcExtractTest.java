package io.sluice.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.jdbc.JdbcExtract.Incremental;
import io.sluice.connector.jdbc.JdbcExtract.RangeSplit;
import io.sluice.connector.jdbc.JdbcExtract.WatermarkType;
import io.sluice.metadata.DescriptorException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcExtractTest {
    private static JdbcExtract bind(Map<String, Object> extract) {
        return JdbcExtract.bind(TestDescriptors.dataset("orders", extract, List.of()).extract(), "orders",
                SqlDialect.ansi());
    }

    @Test
    void bindsATableWithARangeSplitAndAnIncrementalColumn() {
        JdbcExtract e = bind(Map.of("table", "SALES.ORDERS", "split", Map.of("column", "ID"),
                "incremental", Map.of("column", "SEQ_NO", "type", "number")));
        assertThat(e.source()).isEqualTo(new JdbcExtract.Table("SALES.ORDERS"));
        assertThat(e.split()).isEqualTo(new RangeSplit("ID", 8));
        assertThat(e.incremental()).contains(new Incremental("SEQ_NO", WatermarkType.NUMBER));
    }

    @Test
    void reportsEveryProblemAtOnceWithItsLine() {
        assertThatThrownBy(() -> bind(Map.of("table", "orders; DROP TABLE x", "split", Map.of("hash", "id"),
                "incremental", Map.of("column", "ts", "type", "date"))))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("descriptors/shop/orders.yaml:5: /extract/table: 'orders; DROP TABLE x' is not a plain"
                        + " name (write NAME, SCHEMA.NAME or a \"quoted\" name)\n"
                        + "descriptors/shop/orders.yaml:6: /extract/split/hash: a hash split needs connector:"
                        + " teradata; use 'column' for a range split\n"
                        + "descriptors/shop/orders.yaml:7: /extract/incremental/type: unknown watermark type 'date'"
                        + " (expected one of: timestamp, number)");
    }

    @Test
    void rejectsUnknownKeysAndAmbiguousSources() {
        assertThatThrownBy(() -> bind(Map.of("table", "t", "parallelism", 8)))
                .hasMessage("descriptors/shop/orders.yaml:4: /extract/parallelism: unknown field 'parallelism'"
                        + " (expected one of: incremental, query, split, table)");
        assertThatThrownBy(() -> bind(Map.of("table", "t", "query", "SELECT 1")))
                .hasMessage("descriptors/shop/orders.yaml:4: /extract: write either 'table' or 'query', not both");
        assertThatThrownBy(() -> bind(Map.of("query", "DELETE FROM t")))
                .hasMessage("descriptors/shop/orders.yaml:4: /extract/query: the query must be one SELECT statement"
                        + " (it is read as a derived table)");
        assertThatThrownBy(() -> bind(Map.of("table", "t", "split", Map.of("column", "id", "partitions", 0))))
                .hasMessage("descriptors/shop/orders.yaml:6: /extract/split/partitions: expected a number of"
                        + " partitions from 1 to 1024, found 0");
    }
}
