package io.sluice.framework.validate;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The other datasets' current valid tables that a dataset's {@code references} and {@code lookup} rules read
 * ({@link io.sluice.metadata.DatasetSpec#ruleInputs()}). {@link ValidationCompiler#compile} asks once per input and
 * reads each table once per check, as the returned DataFrame stands (a Delta read is pinned to the snapshot it
 * was created on).
 */
@FunctionalInterface
public interface RuleInputs {

    /**
     * The current valid table of {@code qualifiedDataset} ({@code source.dataset}); empty when it does not exist
     * yet (then a foreign key rejects every non-null value and a lookup rule fails every row, saying so).
     */
    Optional<Dataset<Row>> validTable(String qualifiedDataset);

    /** No table exists: for datasets without cross-dataset rules, and to check what a first run would do. */
    static RuleInputs none() {
        return qualifiedDataset -> Optional.empty();
    }
}
