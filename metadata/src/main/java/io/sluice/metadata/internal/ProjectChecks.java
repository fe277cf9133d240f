package io.sluice.metadata.internal;

import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.RuleSpec;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.Descriptor;
import io.sluice.metadata.Problem;
import io.sluice.metadata.Project;
import io.sluice.metadata.RefinedSpec;
import io.sluice.metadata.SourceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks across documents: unique names, datasets naming declared sources, refined inputs that exist and no
 * cycle between refined datasets. Fills each dataset's owner from its source when it names none.
 */
public final class ProjectChecks {
    private ProjectChecks() {
    }

    public static Project check(List<Descriptor> descriptors, List<Problem> problems) {
        Map<String, SourceSpec> sources = new LinkedHashMap<>();
        Map<String, DatasetSpec> datasets = new LinkedHashMap<>();
        Map<String, RefinedSpec> refined = new LinkedHashMap<>();
        for (Descriptor d : descriptors) {
            if (d instanceof SourceSpec s) {
                unique(sources, s.name(), s, "source '" + s.name() + "'", problems);
            } else if (d instanceof DatasetSpec ds) {
                unique(datasets, ds.qualifiedName(), ds, "dataset '" + ds.name() + "' in source '" + ds.source() + "'", problems);
            } else if (d instanceof RefinedSpec r) {
                unique(refined, r.name(), r, "refined dataset '" + r.name() + "'", problems);
            } else {
                throw new IllegalStateException("unexpected descriptor " + d.getClass());
            }
        }
        List<DatasetSpec> withOwners = new ArrayList<>();
        for (DatasetSpec ds : datasets.values()) {
            SourceSpec source = sources.get(ds.source());
            if (source == null) {
                String declared = sources.isEmpty() ? "no source is declared"
                        : "declared sources: " + String.join(", ", new TreeSet<>(sources.keySet()));
                problems.add(ds.origin().problem("/source", "unknown source '" + ds.source() + "' (" + declared + ")"
                        + Suggestions.hint(ds.source(), sources.keySet())));
                withOwners.add(ds);
            } else {
                withOwners.add(ds.owner().isPresent() || source.owner().isEmpty() ? ds : withOwner(ds, source.owner()));
            }
        }
        for (DatasetSpec ds : datasets.values()) {
            checkRuleInputs(ds, datasets, problems);
        }
        for (RefinedSpec r : refined.values()) {
            checkInputs(r, datasets, refined, problems);
        }
        checkCycles(refined, problems);
        return new Project(List.copyOf(sources.values()), withOwners, List.copyOf(refined.values()));
    }

    private static <T extends Descriptor> void unique(Map<String, T> seen, String key, T descriptor, String what,
                                                      List<Problem> problems) {
        T first = seen.putIfAbsent(key, descriptor);
        if (first != null) {
            problems.add(descriptor.origin().problem("/name", "duplicate " + what + " (first declared at "
                    + first.origin().file() + ":" + first.origin().lineOf("/name") + ")"));
        }
    }

    private static DatasetSpec withOwner(DatasetSpec d, Optional<String> owner) {
        return new DatasetSpec(d.name(), d.source(), d.description(), owner, d.tags(), d.extract(), d.columns(),
                d.rules(), d.drift(), d.validMode(), d.maxErrorRatio(), d.nullValues(), d.columnNaming(), d.freshness(),
                d.origin());
    }

