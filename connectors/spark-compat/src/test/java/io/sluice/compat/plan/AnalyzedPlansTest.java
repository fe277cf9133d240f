package io.sluice.compat.plan;

import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testing.SparkExtension;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pins how Spark analyzes a SQL condition over an empty relation of a dataset's typed schema, which the
 * validation's {@code sql} rules rely on to refuse, before anything runs, a condition that is not row by row, and
 * to name an unknown column.
 */
@ExtendWith(SparkExtension.class)
class AnalyzedPlansTest {
    private static final StructType SCHEMA = new StructType()
            .add("price", DataTypes.IntegerType).add("tags", DataTypes.createArrayType(DataTypes.StringType));

    @Test
    void aConditionOnTheRowsColumnsIsARowByRowProjection(SparkSession spark) {
        assertThat(AnalyzedPlans.isRowByRowProjectionOfLocalRows(condition(spark, "price < 1000000"))).isTrue();
        assertThat(AnalyzedPlans.isRowByRowProjectionOfLocalRows(
                condition(spark, "price > 0 AND size(tags) < 3 AND upper(tags[0]) = 'A'"))).isTrue();
        assertThat(AnalyzedPlans.isRowByRowProjectionOfLocalRows(condition(spark, "rand() < 0.5"))).isTrue();
    }

    @Test
    void anAggregateAWindowOrAGeneratorIsNot(SparkSession spark) {
        assertThat(AnalyzedPlans.isRowByRowProjectionOfLocalRows(condition(spark, "sum(price) > 0"))).isFalse();
        assertThat(AnalyzedPlans.isRowByRowProjectionOfLocalRows(
                condition(spark, "row_number() OVER (ORDER BY price) = 1"))).isFalse();
        assertThat(AnalyzedPlans.isRowByRowProjectionOfLocalRows(
                condition(spark, "explode(array(price > 0, price < 9))"))).isFalse();
    }

    @Test
    void aProjectionOfAnythingButLocalRowsIsNot(SparkSession spark) {
        assertThat(AnalyzedPlans.isRowByRowProjectionOfLocalRows(spark.range(3).select(expr("id < 2")))).isFalse();
        assertThat(AnalyzedPlans.isRowByRowProjectionOfLocalRows(
                spark.createDataFrame(List.<Row>of(), SCHEMA).where(expr("price > 0")))).isFalse();
    }

    @Test
    void anUnknownColumnFailsTheAnalysisWithItsNameAsAParameter(SparkSession spark) {
        assertThatThrownBy(() -> condition(spark, "prise < 10"))
                .isInstanceOfSatisfying(AnalysisException.class, e -> {
                    assertThat(e.getCondition()).startsWith("UNRESOLVED_COLUMN");
                    assertThat(e.getMessageParameters()).containsEntry("objectName", "`prise`");
                });
    }

    private static Dataset<Row> condition(SparkSession spark, String sql) {
        return spark.createDataFrame(List.<Row>of(), SCHEMA).select(expr(sql));
    }
}
