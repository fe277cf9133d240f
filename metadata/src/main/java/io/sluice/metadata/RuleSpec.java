package io.sluice.metadata;

import java.util.List;
import java.util.Objects;

/** A dataset-level rule. Column-level checks (min, pattern, …) live on {@link ColumnSpec}. */
public sealed interface RuleSpec permits RuleSpec.Unique, RuleSpec.Sql {

    /** Name reported in the error zone's {@code _errors.rule}. */
    String name();

    /** Where the rule is declared, for messages. */
    String pointer();

    /** The listed columns identify a row: rows of one run sharing them are all rejected. */
    record Unique(String name, List<String> columns, String pointer) implements RuleSpec {
        public Unique {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
            Objects.requireNonNull(pointer, "pointer");
        }
    }

    /** A Spark SQL boolean expression over the typed columns; a row where it is false is rejected (null passes). */
    record Sql(String name, String sql, String pointer) implements RuleSpec {
        public Sql {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(pointer, "pointer");
        }
    }
}
