package io.sluice.metadata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A dataset-level rule. Column-level checks (min, pattern, …) live on {@link ColumnSpec}. */
public sealed interface RuleSpec permits RuleSpec.Unique, RuleSpec.Sql, RuleSpec.References {

    /** Name reported in the error zone's {@code _errors.rule}. */
    String name();

    /** Where the rule is declared, for messages. */
    String pointer();

    /**
     * The listed columns identify a row. With {@link Keep#NONE} every row of a run sharing a key is rejected; with
     * {@link Keep#FIRST} the first one (by {@code orderBy} ascending, nulls last, then by delivery order: the batch's
     * file order, then the line) is kept and only the others are rejected.
     */
    record Unique(String name, List<String> columns, Keep keep, Optional<String> orderBy, String pointer)
            implements RuleSpec {
        public Unique {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
            Objects.requireNonNull(keep, "keep");
            Objects.requireNonNull(orderBy, "orderBy");
            Objects.requireNonNull(pointer, "pointer");
            if (orderBy.isPresent() && keep != Keep.FIRST) {
                throw new IllegalArgumentException("order_by needs keep: first");
            }
        }

        /** A unique rule that rejects every row sharing a key (the default). */
        public Unique(String name, List<String> columns, String pointer) {
            this(name, columns, Keep.NONE, Optional.empty(), pointer);
        }
    }

    /** What a {@link Unique} rule does with rows sharing a key. */
    enum Keep {
        /** Reject them all. */
        NONE,
        /** Keep the first, reject the others. */
        FIRST
    }

    /**
     * A Spark SQL boolean expression over the typed columns; a row where it is false is rejected (null passes). With a
     * {@code lookup}, the expression may also use {@code <alias>.<column>} of the lookup dataset's valid row that
     * matches the row on the lookup's {@code on} columns.
     */
    record Sql(String name, String sql, Optional<Lookup> lookup, String pointer) implements RuleSpec {
        public Sql {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(pointer, "pointer");
        }

        /** A rule over the row's own columns. */
        public Sql(String name, String sql, String pointer) {
            this(name, sql, Optional.empty(), pointer);
        }
    }

    /**
     * The row of another dataset's current valid table a {@link Sql} rule may read: the one whose {@code on} columns
     * equal the row's same-named columns. No match gives nulls; several matches fail the rule for that row.
     *
     * @param source  the lookup dataset's source
     * @param dataset the lookup dataset
     * @param alias   the name its columns go by in the rule's SQL ({@code alias.column})
     * @param on      the columns, present in both datasets, that join a row to its lookup row
     */
    record Lookup(String source, String dataset, String alias, List<String> on) {
        public Lookup {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(alias, "alias");
            on = List.copyOf(on);
        }

        /** {@code source.dataset}. */
        public String qualifiedDataset() {
            return source + "." + dataset;
        }
    }

    /**
     * A foreign key: a row whose {@code column} is not null and is not among the values of {@code refColumn} in the
     * current valid table of {@code refSource.refDataset} is rejected.
     */
    record References(String name, String column, String refSource, String refDataset, String refColumn,
                      String pointer) implements RuleSpec {
        public References {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(refSource, "refSource");
            Objects.requireNonNull(refDataset, "refDataset");
            Objects.requireNonNull(refColumn, "refColumn");
            Objects.requireNonNull(pointer, "pointer");
        }

        /** {@code source.dataset} of the referenced dataset. */
        public String qualifiedDataset() {
            return refSource + "." + refDataset;
        }
    }
}
