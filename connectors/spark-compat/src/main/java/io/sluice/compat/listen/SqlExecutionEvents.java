package io.sluice.compat.listen;

import java.util.Optional;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;

/**
 * Spark SQL's execution start and end events, as a listener's {@code onOtherEvent} receives them: the only place
 * where each SQL execution's physical plan is seen from outside (the benchmark names its phases from it).
 */
public final class SqlExecutionEvents {
    private SqlExecutionEvents() {
    }

    /**
     * One SQL execution's start or end.
     *
     * @param root        the execution this one is nested in (itself when it is not nested)
     * @param description and {@code plan}: null for an end
     */
    public record SqlExecutionEvent(boolean start, long id, long root, String description, String plan, long time) {
    }

    /** The event as a SQL execution's start or end; empty for any other event. */
    public static Optional<SqlExecutionEvent> of(SparkListenerEvent event) {
        if (event instanceof SparkListenerSQLExecutionStart start) {
            long id = start.executionId();
            long root = start.rootExecutionId().isDefined() ? ((Number) start.rootExecutionId().get()).longValue() : id;
            return Optional.of(new SqlExecutionEvent(true, id, root, start.description(),
                    start.physicalPlanDescription(), start.time()));
        }
        if (event instanceof SparkListenerSQLExecutionEnd end) {
            return Optional.of(new SqlExecutionEvent(false, end.executionId(), end.executionId(), null, null,
                    end.time()));
        }
        return Optional.empty();
    }
}
