package io.sluice.connector.jdbc;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.connector.RawColumns;
import io.sluice.connector.SourceConnector;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({SparkExtension.class, PostgresExtension.class})
class JdbcLandingIT {

    @Test
    void aMillionRowsLandedInEightPartitionsEqualTheSource(SparkSession spark, PostgresServer pg, @TempDir Path raw) {
        TestTables.big(pg);
        SourceConnector connector = Landings.connector(pg);
        DatasetSpec dataset = Landings.dataset(Map.of("table", "public.big",
                "split", Map.of("column", "id", "partitions", 8)));

        LandedBatch batch = Landings.land(connector, dataset, raw.resolve("run=1"));

        assertThat(batch.files()).hasSize(8);
        assertThat(batch.records()).isEqualTo(TestTables.BIG_ROWS);
        assertThat(batch.watermark()).isEmpty();
        assertThat(batch.files()).allSatisfy(f -> {
            assertThat(f.origin()).isEqualTo("jdbc:public.big");
            assertThat(f.sha256()).hasSize(64);
            assertThat(f.size()).isEqualTo(Path.of(java.net.URI.create(f.path())).toFile().length());
        });
        assertThat(Landings.filesBelow(raw.resolve("run=1")))
                .as("no _SUCCESS or .crc side files").allMatch(f -> f.endsWith(".avro")).hasSize(8);

        // One Spark job: per landed file, its row count and the sum of its rows' hashes.
        List<Row> perFile = connector.bind(dataset).read(spark, batch).groupBy(RawColumns.SOURCE_FILE)
                .agg(expr("count(*)"), expr("sum(cast(conv(substr(md5(" + TestTables.SPARK_ROW
                        + "), 1, 15), 16, 10) AS DECIMAL(38,0)))")).collectAsList();
        assertThat(perFile.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1))))
                .isEqualTo(batch.files().stream().collect(Collectors.toMap(
                        f -> Path.of(java.net.URI.create(f.path())).getFileName().toString(), LandedFile::records)));
        assertThat(perFile.stream().mapToLong(r -> r.getLong(1)).sum()).isEqualTo(TestTables.BIG_ROWS);
        assertThat(perFile.stream().map(r -> r.getDecimal(2)).reduce(java.math.BigDecimal.ZERO,
                java.math.BigDecimal::add).toPlainString()).isEqualTo(pg.value("SELECT sum(('x' || substr(md5("
                + TestTables.POSTGRES_ROW + "), 1, 15))::bit(60)::bigint) FROM big"));
    }

    @Test
    void sourceTypesMapToSparkTypesAndRawColumnsAreAdded(SparkSession spark, PostgresServer pg, @TempDir Path raw) {
        pg.execute("DROP TABLE IF EXISTS typed; CREATE TABLE typed (s smallint, i integer, b bigint,"
                + " d numeric(12,2), n numeric, r real, f double precision, c char(5), v varchar(10), t text,"
                + " day date, ts timestamp(3), tz timestamptz, ok boolean, span interval, raw bytea);"
                + " INSERT INTO typed VALUES (1, 2, 3, 1234.50, 1.5, 0.5, 2.25, 'ab', 'cd  ', 'text',"
                + " date '2026-02-28', timestamp '2026-02-28 23:59:59.123', timestamptz '2026-02-28 12:00:00+02',"
                + " true, interval '1 day 02:03:04', '\\x0102')");
        SourceConnector connector = Landings.connector(pg);
        DatasetSpec dataset = Landings.dataset(Map.of("table", "typed"));

        Dataset<Row> landed = connector.bind(dataset).read(spark, Landings.land(connector, dataset, raw.resolve("run")));

        assertThat(landed.schema().simpleString()).isEqualTo("struct<s:int,i:int,b:bigint,d:decimal(12,2),"
                + "n:decimal(38,18),r:float,f:double,c:string,v:string,t:string,day:date,ts:timestamp,tz:timestamp,"
                + "ok:boolean,span:string,raw:binary,_source_file:string,_line:bigint,_corrupt_record:string>");
        Row row = landed.first();
        assertThat(row.getString(7)).as("CHAR keeps its trailing spaces").isEqualTo("ab   ");
        assertThat(row.getString(8)).as("VARCHAR keeps its trailing spaces").isEqualTo("cd  ");
        assertThat(row.getTimestamp(12).toInstant()).hasToString("2026-02-28T10:00:00Z");
        assertThat(row.getString(14)).isEqualTo("1 day 02:03:04");
        assertThat(row.getString(16)).endsWith(".avro");
        assertThat(row.isNullAt(17)).isTrue();
        assertThat(row.isNullAt(18)).isTrue();
    }

    @Test
    void aSourceTypeChangeStillLandsAndReadsBackAsTheSourceType(SparkSession spark, PostgresServer pg,
                                                               @TempDir Path raw) {
        pg.execute("DROP TABLE IF EXISTS drifted; CREATE TABLE drifted (id int, qty text);"
                + " INSERT INTO drifted VALUES (1, '12'), (2, 'twelve')");
        SourceConnector connector = Landings.connector(pg);
        DatasetSpec dataset = Landings.dataset(Map.of("table", "drifted"), List.of(
                ColumnSpec.of("id", ColumnType.of(ColumnType.Kind.INT), false),
                ColumnSpec.of("qty", ColumnType.of(ColumnType.Kind.INT), true)));

        LandedBatch batch = Landings.land(connector, dataset, raw.resolve("run"));

        assertThat(batch.records()).isEqualTo(2);
        Dataset<Row> landed = connector.bind(dataset).read(spark, batch);
        assertThat(landed.schema().apply("qty").dataType().simpleString()).isEqualTo("string");
        assertThat(landed.orderBy("id").select(col("qty")).collectAsList()).map(r -> r.getString(0))
                .containsExactly("12", "twelve");
    }
}
