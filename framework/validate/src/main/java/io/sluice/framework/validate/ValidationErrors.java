package io.sluice.framework.validate;

import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.util.List;

/** Every exception this module throws on purpose, so codes and wording stay in one place. */
final class ValidationErrors {
    static final String TIME_PARSER_POLICY_KEY = "spark.sql.legacy.timeParserPolicy";

    private ValidationErrors() {
    }

    static SluiceException unexpectedColumns(DatasetSpec dataset, List<String> columns) {
        return new SluiceException(StandardErrorCode.DRIFT_UNEXPECTED_COLUMNS,
                dataset.origin().file() + ":" + dataset.origin().lineOf("/drift") + ": dataset "
                        + dataset.qualifiedName() + ": the source has columns the schema does not declare: "
                        + String.join(", ", columns) + " (drift: fail); declare them in the schema, or set drift "
                        + "to rescue, evolve or ignore");
    }

    static SluiceException evolvedNamesTaken(DatasetSpec dataset, List<String> columns) {
        return new SluiceException(StandardErrorCode.DRIFT_UNEXPECTED_COLUMNS,
                dataset.origin().file() + ":" + dataset.origin().lineOf("/drift") + ": dataset "
                        + dataset.qualifiedName() + ": the source has columns the schema does not declare whose "
                        + "names are lake names of declared columns read from other fields: "
                        + String.join(", ", columns) + " (drift: evolve cannot add them); declare them in the schema "
                        + "under other names (from), or set drift to rescue or ignore");
    }

    static SluiceException timeParserPolicy(String policy) {
        return new SluiceException(StandardErrorCode.SPARK_TIME_PARSER_POLICY,
                TIME_PARSER_POLICY_KEY + " is " + policy + ", but strict date and timestamp parsing needs "
                        + "CORRECTED (Spark's default): with LEGACY '2026-02-03x' is a date, with EXCEPTION an "
                        + "invalid date stops the job; remove the setting or set it to CORRECTED");
    }

    static IllegalArgumentException schemaChanged(List<String> bound, List<String> given) {
        return new IllegalArgumentException("check() was given a DataFrame whose schema differs from the one "
                + "compile() bound (bound: " + bound + ", given: " + given + "); compile again with raw.schema()");
    }
}
