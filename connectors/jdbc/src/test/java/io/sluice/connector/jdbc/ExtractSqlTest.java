package io.sluice.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.jdbc.JdbcExtract.WatermarkType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtractSqlTest {
    private static ExtractSql sql(Map<String, Object> extract) {
        return new ExtractSql(JdbcExtract.bind(TestDescriptors.dataset("orders", extract, List.of()).extract(),
                "orders", SqlDialect.ansi()), SqlDialect.ansi());
    }

    @Test
    void aTableIsReadThroughADerivedTableWithTheIncrementalWindow() {
        ExtractSql sql = sql(Map.of("table", "shop.orders", "incremental", Map.of("column", "updated_at")));
        JdbcExtract.Incremental incremental = sql.extract().incremental().orElseThrow();
        Watermark last = Watermark.parse("2026-01-01T00:00", WatermarkType.TIMESTAMP);
        Watermark high = Watermark.parse("2026-01-02T06:30:00.25", WatermarkType.TIMESTAMP);

        assertThat(sql.probe()).isEqualTo("SELECT * FROM shop.orders WHERE 1=0");
        assertThat(sql.highMark(incremental)).isEqualTo("SELECT MAX(updated_at) FROM shop.orders");
        String window = sql.window(incremental, Optional.of(last), high);
        assertThat(window).isEqualTo("updated_at > TIMESTAMP '2026-01-01 00:00:00.000000'"
                + " AND updated_at <= TIMESTAMP '2026-01-02 06:30:00.250000'");
        assertThat(sql.derivedTable("*", Optional.of(window))).isEqualTo("(SELECT * FROM shop.orders WHERE " + window
                + ") sluice_src");
        assertThat(sql.window(incremental, Optional.empty(), high)).isEqualTo(
                "(updated_at <= TIMESTAMP '2026-01-02 06:30:00.250000' OR updated_at IS NULL)");
    }

    @Test
    void aQueryIsWrappedAndItsTrailingSemicolonDropped() {
        ExtractSql sql = sql(Map.of("query", "SELECT id, total FROM orders o JOIN lines l USING (id);",
                "split", Map.of("predicates", List.of("id < 100", "id >= 100 OR id IS NULL"))));
        assertThat(sql.from()).isEqualTo("(SELECT id, total FROM orders o JOIN lines l USING (id)) sluice_q");
        assertThat(sql.predicates()).containsExactly("(id < 100)", "(id >= 100 OR id IS NULL)");
        assertThat(sql.bounds("id", sql.derivedTable("*", Optional.empty()))).isEqualTo(
                "SELECT MIN(id), MAX(id) FROM (SELECT * FROM (SELECT id, total FROM orders o JOIN lines l USING (id))"
                        + " sluice_q) sluice_src");
    }

    @Test
    void ansiCastsOnlyTheTypesSparkCannotMap() {
        SqlDialect ansi = SqlDialect.ansi();
        assertThat(ansi.textCast("\"i\"", java.sql.Types.OTHER, "interval")).contains("CAST(\"i\" AS TEXT)");
        assertThat(ansi.textCast("\"n\"", java.sql.Types.NUMERIC, "numeric")).isEmpty();
        assertThat(ansi.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
    }
}
