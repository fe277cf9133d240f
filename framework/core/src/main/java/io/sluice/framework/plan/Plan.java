package io.sluice.framework.plan;

import io.sluice.framework.plan.RunRequest;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.Project;
import io.sluice.metadata.RefinedSpec;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import io.sluice.metadata.SourceSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The steps a run of one source takes, in order: each dataset (land, validate, publish), then refined builds. */
public record Plan(SourceSpec source, List<DatasetSpec> datasets, List<RefinedSpec> refined) {
    public Plan {
        datasets = List.copyOf(datasets);
        refined = List.copyOf(refined);
    }

    public static Plan of(Project project, RunRequest request) {
        SourceSpec source = project.source(request.source()).orElseThrow(() -> new SluiceException(
                StandardErrorCode.SOURCE_UNKNOWN, "no source named '" + request.source() + "' (known: "
                + String.join(", ", project.sources().stream().map(SourceSpec::name).toList()) + ")"));
        List<DatasetSpec> datasets = project.datasetsOf(source.name()).stream()
                .filter(d -> request.dataset().map(d.name()::equals).orElse(true)).toList();
        Set<String> qualified = new LinkedHashSet<>();
        project.datasetsOf(source.name()).forEach(d -> qualified.add(d.qualifiedName()));
        return new Plan(source, datasets, project.refinedDownstreamOf(qualified));
    }

    /** One line per step, as {@code sluice plan} prints it. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        int step = 1;
        for (DatasetSpec d : datasets) {
            lines.add(String.format(Locale.ROOT, "%d. %-32s land (%s) -> validate (%d columns, %d rules) -> valid [%s] + error",
                    step++, d.qualifiedName(), source.connector(), d.columns().size(), d.rules().size(),
                    d.validMode().name().toLowerCase(Locale.ROOT)));
        }
        for (RefinedSpec r : refined) {
            lines.add(String.format(Locale.ROOT, "%d. %-32s refine from %s -> refined [%s]", step++, r.name(),
                    String.join(", ", r.inputs()), r.mode().name().toLowerCase(Locale.ROOT)));
        }
        return lines;
    }
}
