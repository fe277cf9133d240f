package io.sluice.onboard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;

import io.sluice.connector.RawColumns;
import io.sluice.framework.validate.CompiledValidation;
import io.sluice.framework.validate.ValidationCompiler;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.metadata.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Proves a draft on its sample with the run's own validation: the draft is loaded by the descriptor loader
 * (as {@code sluice validate} loads it), compiled by {@link ValidationCompiler}, and applied to the raw rows a run
 * reads from the sample. A column whose guess rejects a value is relaxed (its constraints dropped; then, if its
 * values still do not parse, read as a string) until the sample passes, so that a draft publishes its own sample
 * with 0 errors. Records that cannot be split into fields are not the columns' fault: they stay counted as
 * remaining errors.
 */
final class DraftVerifier {
    private DraftVerifier() {
    }

    /**
     * The outcome.
     *
     * @param draft     the draft, relaxed where the sample required it
     * @param rows      raw rows of the sample
     * @param remaining rejected rows no column change could avoid (records that cannot be split into fields)
     */
    record Verified(DatasetDraft draft, long rows, long remaining) {
    }

    /**
     * @param sourceYaml the source's descriptor text (the one written, or a stand-in of the existing one)
     * @param rawRows    the raw rows a run reads, given the loaded dataset
     */
    static Verified verify(SparkSession spark, String sourceYaml, DatasetDraft draft,
                           Function<DatasetSpec, Dataset<Row>> rawRows) {
        DatasetDraft current = draft;
        for (int round = 0; round <= 2 * draft.columns().size() + 1; round++) {
            DatasetSpec dataset = load(sourceYaml, current);
            Dataset<Row> raw = rawRows.apply(dataset);
            if (List.of(raw.columns()).contains(RawColumns.SKIPPED)) {
                // skipped records (preamble, footer) are counted apart by a run, never as errors
                raw = raw.filter(col(RawColumns.SKIPPED).isNull());
            }
            CompiledValidation validation = ValidationCompiler.compile(spark, dataset, raw.schema());
            Dataset<Row> checked = validation.check(raw).cache();
            try {
                long rows = checked.count();
                List<Row> reasons = validation.errors(checked)
                        .select(explode(col("_errors")).as("e"))
                        .groupBy(col("e.column"), col("e.rule"))
                        .agg(count("*").as("n"), first(col("e.message")).as("example"))
                        .collectAsList();
                if (reasons.isEmpty()) {
                    return new Verified(current, rows, 0);
                }
                DatasetDraft relaxed = relax(current, reasons);
                if (relaxed.equals(current)) {
                    long remaining = validation.errors(checked).count();
                    return new Verified(current.withNote(remaining + " of " + rows + " sample record(s) are rejected"
                            + " whatever the columns say (records that cannot be split into fields): fix the file"
                            + " or the extract settings"), rows, remaining);
                }
                current = relaxed;
            } finally {
                checked.unpersist(true);
            }
        }
        throw new IllegalStateException("the draft of " + draft.qualifiedName() + " did not settle");
    }

    private static DatasetDraft relax(DatasetDraft draft, List<Row> reasons) {
        Set<String> retype = new HashSet<>();
        Set<String> unconstrain = new HashSet<>();
        List<String> why = new ArrayList<>();
        boolean duplicates = false;
        for (Row r : reasons) {
            String column = r.getString(0);
            String rule = r.getString(1);
            if (column == null) {
                continue;
            }
            why.add(column + ": " + r.getLong(2) + " x " + r.getString(3));
            if (rule.startsWith("unique")) {
                duplicates = true;
            }
            for (String c : column.split(",\\s*")) {
                (rule.equals("type") ? retype : unconstrain).add(c);
            }
        }
        boolean dropKeys = duplicates;
        return draft.withColumns(c -> {
            String reason = why.stream().filter(w -> w.startsWith(c.name() + ":")).findFirst().orElse("");
            if (retype.contains(c.name()) && !c.type().equals("string")) {
                return c.relaxed("the sample's validation rejected values as " + c.type() + " (" + reason
                        + "): string");
            }
            if (unconstrain.contains(c.name()) || dropKeys && c.key()) {
                if (c.key() || !c.nullable() || !c.allowed().isEmpty()) {
                    return c.unconstrained("the sample's validation rejected values (" + (reason.isEmpty()
                            ? "duplicate keys" : reason) + "): constraints dropped");
                }
                if (!c.type().equals("string")) {
                    return c.relaxed("the sample's validation rejected values (" + reason + "): string");
                }
            }
            return c;
        });
    }

    /** Loads the draft as {@code sluice validate} would, from a scratch descriptor folder. */
    static DatasetSpec load(String sourceYaml, DatasetDraft draft) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sluice-init-");
            Path descriptors = Files.createDirectories(dir.resolve("descriptors"));
            Files.writeString(descriptors.resolve("source.yaml"), sourceYaml, StandardCharsets.UTF_8);
            Files.writeString(descriptors.resolve("dataset.yaml"), DraftWriter.dataset(draft), StandardCharsets.UTF_8);
            Project project = DescriptorLoader.load(dir, descriptors);
            return project.dataset(draft.qualifiedName()).orElseThrow(() -> new IllegalStateException(
                    "the draft of " + draft.qualifiedName() + " did not load as a dataset"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                deleteAll(dir);
            }
        }
    }

    private static void deleteAll(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
