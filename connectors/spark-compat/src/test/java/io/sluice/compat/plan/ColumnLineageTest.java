package io.sluice.compat.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.compat.plan.ColumnLineage.Source;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins how the analyzed plan of a refined query over Delta tables read as temporary views tells which input columns
 * feed each output column, through joins, aggregates, windows, unions, CTEs and subqueries.
 */
@ExtendWith(SparkExtension.class)
class ColumnLineageTest {
    private static final List<String> INPUTS = List.of("sales", "stores");

    @TempDir
    Path dir;

    @BeforeEach
    void views(SparkSession spark) {
        spark.sql("SELECT 1L AS sale_id, 10 AS store_id, 99.5D AS price, 2 AS qty, 'a@x' AS email")
                .write().format("delta").save(dir.resolve("sales").toString());
        spark.sql("SELECT 10 AS store_id, 'north' AS region, 'Oslo' AS city")
                .write().format("delta").save(dir.resolve("stores").toString());
        for (String input : INPUTS) {
            spark.read().format("delta").load(dir.resolve(input).toString()).createOrReplaceTempView(input);
        }
    }

    @AfterEach
    void drop(SparkSession spark) {
        INPUTS.forEach(i -> spark.catalog().dropTempView(i));
    }

    private static Map<String, Set<Source>> lineage(SparkSession spark, String sql) {
        Dataset<Row> query = spark.sql(sql);
        return ColumnLineage.of(query, INPUTS);
    }

    @Test
    void aJoinAndAnAggregateFeedEachOutputColumnFromTheColumnsItsExpressionReads(SparkSession spark) {
        Map<String, Set<Source>> lineage = lineage(spark, "SELECT st.region, upper(st.city) AS city,"
                + " sum(s.price * s.qty) AS revenue, count(*) AS sales, count(DISTINCT s.sale_id) AS distinct_sales"
                + " FROM sales s JOIN stores st ON s.store_id = st.store_id WHERE s.email IS NOT NULL"
                + " GROUP BY st.region, st.city");

        assertThat(lineage).containsExactly(
                Map.entry("region", Set.of(new Source("stores", "region"))),
                Map.entry("city", Set.of(new Source("stores", "city"))),
                Map.entry("revenue", Set.of(new Source("sales", "price"), new Source("sales", "qty"))),
                Map.entry("sales", Set.of()),
                Map.entry("distinct_sales", Set.of(new Source("sales", "sale_id"))));
    }

    @Test
    void usingJoinsWindowsUnionsCtesAndCaseInsensitiveViewNames(SparkSession spark) {
        Map<String, Set<Source>> lineage = lineage(spark, "WITH t AS (SELECT store_id, price FROM SALES)"
                + " SELECT store_id, region, rank() OVER (PARTITION BY region ORDER BY price) AS price_rank"
                + " FROM t FULL JOIN stores USING (store_id)"
                + " UNION ALL SELECT store_id, city, 0 FROM stores");

        assertThat(lineage).containsExactly(
                Map.entry("store_id", Set.of(new Source("sales", "store_id"), new Source("stores", "store_id"))),
                Map.entry("region", Set.of(new Source("stores", "region"), new Source("stores", "city"))),
                Map.entry("price_rank", Set.of(new Source("sales", "price"), new Source("stores", "region"))));
    }

    @Test
    void aSelectStarPassesEveryColumnThrough(SparkSession spark) {
        assertThat(lineage(spark, "SELECT * FROM stores WHERE store_id IN (SELECT store_id FROM sales)")).containsExactly(
                Map.entry("store_id", Set.of(new Source("stores", "store_id"))),
                Map.entry("region", Set.of(new Source("stores", "region"))),
                Map.entry("city", Set.of(new Source("stores", "city"))));
    }
}
