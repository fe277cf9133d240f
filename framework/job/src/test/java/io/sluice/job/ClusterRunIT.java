package io.sluice.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example lake run with the job jar by real spark-submit on a real standalone cluster (a master and two
 * workers on loopback, every executor its own JVM) gives the tables of the embedded {@code local[*]} run.
 *
 * <p>Neither JVM of the cluster nor the spark-submit driver has Sluice on its classpath: Sluice arrives only in
 * the job jar, Delta only through {@code --jars}, as on a cluster with a plain Apache Spark installed. Classes
 * that do not serialize, or that executors cannot load, fail here where {@code local[*]} hides them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRunIT {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRunIT.class);
    private static final Duration START = Duration.ofMinutes(2);
    /** A safety net only: the machine is shared, the runs take well under a minute when it is idle. */
    private static final Duration RUN = Duration.ofMinutes(15);
    private static final String APP_NAME = "sluice run dealer_files";
    private static final String RUN_DATE = "2026-11-22";
    /** Columns that differ between any two runs by design: who ran and when. */
    private static final List<String> RUN_COLUMNS = List.of("_run_id", "_ingested_at");

    /** Kept when a test fails: the logs of every JVM, the executors' logs and both lakes are in it. */
    private Path dir;

    private LoopbackCluster cluster;
    private Path localProject;
    private Path clusterProject;
    private Outcome local;
    private Outcome onCluster;
    private SparkSession reader;
    /** The local lake's rows per table ({@link #rows}), read while the cluster run still works; null if not read. */
    private Map<String, List<String>> localRows;
    /** Every process started here, for the clean-up even when the set-up fails half-way. */
    private final List<AutoCloseable> started = new ArrayList<>();

    private record Outcome(int exitCode, JvmProcess process) {
    }

    @BeforeAll
    void runTheExampleLocallyAndOnTheCluster(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path folder)
            throws IOException, InterruptedException {
        dir = folder;
        Path job = Path.of(System.getProperty("sluice.job.jar"));
        assertThat(job).as("the job jar; build it with 'mvn verify', which packages it first").isRegularFile();
        SparkDistribution spark = SparkDistribution.create(Path.of(System.getProperty("sluice.target")).resolve("spark-home"));
        localProject = copyExample(dir.resolve("local"));
        clusterProject = copyExample(dir.resolve("cluster"));

        // the reference: the embedded run a developer makes, on sluice.yaml's master (local[*])
        List<String> localCommand = new ArrayList<>();
        localCommand.add(JvmProcess.java());
        localCommand.addAll(SparkDistribution.jvmOptions("1g"));
        String classpath = Stream.concat(Stream.of(spark.classpath(), job.toString()),
                spark.deltaJars().stream().map(Path::toString)).collect(Collectors.joining(java.io.File.pathSeparator));
        localCommand.addAll(List.of("-cp", classpath, "io.sluice.cli.Main"));
        localCommand.addAll(runArguments(localProject));
        JvmProcess localRun = JvmProcess.start("local run", localCommand, Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
                dir, dir.resolve("local-run.log"));
        started.add(localRun);

        cluster = LoopbackCluster.start(spark, Files.createDirectories(dir.resolve("cluster-home")), 2, START);
        started.add(cluster);
        JvmProcess submit = JvmProcess.start("spark-submit", submitCommand(spark, job), spark.environment(), dir,
                dir.resolve("cluster-run.log"));
        started.add(0, submit);
        // built while the runs work (they wait on JVM starts and job scheduling more than they use the cores), so
        // that the comparison does not pay a cold SparkSession afterwards
        reader = readerSession();

        local = new Outcome(localRun.awaitExit(RUN), localRun);
        if (local.exitCode() == 0) {
            // the local run ends well before the cluster's: its lake is read meanwhile (a failed run is left to
            // bothRunsSucceed to report)
            localRows = rows(Map.of("local", localProject.resolve("lake")), deltaTables(localProject.resolve("lake")));
            LOG.info("local run: exit 0, its lake read; cluster run still working: {}", submit.isAlive());
        }
        onCluster = new Outcome(submit.awaitExit(RUN), submit);
        LOG.info("local run: exit {}; cluster run: exit {}", local.exitCode(), onCluster.exitCode());
    }

    /** The session of this JVM that reads both lakes' tables. */
    private static SparkSession readerSession() {
        return SparkSession.builder().master("local[1]").appName("compare lakes")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "1").config("spark.databricks.delta.snapshotPartitions", "1")
                .getOrCreate();
    }

    /** {@code spark-submit} as bin/spark-submit runs it: SparkSubmit's main in a JVM with Spark's jars only. */
    private List<String> submitCommand(SparkDistribution spark, Path job) {
        List<String> command = new ArrayList<>();
        command.add(JvmProcess.java());
        command.addAll(SparkDistribution.jvmOptions("768m"));
        command.addAll(List.of("-cp", spark.classpath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", cluster.url(), "--deploy-mode", "client",
                "--jars", spark.deltaJars().stream().map(Path::toString).collect(Collectors.joining(",")),
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.memory=512m",
                "--conf", "spark.executor.cores=1",
                "--conf", "spark.cores.max=2",
                "--conf", "spark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Duser.timezone=UTC",
                // the first job waits for both executors, so that both get work
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
                "--conf", "spark.sql.shuffle.partitions=4",
                "--conf", "spark.databricks.delta.snapshotPartitions=2",
                "--class", "io.sluice.cli.Main", job.toString()));
        command.addAll(runArguments(clusterProject));
        return command;
    }

    private static List<String> runArguments(Path project) {
        return List.of("run", "--project", project.toString(), "--source", "dealer_files", "--run-date", RUN_DATE,
                "--report", project.resolveSibling("report.json").toString());
    }

    @AfterAll
    void stopEverything() {
        if (reader != null) {
            reader.stop();
        }
        for (AutoCloseable process : started) {
            try {
                process.close();
            } catch (Exception e) {
                LOG.warn("could not stop {}", process, e);
            }
        }
    }

    @Test
    void bothRunsSucceed() {
        assertThat(local.exitCode()).as("exit code of the local run; its output:\n%s", local.process().tail(60)).isZero();
        assertThat(onCluster.exitCode()).as("exit code of spark-submit; its output:\n%s", onCluster.process().tail(80))
                .isZero();
        assertThat(onCluster.process().awaitLine("SUCCEEDED (exit 0)", START)).isNotEmpty();
    }

    @Test
    void theJobRanOnTheMasterSparkSubmitGaveNotOnSluiceYamlsLocalMaster() throws InterruptedException {
        cluster.master().awaitLine("Removing app", RUN);
        JsonNode state = cluster.state();

        assertThat(state.path("aliveworkers").asInt()).isEqualTo(2);
        List<JsonNode> apps = new ArrayList<>();
        state.path("completedapps").forEach(apps::add);
        assertThat(apps).as("applications the master ran: %s", state).hasSize(1);
        JsonNode app = apps.get(0);
        assertThat(app.path("name").asText()).isEqualTo(APP_NAME);
        assertThat(app.path("state").asText()).isEqualTo("FINISHED");
        assertThat(app.path("cores").asInt()).as("cores granted: one per worker").isEqualTo(2);
    }

    @Test
    void anExecutorJvmOnEachWorkerRanTasks() throws IOException, InterruptedException {
        cluster.master().awaitLine("Removing app", RUN);
        String appId = cluster.state().path("completedapps").path(0).path("id").asText();
        Map<String, Long> tasksPerExecutor = new TreeMap<>();
        for (LoopbackCluster.Worker worker : cluster.workers()) {
            Path appDir = worker.workDir().resolve(appId);
            assertThat(appDir).as("%s launched an executor for %s", worker.process().name(), appId).isDirectory();
            try (Stream<Path> executors = Files.list(appDir)) {
                for (Path executor : executors.toList()) {
                    long tasks;
                    try (Stream<String> lines = Files.lines(executor.resolve("stderr"))) {
                        tasks = lines.filter(l -> l.contains("Running task")).count();
                    }
                    tasksPerExecutor.put(worker.process().name() + " executor " + executor.getFileName(), tasks);
                }
            }
        }
        LOG.info("tasks per executor: {}", tasksPerExecutor);
        assertThat(tasksPerExecutor).hasSize(2).allSatisfy((executor, tasks) -> assertThat(tasks).as(executor).isPositive());
        // a task that failed on an executor and passed on its retry would hide a serialization problem
        assertThat(onCluster.process().linesContaining("Lost task")).as("failed tasks, see %s", onCluster.process().log())
                .isEmpty();
    }

    @Test
    void validErrorAndRefinedTablesEqualThoseOfTheLocalRun() throws IOException {
        List<String> tables = deltaTables(localProject.resolve("lake"));
        assertThat(tables).containsExactly("error/dealer_files/inventory", "error/dealer_files/stores",
                "error/dealer_files/web_events", "refined/stock_by_region", "valid/dealer_files/inventory",
                "valid/dealer_files/stores", "valid/dealer_files/web_events");
        assertThat(deltaTables(clusterProject.resolve("lake"))).isEqualTo(tables);

        assertThat(localRows).as("the local lake's rows, read once its run succeeded").isNotNull();
        Map<String, List<String>> rows = new TreeMap<>(localRows);
        rows.putAll(rows(Map.of("cluster", clusterProject.resolve("lake")), tables));
        for (String table : tables) {
            List<String> expected = rows.getOrDefault("local " + table, List.of());
            assertThat(expected).as(table).isNotEmpty();
            assertThat(rows.getOrDefault("cluster " + table, List.of())).as(table).isEqualTo(expected);
        }
    }

    @Test
    void theRunReportsCountTheSameRows() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(localProject.resolveSibling("report.json").toFile());
        JsonNode actual = new ObjectMapper().readTree(clusterProject.resolveSibling("report.json").toFile());

        assertThat(actual.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(counts(actual)).isEqualTo(counts(expected)).hasSize(4);
    }

    private static List<String> counts(JsonNode report) {
        List<String> counts = new ArrayList<>();
        for (JsonNode d : report.path("datasets")) {
            counts.add(d.path("dataset").asText() + " " + d.path("status").asText() + " raw="
                    + d.path("raw").asLong() + " valid=" + d.path("valid").asLong() + " error=" + d.path("error").asLong());
        }
        for (JsonNode r : report.path("refined")) {
            counts.add(r.path("name").asText() + " " + r.path("status").asText() + " rows=" + r.path("rows").asLong());
        }
        return counts;
    }

    /**
     * Every table's rows as sorted JSON, keyed "<lake name> <table>", without the run columns and with source files
     * by name (the lakes' paths differ). One Spark job per call: the machine is small and shared.
     */
    private Map<String, List<String>> rows(Map<String, Path> lakes, List<String> tables) {
        Dataset<Row> all = null;
        for (Map.Entry<String, Path> lake : lakes.entrySet()) {
            for (String table : tables) {
                Dataset<Row> data = reader.read().format("delta").load(lake.getValue().resolve(table).toString());
                for (String column : RUN_COLUMNS) {
                    data = data.drop(column);
                }
                if (Arrays.asList(data.columns()).contains("_source_file")) {
                    data = data.withColumn("_source_file", regexp_extract(col("_source_file"), "[^/]*$", 0));
                }
                Dataset<Row> json = data.select(lit(lake.getKey() + " " + table).as("table"),
                        to_json(struct(Arrays.stream(data.columns()).map(functions::col).toArray(Column[]::new))).as("row"));
                all = all == null ? json : all.union(json);
            }
        }
        Map<String, List<String>> rows = new TreeMap<>();
        if (all == null) {
            return rows;
        }
        for (Row row : all.collectAsList()) {
            rows.computeIfAbsent(row.getString(0), t -> new ArrayList<>()).add(row.getString(1));
        }
        rows.values().forEach(java.util.Collections::sort);
        return rows;
    }

    private static List<String> deltaTables(Path lake) throws IOException {
        try (Stream<Path> logs = Files.walk(lake, 4)) {
            return logs.filter(p -> p.getFileName().toString().equals("_delta_log"))
                    .map(p -> lake.relativize(p.getParent()).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /**
     * The same copy as {@code io.sluice.testing.ProjectCopies} in the connector API's test jar, written here on
     * purpose: this module's test classpath becomes the cluster's Spark installation ({@link SparkDistribution}),
     * and that jar's {@code log4j2-test.properties} would silence the master's "elected leader" line the test
     * waits for (tried: the master never reported ready).
     */
    private static Path copyExample(Path parent) throws IOException {
        Path example = Path.of(System.getProperty("sluice.example")).toAbsolutePath().normalize();
        Path project = parent.resolve("retail");
        try (Stream<Path> files = Files.walk(example)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path relative = example.relativize(p);
                if (relative.startsWith("lake")) {
                    continue;
                }
                Path target = project.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return project;
    }
}
