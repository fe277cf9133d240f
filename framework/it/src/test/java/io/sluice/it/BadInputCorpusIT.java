package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.jdbc.PostgresExtension;
import io.sluice.connector.jdbc.PostgresServer;
import io.sluice.it.BadInputs.Case;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of the bad-input corpus ({@link BadInputs#all()}) through the real command line, in this JVM,
 * each in a fresh project, and checks what a scheduler and its operator get: the documented exit code, the message
 * as one line that names what is wrong and where, no stack trace in the output or the log, and a lake with nothing
 * half-written in it (no zone table, no committed raw run).
 */
@ExtendWith(PostgresExtension.class)
class BadInputCorpusIT {
    static final String SETTINGS = """
            lake: lake
            descriptors: descriptors
            spark:
              master: "local[2]"
              conf: { spark.sql.shuffle.partitions: "1", spark.databricks.delta.snapshotPartitions: "1" }
            """;

    @BeforeAll
    static void database(PostgresServer pg) {
        String password = System.getenv("SLUICE_SECRET_IT_PG");
        assertThat(password).as("SLUICE_SECRET_IT_PG (set by framework/it/pom.xml)").isNotBlank();
        pg.execute("DROP TABLE IF EXISTS customers, payroll; DROP ROLE IF EXISTS " + SourceAndConfigCases.ROLE + ";"
                + " CREATE ROLE " + SourceAndConfigCases.ROLE + " LOGIN PASSWORD '" + password + "';"
                + " CREATE TABLE customers (id int, email text); INSERT INTO customers VALUES (1, 'a@example.com');"
                + " CREATE TABLE payroll (id int, salary int);"
                + " GRANT SELECT ON customers TO " + SourceAndConfigCases.ROLE);
    }

    static Stream<Case> cases() {
        return BadInputs.all().stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void aBadInputEndsInItsExitCodeWithOneActionableLineAndNothingHalfWritten(Case c, PostgresServer pg,
                                                                             @TempDir Path dir) throws IOException {
        check(c, pg, dir);
    }

    /**
     * A delivery that cannot be read stays in the raw zone; once the sender delivers a sound file, the next run
     * ingests it and the scheduler sees success again (the broken run must not fail every later run).
     */
    @Test
    void aBrokenDeliveryReplacedByASoundOneIsIngestedByTheNextRun(@TempDir Path dir) throws IOException {
        Path project = project(BadInputs.Base.DROP, dir);
        Path broken = project.resolve("landing/items/items.csv.gz");
        Files.write(broken, BadInputs.truncated(BadInputs.gzip(BadInputs.ITEMS.repeat(50))));
        String[] run = {"run", "--project", project.toString(), "--source", "drop", "--run-date", "2026-11-22"};
        Cli.Result first = Cli.run(run);
        assertThat(first.exitCode()).as(first.all()).isEqualTo(3);

        Files.delete(broken);
        Files.writeString(project.resolve("landing/items/items-resent.csv"), BadInputs.ITEMS);
        Cli.Result second = Cli.run(run);

        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("drop.items                   PUBLISHED                  4         4         0");
    }

    /**
     * Issue 16: a file refused at landing used to be landed as a normal run that the next process published as
     * {@code PUBLISHED 0 0 0}; it is now a rejected batch, kept in raw and never published.
     */
    @Test
    void aDeliveryRefusedAtLandingIsNotPublishedByTheNextProcess(@TempDir Path dir) throws IOException {
        Path project = project(BadInputs.Base.DROP, dir);
        Files.write(project.resolve("landing/items/items.csv"),
                BadInputs.text(BadInputs.ITEMS, java.nio.charset.StandardCharsets.UTF_16));
        String[] run = {"run", "--project", project.toString(), "--source", "drop", "--run-date", "2026-11-22"};
        Cli.Result first = Cli.run(run);
        assertThat(first.exitCode()).as(first.all()).isEqualTo(3);

        Cli.Result second = Cli.run(run);

        assertThat(second.all()).doesNotContain("PUBLISHED");
        assertThat(project.resolve("lake/valid")).doesNotExist();
    }

    private static void check(Case c, PostgresServer pg, Path dir) throws IOException {
        Path project = project(c.base(), dir);
        c.setup().apply(new BadInputs.Context(project, pg.port()));

        Cli.Result r = Cli.run(args(c, project));

        assertThat(r.exitCode()).as(r.all()).isEqualTo(c.exitCode());
        // in production the log is on standard error too
        List<String> lines = (r.out() + r.err() + r.log()).lines().toList();
        assertThat(lines).as(r.all()).anySatisfy(line -> assertThat(line).contains(c.message()));
        for (String text : List.of(r.out(), r.err(), r.log())) {
            assertThat(text).as(r.all()).doesNotContain("\tat ", "Caused by:", "Exception in thread");
        }
        assertThat(r.all()).doesNotContain(System.getenv("SLUICE_SECRET_IT_PG"), pg.password());
        assertNothingHalfWritten(project.resolve("lake"), c);
    }

    /** A failed run of a fresh lake leaves no zone table and no committed raw run; rejected rows only above the threshold. */
    static void assertNothingHalfWritten(Path lake, Case c) throws IOException {
        if (!Files.exists(lake) || c.exitCode() == 0) {
            return;
        }
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = lake.relativize(p);
                String name = p.getFileName().toString();
                if (name.equals("_delta_log")) {
                    boolean rejectedRows = rel.startsWith("error") && c.exitCode() == 4;
                    boolean allowed = c.tables().stream().anyMatch(rel::startsWith);
                    assertThat(rejectedRows || allowed).as("a Delta table was created by a failed run: %s", rel).isTrue();
                }
                if (c.tables().isEmpty()) {
                    assertThat(name).as("a raw run was committed by a failed run: %s", rel).isNotEqualTo("_committed");
                }
            }
        }
    }

    private static Path project(BadInputs.Base base, Path dir) {
        try {
            return switch (base) {
                case EXAMPLE -> ExampleLake.copy(dir, "project");
                case DROP -> {
                    Path p = Files.createDirectories(dir.resolve("project"));
                    Files.writeString(p.resolve("sluice.yaml"), SETTINGS);
                    Files.createDirectories(p.resolve("descriptors"));
                    Files.writeString(p.resolve(BadInputs.DROP_FILE), BadInputs.DROP);
                    Files.createDirectories(p.resolve("landing/items"));
                    yield p;
                }
                case CRM -> {
                    Path p = Files.createDirectories(dir.resolve("project"));
                    Files.writeString(p.resolve("sluice.yaml"), SETTINGS);
                    Files.createDirectories(p.resolve("descriptors"));
                    yield p;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] args(Case c, Path project) {
        List<String> args = c.args();
        if (args.isEmpty()) {
            args = switch (c.base()) {
                case EXAMPLE -> List.of("run", "--project", "{project}", "--source", "dealer_files", "--run-date", "2026-11-22");
                case DROP -> List.of("run", "--project", "{project}", "--source", "drop", "--dataset", "items", "--run-date", "2026-11-22");
                case CRM -> List.of("run", "--project", "{project}", "--source", "crm", "--run-date", "2026-11-22");
            };
        }
        return args.stream().map(a -> a.replace("{project}", project.toString())).toArray(String[]::new);
    }
}
