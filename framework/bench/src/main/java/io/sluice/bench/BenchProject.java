package io.sluice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Writes the Sluice project the benchmark runs: one {@code files} source named {@value #SOURCE} whose landing
 * folder is the generated data, and one dataset per TPC-H table with the checks of {@link TpchTables}.
 */
public final class BenchProject {
    /** The source's name. */
    public static final String SOURCE = "tpch";

    private BenchProject() {
    }

    /**
     * Writes {@code projectDir/descriptors/tpch.yaml}.
     *
     * @param landing     the generated data folder (holds {@code lineitem/} and {@code orders/})
     * @param parallelism the source's {@code parallelism}: how many tables Sluice publishes at the same time
     * @return the descriptor folder
     */
    public static Path write(Path projectDir, Path landing, int parallelism) {
        Path descriptors = projectDir.resolve("descriptors");
        StringBuilder y = new StringBuilder();
        y.append("# TPC-H tables for the benchmark (written by io.sluice.bench.BenchProject)\n")
                .append("kind: source\nname: ").append(SOURCE).append("\nconnector: files\n")
                .append("connection: { landing: ").append(quoted(landing.toAbsolutePath().toString())).append(" }\n")
                .append("owner: bench@sluice.invalid\nparallelism: ").append(parallelism).append('\n');
        for (TpchTables.Table table : TpchTables.ALL) {
            y.append("---\nkind: dataset\nname: ").append(table.name()).append("\nsource: ").append(SOURCE).append('\n')
                    .append("extract: { path: \"").append(table.name()).append("/*.csv\", format: csv, header: true }\n")
                    .append("schema:\n");
            for (TpchTables.Column c : table.columns()) {
                y.append("  - { name: ").append(c.name()).append(", type: \"").append(c.type().spelling())
                        .append("\", nullable: false");
                c.min().ifPresent(v -> y.append(", min: ").append(number(v)));
                c.max().ifPresent(v -> y.append(", max: ").append(number(v)));
                c.pattern().ifPresent(p -> y.append(", pattern: ").append(quoted(p)));
                if (!c.allowed().isEmpty()) {
                    y.append(", allowed: [").append(c.allowed().stream().map(BenchProject::quoted)
                            .collect(Collectors.joining(", "))).append(']');
                }
                y.append(" }\n");
            }
            y.append("valid: { mode: append }\nerror: { max_ratio: 0.5 }\n");
        }
        try {
            Files.createDirectories(descriptors);
            Files.writeString(descriptors.resolve("tpch.yaml"), y.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the benchmark descriptors to " + descriptors, e);
        }
        return descriptors;
    }

    /** A YAML double-quoted scalar. */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String number(BigDecimal v) {
        return v.toPlainString();
    }
}
