package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ErrorCode;
import io.sluice.metadata.SluiceException;
import io.sluice.testing.SparkExtension;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connector's {@link SluiceException} thrown inside a Spark task (a landed file gone when its rows are read)
 * reaches the driver as the cause of Spark's job failure and keeps its code and category there, so a run fails
 * with the connector's category (exit 3 for a source problem), not as an internal error (exit 1). Pins the Spark
 * behaviour this relies on: the task's exception is shipped back as the cause.
 */
@ExtendWith(SparkExtension.class)
class ShippedFailureTest {

    private static final ErrorCode GONE = ErrorCode.of("TEST_FILE_GONE", ErrorCategory.SOURCE);

    @Test
    void aSluiceExceptionThrownInATaskIsFoundWithItsCodeAndCategory(SparkSession spark) {
        MapPartitionsFunction<Integer, Integer> failing = rows -> {
            throw new SluiceException(GONE, "cannot read the landed file x.csv: gone");
        };
        Throwable failure = catchThrowable(() -> spark.createDataset(List.of(1, 2, 3), Encoders.INT())
                .mapPartitions(failing, Encoders.INT()).collectAsList());

        assertThat(failure).isNotInstanceOf(SluiceException.class);
        assertThat(RunAttempts.shippedFailure(failure)).hasValueSatisfying(e -> {
            assertThat(e.code()).isEqualTo("TEST_FILE_GONE");
            assertThat(e.category()).isEqualTo(ErrorCategory.SOURCE);
            assertThat(e.getMessage()).isEqualTo("cannot read the landed file x.csv: gone");
        });
    }

    @Test
    void aFailureWithoutOneIsNotMistakenForIt(SparkSession spark) {
        MapPartitionsFunction<Integer, Integer> failing = rows -> {
            throw new IllegalStateException("a bug");
        };
        Throwable failure = catchThrowable(() -> spark.createDataset(List.of(1), Encoders.INT())
                .mapPartitions(failing, Encoders.INT()).collectAsList());

        assertThat(failure).isNotNull();
        assertThat(RunAttempts.shippedFailure(failure)).isEmpty();
    }
}
