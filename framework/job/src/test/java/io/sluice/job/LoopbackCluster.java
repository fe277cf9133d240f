package io.sluice.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone cluster on 127.0.0.1: a master and workers, each its own JVM started from a
 * {@link SparkDistribution}; every worker launches the executors of an application as further JVMs.
 */
final class LoopbackCluster implements AutoCloseable {
    /** Each worker offers one core and room for one small executor. */
    static final String WORKER_MEMORY = "1g";

    private final JvmProcess master;
    private final List<Worker> workers = new ArrayList<>();
    private final int port;
    private final int webUiPort;

    /** A worker JVM and the folder where it runs executors ({@code <app id>/<executor id>/stderr}). */
    record Worker(JvmProcess process, Path workDir) {
    }

    private LoopbackCluster(JvmProcess master, int port, int webUiPort) {
        this.master = master;
        this.port = port;
        this.webUiPort = webUiPort;
    }

    /** Starts the master and {@code workerCount} workers and returns once every worker is registered. */
    static LoopbackCluster start(SparkDistribution spark, Path dir, int workerCount, Duration deadline) throws IOException {
        int port = freePort();
        int webUi = freePort();
        List<String> masterCommand = command(spark, "256m", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(webUi));
        LoopbackCluster cluster = new LoopbackCluster(JvmProcess.start("spark master", masterCommand,
                spark.environment(), dir, dir.resolve("master.log")), port, webUi);
        try {
            cluster.master.awaitLine("I have been elected leader", deadline);
            for (int i = 1; i <= workerCount; i++) {
                Path workDir = Files.createDirectories(dir.resolve("worker-" + i));
                List<String> workerCommand = command(spark, "384m", "org.apache.spark.deploy.worker.Worker",
                        cluster.url(), "--host", "127.0.0.1", "--webui-port", Integer.toString(freePort()),
                        "--cores", "1", "--memory", WORKER_MEMORY, "--work-dir", workDir.toString());
                cluster.workers.add(new Worker(JvmProcess.start("spark worker " + i, workerCommand,
                        spark.environment(), dir, dir.resolve("worker-" + i + ".log")), workDir));
            }
            for (Worker worker : cluster.workers) {
                worker.process().awaitLine("Successfully registered with master", deadline);
            }
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static List<String> command(SparkDistribution spark, String heap, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(JvmProcess.java());
        command.addAll(SparkDistribution.jvmOptions(heap));
        command.addAll(List.of("-cp", spark.classpath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** A port nobody listens on now (the master binds it a moment later). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The master URL for {@code spark-submit --master}. */
    String url() {
        return "spark://127.0.0.1:" + port;
    }

    JvmProcess master() {
        return master;
    }

    List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** The master's state as its web UI serves it at {@code /json}: workers, active and completed applications. */
    JsonNode state() throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + webUiPort + "/json/");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the master's " + uri + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the master's state at " + uri, e);
        }
    }

    @Override
    public void close() {
        for (Worker worker : workers) {
            worker.process().close();
        }
        master.close();
    }
}
