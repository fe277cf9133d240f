package io.sluice.framework.refine;

import io.sluice.compat.plan.ColumnLineage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.report.RefinedOutcome;
import io.sluice.compat.delta.DeltaTables;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.RefinedSpec;
import io.sluice.metadata.WriteMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one refined dataset: its SQL over pinned versions of its inputs, written as Delta.
 *
 * <p>Each build records, in the Delta commit's user metadata, the version of every input it read. A build whose
 * inputs are at the recorded versions is skipped, so re-running a run that changed nothing leaves the refined
 * table untouched, and a build interrupted before its commit is simply done again.
 */
public final class RefinedBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(RefinedBuilder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final LakeLayout lake;

    public RefinedBuilder(SparkSession spark, LakeLayout lake) {
        this.spark = spark;
        this.lake = lake;
    }

    /** The Delta location of an input: {@code source.dataset} is a valid table, a bare name a refined one. */
    public String inputLocation(String input) {
        int dot = input.indexOf('.');
        return dot < 0 ? lake.refined(input) : lake.valid(input.substring(0, dot), input.substring(dot + 1));
    }

    /**
     * Which input columns feed each column of the refined table, from the analyzed plan of its SQL over its inputs
     * at {@code versions} (no data is read: only the inputs' Delta logs). Keys are the table's columns in order;
     * sources name the input as the descriptor lists it ({@code source.dataset} or a refined name). The views live
     * in a session of their own, so that a build running at the same time keeps its views.
     */
    public Map<String, java.util.Set<ColumnLineage.Source>> columnLineage(RefinedSpec refined,
                                                                         Map<String, Long> versions) {
        SparkSession session = spark.newSession();
        Map<String, String> inputByAlias = new java.util.HashMap<>();
        for (String input : refined.inputs()) {
            Long version = versions.get(input);
            var reader = session.read().format("delta");
            if (version != null) {
                reader = reader.option("versionAsOf", version);
            }
            reader.load(inputLocation(input)).createOrReplaceTempView(RefinedSpec.alias(input));
            inputByAlias.put(RefinedSpec.alias(input), input);
        }
        Map<String, java.util.Set<ColumnLineage.Source>> byAlias = ColumnLineage.of(session.sql(refined.sql()),
                List.copyOf(inputByAlias.keySet()));
        Map<String, java.util.Set<ColumnLineage.Source>> out = new java.util.LinkedHashMap<>();
        byAlias.forEach((column, sources) -> {
            java.util.Set<ColumnLineage.Source> named = new java.util.TreeSet<>();
            sources.forEach(src -> named.add(new ColumnLineage.Source(inputByAlias.get(src.input()), src.column())));
            out.put(column, named);
        });
        return out;
    }

    public RefinedOutcome build(RefinedSpec refined) {
        long start = System.nanoTime();
        Map<String, Long> versions = new TreeMap<>();
        for (String input : refined.inputs()) {
            String path = inputLocation(input);
            if (!DeltaTable.isDeltaTable(spark, path)) {
                String message = refined.name() + ": input " + input + " has no table yet (run its source first)";
                LOG.info(message);
                return outcome(refined, RefinedOutcome.Status.WAITING_FOR_INPUT, 0, Optional.empty(), versions, start,
                        Optional.of(message));
            }
            versions.put(input, latestVersion(path));
        }
        String target = lake.refined(refined.name());
        Optional<Map<String, Long>> built = builtFrom(target);
        if (built.isPresent() && built.get().equals(versions)) {
            LOG.info("{}: inputs unchanged since its last build, left as it is", refined.name());
            // a run killed between the build and its description, or a descriptor that changed only its
            // description, owner or tags, still gets the table described (no commit when nothing differs)
            describe(refined, target);
            return outcome(refined, RefinedOutcome.Status.UNCHANGED, 0, Optional.of(latestVersion(target)), versions,
                    start, Optional.empty());
        }

        for (String input : refined.inputs()) {
            spark.read().format("delta").option("versionAsOf", versions.get(input)).load(inputLocation(input))
                    .createOrReplaceTempView(RefinedSpec.alias(input));
        }
        Dataset<Row> result;
        try {
            result = spark.sql(refined.sql());
            result.schema();
        } catch (Exception e) {
            if (!(e instanceof AnalysisException)) {
                throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
            }
            throw DescriptorException.of(refined.origin(), "/sql", "the query does not run: "
                    + firstLine(e.getMessage()) + " (inputs are known as: "
                    + refined.inputs().stream().map(RefinedSpec::alias).collect(Collectors.joining(", ")) + ")");
        } finally {
            refined.inputs().forEach(i -> spark.catalog().dropTempView(RefinedSpec.alias(i)));
        }
        String metadata = toJson(Map.of("inputs", versions));
        long rows;
        io.sluice.framework.fault.FaultPoints.reached("refine.before-write");
        if (refined.mode() == WriteMode.MERGE && DeltaTable.isDeltaTable(spark, target)) {
            String on = refined.key().stream().map(k -> "t.`" + k + "` = s.`" + k + "`")
                    .collect(Collectors.joining(" AND "));
            spark.conf().set("spark.databricks.delta.commitInfo.userMetadata", metadata);
            try {
                DeltaTable.forPath(spark, target).as("t").merge(result.as("s"), on)
                        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
            } finally {
                spark.conf().unset("spark.databricks.delta.commitInfo.userMetadata");
            }
            rows = DeltaTables.lastCommit(spark, target).orElseThrow().metric("numSourceRows");
        } else {
            result.write().format("delta").mode("overwrite").option("overwriteSchema", "true")
                    .option("userMetadata", metadata).save(target);
            rows = DeltaTables.lastCommit(spark, target).orElseThrow().metric("numOutputRows");
        }
        io.sluice.framework.fault.FaultPoints.reached("refine.after-write");
        describe(refined, target);
        LOG.info("{}: built {} rows from {}", refined.name(), rows, versions);
        return outcome(refined, RefinedOutcome.Status.WRITTEN, rows, Optional.of(latestVersion(target)), versions,
                start, Optional.empty());
    }

    /** The refined table carries the descriptor's description, owner and tags, for any Spark reader. */
    private void describe(RefinedSpec refined, String target) {
        Map<String, String> properties = new TreeMap<>();
        refined.owner().ifPresent(o -> properties.put("sluice.owner", o));
        properties.put("sluice.tags", String.join(",", refined.tags()));
        properties.put("sluice.refined", refined.name());
        properties.put("sluice.descriptor", refined.origin().file());
        DeltaTables.describe(spark, target, refined.description(), properties);
    }

    private Optional<Map<String, Long>> builtFrom(String target) {
        if (!DeltaTable.isDeltaTable(spark, target)) {
            return Optional.empty();
        }
        // the newest build's commit; commits after it (table properties) carry no user metadata
        Optional<String> recent = DeltaTables.latestUserMetadata(spark, target, 20);
        if (recent.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, Map<String, Long>> parsed = JSON.readValue(recent.get(), new TypeReference<>() { });
            return Optional.ofNullable(parsed.get("inputs")).map(TreeMap::new);
        } catch (JsonProcessingException e) {
            LOG.warn("Unreadable build metadata on {}; rebuilding", target);
            return Optional.empty();
        }
    }

    private long latestVersion(String path) {
        return DeltaTables.lastCommit(spark, path).orElseThrow().version();
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static RefinedOutcome outcome(RefinedSpec r, RefinedOutcome.Status status, long rows, Optional<Long> version,
                                          Map<String, Long> versions, long start, Optional<String> message) {
        return new RefinedOutcome(r.name(), status, rows, version, versions, (System.nanoTime() - start) / 1e9, message,
                Optional.empty());
    }
}
