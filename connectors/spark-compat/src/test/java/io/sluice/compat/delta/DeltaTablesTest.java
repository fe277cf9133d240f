package io.sluice.compat.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.exceptions.ConcurrentAppendException;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A table another process created or changed meanwhile is a conflict to run again, not an internal error. */
@ExtendWith(SparkExtension.class)
class DeltaTablesTest {

    @Test
    void creatingATableAnotherProcessCreatedMeanwhileIsAConflict(SparkSession spark, @TempDir Path dir) {
        String path = dir.resolve("valid").toString();
        DeltaTables.create(spark.sql("SELECT 1 AS id"), path, Optional.empty(), Map.of());

        assertThatThrownBy(() -> DeltaTables.create(spark.sql("SELECT 2 AS id"), path, Optional.empty(), Map.of()))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("TABLE_WRITTEN_CONCURRENTLY");
                    assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT);
                })
                .hasMessage("the Delta table " + path + " was created or changed by another process while this run"
                        + " wrote it (TableAlreadyExistsException); nothing of this write was committed: run again"
                        + " once the other process has finished, and check that no other job writes Sluice's tables");
        assertThat(spark.read().format("delta").load(path).collectAsList()).hasSize(1);
    }

    @Test
    void aConcurrentCommitIsFoundBehindTheExceptionsThatWrapIt() {
        ConcurrentAppendException commit = new ConcurrentAppendException("Files were added to the root of the table");

        assertThat(DeltaTables.concurrentCommit(new RuntimeException("write failed", commit))).contains(commit);
        assertThat(DeltaTables.concurrentCommit(new RuntimeException("write failed",
                new java.io.IOException("disk full")))).isEmpty();
    }
}
