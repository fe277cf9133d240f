package io.sluice.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.ExtractMode;
import io.sluice.connector.SourceConnector;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({SparkExtension.class, PostgresExtension.class})
class JdbcIncrementalIT {

    private static List<Integer> ids(SparkSession spark, SourceConnector connector, DatasetSpec dataset,
                                     LandedBatch batch) {
        return connector.bind(dataset).read(spark, batch).select("id").orderBy("id").collectAsList().stream()
                .map(r -> r.getInt(0)).toList();
    }

    @Test
    void aRunLandsExactlyTheRowsChangedSinceTheLastWatermark(SparkSession spark, PostgresServer pg,
                                                            @TempDir Path raw) {
        pg.execute("DROP TABLE IF EXISTS events; CREATE TABLE events (id int, payload text, updated_at timestamp);"
                + " INSERT INTO events SELECT i, 'p' || i, timestamp '2026-01-01 00:00:00' + i * interval '1 second'"
                + " FROM generate_series(1, 1000) AS i");
        SourceConnector connector = Landings.connector(pg);
        DatasetSpec dataset = Landings.dataset(Map.of("table", "events", "split", Map.of("column", "id",
                "partitions", 2), "incremental", Map.of("column", "updated_at")));

        LandedBatch first = Landings.land(connector, dataset, raw.resolve("run=1"));
        assertThat(first.records()).isEqualTo(1000);
        assertThat(first.watermark()).contains("2026-01-01T00:16:40");

        pg.execute("INSERT INTO events VALUES (1001, 'new', timestamp '2026-01-02 00:00:00'),"
                + " (1002, 'new', timestamp '2026-01-02 00:00:00.000001'), (1003, 'late', NULL);"
                + " UPDATE events SET payload = 'changed', updated_at = timestamp '2026-01-02 00:00:00'"
                + " WHERE id IN (7, 500)");
        LandedBatch second = Landings.land(connector, dataset, raw.resolve("run=2"), first.watermark(),
                ExtractMode.INCREMENTAL);
        assertThat(ids(spark, connector, dataset, second)).containsExactly(7, 500, 1001, 1002);
        assertThat(second.watermark()).contains("2026-01-02T00:00:00.000001");

        assertThat(Landings.land(connector, dataset, raw.resolve("run=3"), second.watermark(),
                ExtractMode.INCREMENTAL)).isEqualTo(LandedBatch.empty());
        assertThat(Landings.filesBelow(raw.resolve("run=3"))).isEmpty();

        LandedBatch full = Landings.land(connector, dataset, raw.resolve("run=4"), second.watermark(),
                ExtractMode.FULL);
        assertThat(full.records()).as("a full reload ignores the watermark and reads the null row too")
                .isEqualTo(1003);
        assertThat(full.watermark()).isEqualTo(second.watermark());
    }

    @Test
    void aNumberWatermarkSelectsRowsAboveIt(SparkSession spark, PostgresServer pg, @TempDir Path raw) {
        pg.execute("DROP TABLE IF EXISTS ledger; CREATE TABLE ledger (id int, amount numeric(10,2));"
                + " INSERT INTO ledger SELECT i, i / 4.0 FROM generate_series(1, 20) AS i");
        SourceConnector connector = Landings.connector(pg);
        DatasetSpec dataset = Landings.dataset(Map.of("query", "SELECT id, amount FROM ledger WHERE amount > 1",
                "incremental", Map.of("column", "id", "type", "number")));

        LandedBatch batch = Landings.land(connector, dataset, raw.resolve("run"), Optional.of("17"),
                ExtractMode.INCREMENTAL);

        assertThat(ids(spark, connector, dataset, batch)).containsExactly(18, 19, 20);
        assertThat(batch.watermark()).contains("20");
        assertThat(batch.files()).allSatisfy(f -> assertThat(f.origin()).isEqualTo("jdbc:orders"));
    }

    @Test
    void aLandingThatFailsMidwayLeavesItsFilesInItsOwnFolderOnlyAndTheRerunLandsEveryRowOnce(
            SparkSession spark, PostgresServer pg, @TempDir Path raw) {
        pg.execute("DROP TABLE IF EXISTS fragile; CREATE TABLE fragile (id int, d int, updated_at timestamp);"
                + " INSERT INTO fragile SELECT i, CASE WHEN i = 990 THEN 0 ELSE 1 END,"
                + " timestamp '2026-01-01 00:00:00' + i * interval '1 minute' FROM generate_series(1, 1000) AS i");
        SourceConnector connector = Landings.connector(pg);
        DatasetSpec dataset = Landings.dataset(Map.of("query", "SELECT id, 10 / d AS q, updated_at FROM fragile",
                "split", Map.of("predicates", List.of("id <= 400", "id > 400 AND id <= 800", "id > 800")),
                "incremental", Map.of("column", "updated_at")));

        assertThatThrownBy(() -> Landings.land(connector, dataset, raw.resolve("run=1")))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.SOURCE);
                    assertThat(e.code()).isEqualTo("SOURCE_QUERY_FAILED");
                })
                .hasMessageStartingWith("descriptors/shop.yaml: source 'shop': reading dataset 'orders' failed"
                        + " (SQLState 22012): ERROR: division by zero");
        assertThat(Landings.filesBelow(raw)).allMatch(f -> f.startsWith("run=1/"));

        pg.execute("UPDATE fragile SET d = 1");
        LandedBatch rerun = Landings.land(connector, dataset, raw.resolve("run=2"));
        List<Integer> ids = ids(spark, connector, dataset, rerun);
        assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
        assertThat(ids.get(999)).isEqualTo(1000);
    }
}