    /** A foreign key or lookup names a declared dataset and columns it declares. */
    private static void checkRuleInputs(DatasetSpec ds, Map<String, DatasetSpec> datasets, List<Problem> problems) {
        for (RuleSpec rule : ds.rules()) {
            if (rule instanceof RuleSpec.References ref) {
                String at = ref.pointer() + "/references";
                referenced(ds, ref.qualifiedDataset(), datasets, at, problems).ifPresent(other -> {
                    if (other.column(ref.refColumn()).isEmpty() && !other.columns().isEmpty()) {
                        problems.add(ds.origin().problem(at, "dataset '" + ref.qualifiedDataset()
                                + "' has no column '" + ref.refColumn() + "' (its columns: "
                                + String.join(", ", other.columns().stream().map(ColumnSpec::name).toList()) + ")"
                                + Suggestions.hint(ref.refColumn(), other.columns().stream().map(ColumnSpec::name)
                                .toList())));
                    }
                });
            } else if (rule instanceof RuleSpec.Sql sql && sql.lookup().isPresent()) {
                RuleSpec.Lookup lookup = sql.lookup().get();
                String at = sql.pointer() + "/lookup/dataset";
                referenced(ds, lookup.qualifiedDataset(), datasets, at, problems).ifPresent(other -> {
                    for (int i = 0; i < lookup.on().size(); i++) {
                        String column = lookup.on().get(i);
                        if (other.columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(column))) {
                            problems.add(ds.origin().problem(sql.pointer() + "/lookup/on/" + i, "lookup dataset '"
                                    + lookup.qualifiedDataset() + "' has no column '" + column + "' to match on"));
                        }
                    }
                });
            }
        }
    }

    private static Optional<DatasetSpec> referenced(DatasetSpec ds, String qualified, Map<String, DatasetSpec> datasets,
                                                    String at, List<Problem> problems) {
        DatasetSpec other = datasets.get(qualified);
        if (other == null) {
            problems.add(ds.origin().problem(at, "unknown dataset '" + qualified + "' (write source.dataset of a "
                    + "declared dataset)" + Suggestions.hint(qualified, datasets.keySet())));
            return Optional.empty();
        }
        return Optional.of(other);
    }

    private static void checkInputs(RefinedSpec r, Map<String, DatasetSpec> datasets, Map<String, RefinedSpec> refined,
                                    List<Problem> problems) {
        for (int i = 0; i < r.inputs().size(); i++) {
            String input = r.inputs().get(i);
            String message;
            if (input.contains(".")) {
                if (datasets.containsKey(input)) {
                    continue;
                }
                String source = input.substring(0, input.indexOf('.'));
                boolean sourceKnown = datasets.values().stream().anyMatch(d -> d.source().equals(source));
                message = "unknown input '" + input + "': " + (sourceKnown
                        ? "no dataset '" + RefinedSpec.alias(input) + "' in source '" + source + "'"
                        : "no dataset of a source '" + source + "' is declared")
                        + Suggestions.hint(input, datasets.keySet());
            } else {
                if (refined.containsKey(input)) {
                    continue;
                }
                List<String> sameName = datasets.values().stream().filter(d -> d.name().equals(input))
                        .map(DatasetSpec::qualifiedName).toList();
                message = "unknown input '" + input + "': no refined dataset '" + input
                        + "' (write source.dataset to read a dataset)"
                        + (sameName.isEmpty() ? Suggestions.hint(input, refined.keySet())
                        : "; did you mean '" + String.join("' or '", sameName) + "'?");
            }
            problems.add(r.origin().problem("/inputs/" + i, message));
        }
    }

    /** Reports each cycle once, at the input of its alphabetically first member that closes it. */
    private static void checkCycles(Map<String, RefinedSpec> refined, List<Problem> problems) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        Set<String> reported = new TreeSet<>();
        for (String start : new TreeSet<>(refined.keySet())) {
            visit(start, refined, state, new ArrayList<>(), reported, problems);
        }
    }

    private static void visit(String name, Map<String, RefinedSpec> refined, Map<String, Integer> state,
                              List<String> path, Set<String> reported, List<Problem> problems) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return;
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            int first = cycle.indexOf(new TreeSet<>(cycle).first());
            List<String> rotated = new ArrayList<>(cycle.subList(first, cycle.size()));
            rotated.addAll(cycle.subList(0, first));
            String key = String.join(" -> ", rotated);
            if (reported.add(key)) {
                RefinedSpec head = refined.get(rotated.get(0));
                String next = rotated.size() > 1 ? rotated.get(1) : rotated.get(0);
                problems.add(head.origin().problem("/inputs/" + head.inputs().indexOf(next),
                        "refined datasets form a cycle: " + key + " -> " + rotated.get(0)));
            }
            return;
        }
        state.put(name, 1);
        path.add(name);
        for (String input : refined.get(name).inputs()) {
            if (refined.containsKey(input)) {
                visit(input, refined, state, path, reported, problems);
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
    }
}
