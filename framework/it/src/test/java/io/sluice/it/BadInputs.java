package io.sluice.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

/**
 * The bad-input corpus: descriptors, delivered files, sources and configuration that must each end in a
 * documented exit code and one actionable line, leaving nothing half-written. Every case runs the real CLI.
 */
final class BadInputs {
    static final String EXAMPLE_FILE = "descriptors/dealer_files.yaml";
    static final String DROP_FILE = "descriptors/drop.yaml";
    static final String CRM_FILE = "descriptors/crm.yaml";

    /** Which project a case starts from. */
    enum Base { EXAMPLE, DROP, CRM }

    /** What a case may touch before the CLI runs. */
    record Context(Path project, int pgPort) {
        void write(String relative, String text) {
            write(relative, text.getBytes(StandardCharsets.UTF_8));
        }

        void write(String relative, byte[] bytes) {
            try {
                Path file = project.resolve(relative);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void edit(String relative, UnaryOperator<String> change) {
            try {
                Path file = project.resolve(relative);
                String before = Files.readString(file, StandardCharsets.UTF_8);
                String after = change.apply(before);
                if (after.equals(before)) {
                    throw new IllegalStateException("the case's edit changed nothing in " + relative);
                }
                Files.writeString(file, after, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Sets a case up. */
    @FunctionalInterface
    interface Setup {
        void apply(Context context) throws IOException;
    }

    /**
     * One bad input.
     *
     * @param args     the command line after {@code sluice}; {@code {project}} stands for the project folder; empty:
     *                 {@code run} of the base project's source
     * @param message  the parts the single message line must hold, in any order
     * @param tables   lake folders where Delta tables may exist after the run (zones of datasets that did succeed)
     */
    record Case(String category, String name, Base base, Setup setup, List<String> args, int exitCode,
                List<String> message, List<String> tables) {
        Case(String category, String name, Base base, Setup setup, List<String> args, int exitCode, List<String> message) {
            this(category, name, base, setup, args, exitCode, message, List.of());
        }

        Case allowingTablesIn(String... folders) {
            return new Case(category, name, base, setup, args, exitCode, message, List.of(folders));
        }

        @Override
        public String toString() {
            return category + ": " + name;
        }
    }

    private BadInputs() {
    }

    static Case descriptor(String name, UnaryOperator<String> edit, String... message) {
        return new Case("descriptor", name, Base.EXAMPLE, c -> c.edit(EXAMPLE_FILE, edit), List.of(), 2, List.of(message));
    }

    static Case drop(String name, String file, byte[] content, int exitCode, String... message) {
        return new Case("file", name, Base.DROP, c -> c.write("landing/" + file, content), List.of(), exitCode,
                List.of(message));
    }

    static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] text(String text, Charset charset) {
        return text.getBytes(charset);
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] truncated(byte[] bytes) {
        return java.util.Arrays.copyOf(bytes, bytes.length / 2);
    }

    static byte[] garbage(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    /** The tiny files project most file cases start from: one source, an items CSV and an events JSON dataset. */
    static final String DROP = """
            kind: source
            name: drop
            connector: files
            connection: { landing: landing }
            ---
            kind: dataset
            name: items
            source: drop
            extract: { path: "items/*.csv*", format: csv, header: true }
            schema:
              - { name: id, type: int, key: true }
              - { name: name, type: string, nullable: false }
              - { name: amount, type: "decimal(10,2)", min: 0 }
            valid: { mode: append }
            error: { max_ratio: 0.5 }
            """;

    static final String ITEMS = "id,name,amount\n1,bolt,0.10\n2,nut,0.05\n3,washer,0.02\n4,screw,0.08\n";

    /** A database source: the password comes from SLUICE_SECRET_IT_PG (see framework/it/pom.xml). */
    static String crm(int port, String user, String password, String table) {
        return """
                kind: source
                name: crm
                connector: jdbc
                connection: { url: "jdbc:postgresql://127.0.0.1:%d/postgres?connectTimeout=5", user: %s, password: "%s" }
                ---
                kind: dataset
                name: customers
                source: crm
                extract: { table: %s }
                schema:
                  - { name: id, type: int, key: true }
                  - { name: email, type: string, pii: true }
                valid: { mode: merge }
                """.formatted(port, user, password, table);
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(DescriptorCases.all());
        cases.addAll(FileCases.all());
        cases.addAll(SourceAndConfigCases.all());
        return cases;
    }
}
