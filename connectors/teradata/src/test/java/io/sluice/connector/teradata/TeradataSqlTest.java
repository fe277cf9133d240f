package io.sluice.connector.teradata;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.jdbc.ExtractSql;
import io.sluice.connector.jdbc.JdbcExtract;
import io.sluice.connector.jdbc.JdbcExtract.WatermarkType;
import io.sluice.connector.jdbc.SqlDialect.SourceFailure;
import io.sluice.connector.jdbc.TestDescriptors;
import io.sluice.connector.jdbc.Watermark;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeradataSqlTest {
    private final TeradataSql teradata = new TeradataSql();

    private ExtractSql sql(Map<String, Object> extract) {
        return new ExtractSql(JdbcExtract.bind(TestDescriptors.dataset("sales", extract, List.of()).extract(),
                "sales", teradata), teradata);
    }

    @Test
    void aHashSplitSelectsEachBucketOnce() {
        ExtractSql sql = sql(Map.of("table", "SALES.VEHICLE_SALES", "split", Map.of("hash", "SALE_ID",
                "partitions", 4)));
        assertThat(sql.predicates()).containsExactly(
                "HASHBUCKET(HASHROW(SALE_ID)) MOD 4 = 0",
                "HASHBUCKET(HASHROW(SALE_ID)) MOD 4 = 1",
                "HASHBUCKET(HASHROW(SALE_ID)) MOD 4 = 2",
                "HASHBUCKET(HASHROW(SALE_ID)) MOD 4 = 3");
        assertThat(sql(Map.of("table", "T", "split", Map.of("hash", "ID"))).predicates()).hasSize(8);
    }

    @Test
    void everyQueryReadsUnderAnAccessLock() {
        ExtractSql sql = sql(Map.of("table", "SALES.VEHICLE_SALES", "incremental", Map.of("column", "UPDATED_AT")));
        assertThat(teradata.prefix()).isEqualTo("LOCKING ROW FOR ACCESS ");
        assertThat(sql.probe()).isEqualTo("LOCKING ROW FOR ACCESS SELECT * FROM SALES.VEHICLE_SALES WHERE 1=0");
        assertThat(sql.highMark(sql.extract().incremental().orElseThrow()))
                .isEqualTo("LOCKING ROW FOR ACCESS SELECT MAX(UPDATED_AT) FROM SALES.VEHICLE_SALES");
        assertThat(sql.bounds("SALE_ID", "(SELECT * FROM SALES.VEHICLE_SALES) sluice_src")).isEqualTo(
                "LOCKING ROW FOR ACCESS SELECT MIN(SALE_ID), MAX(SALE_ID) FROM (SELECT * FROM SALES.VEHICLE_SALES)"
                        + " sluice_src");
    }

    @Test
    void watermarkPredicatesUseTypedLiterals() {
        ExtractSql sql = sql(Map.of("table", "SALES.VEHICLE_SALES", "incremental", Map.of("column", "UPDATED_AT")));
        JdbcExtract.Incremental incremental = sql.extract().incremental().orElseThrow();
        assertThat(sql.window(incremental,
                Optional.of(Watermark.parse("2026-11-21T23:00:00Z", WatermarkType.TIMESTAMP)),
                Watermark.parse("2026-11-22T06:00:00.5+01:00", WatermarkType.TIMESTAMP)))
                .isEqualTo("UPDATED_AT > TIMESTAMP '2026-11-21 23:00:00.000000+00:00'"
                        + " AND UPDATED_AT <= TIMESTAMP '2026-11-22 05:00:00.500000+00:00'");
        assertThat(sql.window(incremental, Optional.empty(),
                Watermark.parse("2026-11-22T06:00:00", WatermarkType.TIMESTAMP)))
                .isEqualTo("(UPDATED_AT <= TIMESTAMP '2026-11-22 06:00:00.000000' OR UPDATED_AT IS NULL)");

        ExtractSql numbered = sql(Map.of("table", "T", "incremental", Map.of("column", "SEQ", "type", "number")));
        assertThat(numbered.window(numbered.extract().incremental().orElseThrow(),
                Optional.of(Watermark.parse("41", WatermarkType.NUMBER)), Watermark.parse("99", WatermarkType.NUMBER)))
                .isEqualTo("SEQ > 41 AND SEQ <= 99");
    }

    @Test
    void castsTheTypesSparkCannotReadToText() {
        assertThat(teradata.textCast("\"P\"", Types.STRUCT, "PERIOD(DATE)")).contains("CAST(\"P\" AS VARCHAR(200))");
        assertThat(teradata.textCast("\"I\"", Types.OTHER, "INTERVAL DAY TO SECOND"))
                .contains("CAST(\"I\" AS VARCHAR(200))");
        assertThat(teradata.textCast("\"B\"", Types.TINYINT, "BYTEINT")).isEmpty();
        assertThat(teradata.textCast("\"D\"", Types.DECIMAL, "DECIMAL")).isEmpty();
    }

    @Test
    void classifiesTeradataErrorCodes() {
        assertThat(teradata.classify(new SQLException("Object 'X' does not exist", "42S02", 3807)))
                .isEqualTo(SourceFailure.TABLE_MISSING);
        assertThat(teradata.classify(new SQLException("The UserId, Password or Account is invalid", "28000", 8017)))
                .isEqualTo(SourceFailure.AUTHENTICATION);
        assertThat(teradata.classify(new SQLException("socket", "08S01", 1277))).isEqualTo(SourceFailure.UNREACHABLE);
        assertThat(teradata.classify(new SQLException("Column SALE_IDX not found in S", "42S22", 5628)))
                .isEqualTo(SourceFailure.COLUMN_UNKNOWN);
        assertThat(teradata.classify(new SQLException("syntax", "42000", 3706))).isEqualTo(SourceFailure.OTHER);
    }
}
