package io.sluice.compat.plan;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;

/**
 * Questions about the shape of a query's analyzed (not optimized) plan. Spark's public API says what a query
 * returns, not how its rows are computed; these answers come from Catalyst's logical plan.
 */
public final class AnalyzedPlans {
    private AnalyzedPlans() {
    }

    /**
     * Whether the query is one projection straight over local rows ({@code spark.createDataFrame(rows,
     * schema).select(...)}): each output row is computed from one input row alone. A select with an aggregate, a
     * window or a generator function (e.g. {@code explode}) is analyzed into another node and answers false, as
     * does a select over anything but local rows.
     */
    public static boolean isRowByRowProjectionOfLocalRows(Dataset<?> query) {
        LogicalPlan plan = query.queryExecution().analyzed();
        return plan instanceof Project project && project.child() instanceof LocalRelation;
    }
}
