package io.sluice.metadata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every descriptor of a project, checked: names are unique, datasets name existing sources, refined inputs
 * exist and refined datasets form no cycle. Built by the descriptor loader.
 */
public record Project(List<SourceSpec> sources, List<DatasetSpec> datasets, List<RefinedSpec> refined) {
    public Project {
        sources = List.copyOf(sources);
        datasets = List.copyOf(datasets);
        refined = List.copyOf(refined);
    }

    public Optional<SourceSpec> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<DatasetSpec> datasetsOf(String sourceName) {
        return datasets.stream().filter(d -> d.source().equals(sourceName)).toList();
    }

    /** A dataset by its qualified name {@code source.dataset}. */
    public Optional<DatasetSpec> dataset(String qualifiedName) {
        return datasets.stream().filter(d -> d.qualifiedName().equals(qualifiedName)).findFirst();
    }

    public Optional<RefinedSpec> refined(String name) {
        return refined.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * The refined datasets that depend, directly or through other refined datasets, on any of the given
     * qualified dataset names, in an order where every refined dataset comes after its inputs.
     */
    public List<RefinedSpec> refinedDownstreamOf(Set<String> qualifiedDatasets) {
        Set<String> changed = new HashSet<>(qualifiedDatasets);
        List<RefinedSpec> out = new ArrayList<>();
        for (RefinedSpec r : refinedInOrder()) {
            if (r.inputs().stream().anyMatch(changed::contains)) {
                out.add(r);
                changed.add(r.name());
            }
        }
        return List.copyOf(out);
    }

    /** All refined datasets, each after its refined inputs (the loader has rejected cycles). */
    public List<RefinedSpec> refinedInOrder() {
        LinkedHashSet<String> done = new LinkedHashSet<>();
        List<RefinedSpec> out = new ArrayList<>();
        boolean progress = true;
        while (out.size() < refined.size() && progress) {
            progress = false;
            for (RefinedSpec r : refined) {
                if (done.contains(r.name())) {
                    continue;
                }
                boolean ready = r.inputs().stream().allMatch(i -> i.contains(".") || done.contains(i));
                if (ready) {
                    done.add(r.name());
                    out.add(r);
                    progress = true;
                }
            }
        }
        if (out.size() < refined.size()) {
            throw new IllegalStateException("refined datasets form a cycle; the loader should have rejected it");
        }
        return List.copyOf(out);
    }
}
