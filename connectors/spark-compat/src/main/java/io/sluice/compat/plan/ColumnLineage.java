package io.sluice.compat.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationDef;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Which input columns each output column of a query is computed from, read from the query's analyzed plan: through
 * projections, joins, aggregates, windows and unions, an output column's sources are the input columns its
 * expression reads (directly: the columns a filter, a join condition or a grouping only select by are not sources).
 * An input is a view (temporary or not) the query reads by name.
 */
public final class ColumnLineage {
    private ColumnLineage() {
    }

    /** One input column. */
    public record Source(String input, String column) implements Comparable<Source> {
        public Source {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public int compareTo(Source other) {
            int byInput = input.compareTo(other.input);
            return byInput != 0 ? byInput : column.compareTo(other.column);
        }
    }

    /**
     * For each output column of {@code query}, in order, the columns of {@code inputs} (view names, compared
     * ignoring case; a source names the view as listed here) it is computed from; empty for a column computed from
     * no input column (a literal, {@code count(*)}).
     */
    public static Map<String, Set<Source>> of(Dataset<?> query, List<String> inputs) {
        Map<String, String> byLowerName = new HashMap<>();
        inputs.forEach(i -> byLowerName.put(i.toLowerCase(Locale.ROOT), i));
        LogicalPlan plan = query.queryExecution().analyzed();
        Map<Long, CTERelationDef> ctes = new HashMap<>();
        collectCtes(plan, ctes);
        Map<ExprId, Set<Source>> sources = sources(plan, byLowerName, ctes);
        Map<String, Set<Source>> out = new LinkedHashMap<>();
        for (Attribute attribute : list(plan.output())) {
            out.put(attribute.name(), sources.getOrDefault(attribute.exprId(), new TreeSet<>()));
        }
        return out;
    }

    /** The input columns behind every attribute the plan and its children define, by expression id. */
    private static Map<ExprId, Set<Source>> sources(LogicalPlan plan, Map<String, String> inputs,
                                                    Map<Long, CTERelationDef> ctes) {
        Map<ExprId, Set<Source>> out = new HashMap<>();
        if (plan instanceof CTERelationRef ref && ctes.containsKey(ref.cteId())) {
            // a reference to a common table expression outputs new attributes, in the order of the definition's
            CTERelationDef definition = ctes.get(ref.cteId());
            Map<ExprId, Set<Source>> defined = sources(definition, inputs, ctes);
            List<Attribute> refOutput = list(ref.output());
            List<Attribute> defOutput = list(definition.output());
            for (int i = 0; i < refOutput.size() && i < defOutput.size(); i++) {
                out.put(refOutput.get(i).exprId(), defined.getOrDefault(defOutput.get(i).exprId(), new TreeSet<>()));
            }
            return out;
        }
        if (plan instanceof SubqueryAlias alias && inputs.containsKey(alias.identifier().name().toLowerCase(Locale.ROOT))) {
            String input = inputs.get(alias.identifier().name().toLowerCase(Locale.ROOT));
            for (Attribute attribute : list(alias.output())) {
                out.put(attribute.exprId(), new TreeSet<>(Set.of(new Source(input, attribute.name()))));
            }
            return out;
        }
        List<LogicalPlan> children = list(plan.children());
        for (LogicalPlan child : children) {
            sources(child, inputs, ctes).forEach((id, s) -> out.merge(id, s, ColumnLineage::union));
        }
        // subqueries in expressions (IN, EXISTS, scalar) are plans of their own
        for (LogicalPlan sub : list(plan.subqueries())) {
            sources(sub, inputs, ctes).forEach((id, s) -> out.merge(id, s, ColumnLineage::union));
        }
        if (plan instanceof Union union) {
            List<Attribute> output = list(union.output());
            for (LogicalPlan child : children) {
                List<Attribute> childOutput = list(child.output());
                for (int i = 0; i < output.size() && i < childOutput.size(); i++) {
                    Set<Source> s = out.getOrDefault(childOutput.get(i).exprId(), new TreeSet<>());
                    out.merge(output.get(i).exprId(), new TreeSet<>(s), ColumnLineage::union);
                }
            }
        }
        for (Expression expression : list(plan.expressions())) {
            aliases(expression, out);
        }
        return out;
    }

    private static void collectCtes(LogicalPlan plan, Map<Long, CTERelationDef> ctes) {
        if (plan instanceof CTERelationDef definition) {
            ctes.put(definition.id(), definition);
        }
        list(plan.children()).forEach(child -> collectCtes(child, ctes));
        list(plan.subqueries()).forEach(sub -> collectCtes(sub, ctes));
    }

    /** Every alias inside {@code expression} gets the sources of the attributes its child reads. */
    private static void aliases(Expression expression, Map<ExprId, Set<Source>> sources) {
        for (Expression child : list(expression.children())) {
            aliases(child, sources);
        }
        if (expression instanceof Alias alias) {
            Set<Source> read = new TreeSet<>();
            for (Attribute attribute : list(alias.child().references().toSeq())) {
                read.addAll(sources.getOrDefault(attribute.exprId(), Set.of()));
            }
            sources.merge(alias.exprId(), read, ColumnLineage::union);
        }
    }

    private static Set<Source> union(Set<Source> a, Set<Source> b) {
        Set<Source> both = new TreeSet<>(a);
        both.addAll(b);
        return both;
    }

    private static <T> List<T> list(scala.collection.Seq<T> seq) {
        return new ArrayList<>(CollectionConverters.asJava(seq));
    }
}
