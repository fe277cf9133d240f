package io.sluice.testing.azure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A real Azurite blob service (npm {@code azurite@3.35.0}) in a child process on a free loopback port, in memory.
 * Installed by {@code .ci/install-azurite.sh} into {@code $HOME/.cache/sluice/azurite} (or
 * {@code $SLUICE_AZURITE_HOME}); a test that needs it fails, naming the script, when it is not there.
 *
 * <p>hadoop-azure's ABFS driver talks to its blob endpoint with {@link #hadoopConf()}; Azurite has no dfs endpoint.
 */
public final class Azurite implements AutoCloseable {
    /** Azurite's built-in account. */
    public static final String ACCOUNT = "devstoreaccount1";
    /** The account's dfs host as ABFS URIs name it; {@code fs.azure.abfs.endpoint} redirects it to Azurite. */
    public static final String HOST = ACCOUNT + ".dfs.core.windows.net";
    /** Azurite's well-known development key (public, documented by Microsoft; not a secret). */
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    /** The script that installs Azurite. */
    public static final String INSTALL_SCRIPT = ".ci/install-azurite.sh";

    private static final String MAIN = "node_modules/azurite/dist/src/blob/main.js";
    private static final String READY = "successfully listens on";

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The folder Azurite is installed in: {@code $SLUICE_AZURITE_HOME}, else {@code $HOME/.cache/sluice/azurite}. */
    public static Path home(Function<String, String> environment) {
        String configured = environment.apply("SLUICE_AZURITE_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sluice", "azurite");
    }

    /**
     * Starts Azurite's blob service and returns once it listens.
     *
     * @throws IllegalStateException naming {@value #INSTALL_SCRIPT} when Azurite is not installed, or with
     *                               Azurite's output when it does not start
     */
    public static Azurite start() {
        return start(System::getenv);
    }

    /** As {@link #start()}, finding the installation through {@code environment}. */
    public static Azurite start(Function<String, String> environment) {
        Path main = home(environment).resolve(MAIN);
        if (!Files.isRegularFile(main)) {
            throw new IllegalStateException("Azurite is not installed (no " + main + "): run " + INSTALL_SCRIPT
                    + " (it installs azurite@3.35.0 with npm), or set SLUICE_AZURITE_HOME to where it is installed");
        }
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("node", main.toString(), "--blobHost", "127.0.0.1",
                "--blobPort", Integer.toString(port), "--inMemoryPersistence", "--skipApiVersionCheck",
                "--disableTelemetry", "--loose", "--extentMemoryLimit", "512").redirectErrorStream(true);
        builder.environment().put("AZURITE_ACCOUNTS", ACCOUNT + ":" + KEY);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run node for Azurite (" + e.getMessage() + "): install "
                    + "Node.js and run " + INSTALL_SCRIPT, e);
        }
        // Azurite prints one line when it listens; reading for it avoids polling the port
        List<String> output = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.contains(READY)) {
                    Thread drain = new Thread(() -> drain(out), "azurite-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new Azurite(process, port);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("could not read Azurite's output", e);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Azurite did not start on port " + port + ": " + String.join("\n", output));
    }

    /** The blob endpoint, {@code 127.0.0.1:<port>}. */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** An {@code abfs://} URI in a container of the emulated account. */
    public String uri(String container, String path) {
        return "abfs://" + container + "@" + HOST + "/" + path;
    }

    /**
     * The Hadoop settings under which hadoop-azure's ABFS driver works against Azurite's blob endpoint: shared
     * key ({@link #emulatorConf()} plus the account key).
     */
    public Map<String, String> hadoopConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("fs.azure.account.auth.type", "SharedKey");
        conf.put("fs.azure.account.key." + HOST, KEY);
        conf.putAll(emulatorConf());
        return conf;
    }

    /**
     * The Hadoop settings that point hadoop-azure at this emulator, without credentials (for sluice.yaml's
     * {@code azure.hadoop}): Azurite's endpoint, plain HTTP, no hierarchical namespace, the blob service,
     * containers created on first use, no metrics.
     */
    public Map<String, String> emulatorConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("fs.azure.abfs.endpoint", endpoint());
        conf.put("fs.azure.always.use.https", "false");
        conf.put("fs.azure.networking.library", "JDK_HTTP_URL_CONNECTION");
        conf.put("fs.azure.account.hns.enabled", "false");
        conf.put("fs.azure.fns.account.service.type", "BLOB");
        conf.put("fs.azure.createRemoteFileSystemDuringInitialization", "true");
        // the driver reports its metrics to the account; Azurite has nowhere to take them
        conf.put("fs.azure.metrics.collection.enabled", "false");
        return conf;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // Azurite's log is not needed; reading keeps its pipe from filling up
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for Azurite", e);
        }
    }
}
