package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sluice.onboard.Feature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated CSV samples (column kinds, values, a null token, header texts with duplicates, empty cells): the draft
 * {@code sluice init} writes validates, a run publishes the sample with 0 errors, and each column gets the type its
 * values were generated as. Header texts that are not lake names (spaces, $, %, unicode) and several null tokens
 * in one file are generated only when this build's loader accepts {@code from:} and {@code null_values:}
 * ({@link Feature#available()}); without them init cannot declare such files faithfully.
 */
class InitPropertiesTest {
    private static final Set<Feature> FEATURES = Feature.available();

    enum Kind {
        INT("int"), DECIMAL("decimal"), DATE("date"), BOOL("boolean"), TEXT("string"), CODE("string");

        final String type;

        Kind(String type) {
            this.type = type;
        }
    }

    record Column(String header, Kind kind) {
    }

    record Sample(List<Column> columns, List<List<String>> rows, List<String> tokens) {
        String csv() {
            StringBuilder b = new StringBuilder();
            b.append(String.join(",", columns.stream().map(c -> quoted(c.header())).toList())).append('\n');
            for (List<String> row : rows) {
                b.append(String.join(",", row.stream().map(v -> v == null ? "" : quoted(v)).toList())).append('\n');
            }
            return b.toString();
        }

        private static String quoted(String v) {
            boolean quote = v.isEmpty() || v.contains(",") || v.contains("\"") || v.contains("\n")
                    || !v.equals(v.strip());
            return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
        }
    }

    @Property(tries = 8)
    void aDraftOfAGeneratedSampleValidatesPublishesAndTypesEachColumnAsGenerated(@ForAll("samples") Sample sample)
            throws IOException {
        Path dir = Files.createTempDirectory("sluice-init-property-");
        try {
            Path file = dir.resolve("sample.csv");
            Files.writeString(file, sample.csv(), StandardCharsets.UTF_8);
            Path project = InitCommandTest.project(dir, file, "gen");

            InitCommandTest.Result init = InitCommandTest.sluice("init", "--project", project.toString(), "--source",
                    "gen", "--dataset", "sample", "--sample", project.resolve("landing/gen/sample.csv").toString());

            assertThat(init.exitCode()).as(init.out() + init.err() + "\n" + sample.csv()).isZero();
            assertThat(init.out()).as(sample.csv()).contains("0 rejected");
            publishesAndTypesEachColumnAsGenerated(project, sample, init, sample.csv());
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * The same generated samples written as fixed-width records (each field as wide as its widest value plus some
     * padding, a missing value as blanks) with their layout: the draft {@code sluice init --layout} writes publishes
     * every record with 0 errors and types each column as generated.
     */
    @Property(tries = 4)
    void aDraftOfAGeneratedFixedWidthSampleAndItsLayoutPublishesEveryRecord(@ForAll("samples") Sample sample,
                                                                            @ForAll("paddings") List<Integer> padding)
            throws IOException {
        Path dir = Files.createTempDirectory("sluice-init-fixed-");
        try {
            List<String> names = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            StringBuilder layout = new StringBuilder();
            List<Integer> widths = new ArrayList<>();
            for (int i = 0; i < sample.columns().size(); i++) {
                String header = sample.columns().get(i).header().strip();
                String name = header.isEmpty() || !seen.add(header.toLowerCase(java.util.Locale.ROOT))
                        ? "field_" + i : header;
                seen.add(name.toLowerCase(java.util.Locale.ROOT));
                names.add(name);
                int index = i;
                int width = sample.rows().stream().map(r -> r.get(index)).filter(v -> v != null)
                        .mapToInt(String::length).max().orElse(0) + padding.get(i % padding.size());
                widths.add(Math.max(width, 1));
                layout.append("- { name: ").append(new ObjectMapper().writeValueAsString(name)).append(", width: ")
                        .append(widths.get(i)).append(" }\n");
            }
            StringBuilder records = new StringBuilder();
            for (List<String> row : sample.rows()) {
                for (int i = 0; i < row.size(); i++) {
                    String v = row.get(i) == null ? "" : row.get(i);
                    records.append(v).append(" ".repeat(widths.get(i) - v.length()));
                }
                records.append('\n');
            }
            Path file = dir.resolve("sample.txt");
            Files.writeString(file, records.toString(), StandardCharsets.UTF_8);
            Path layoutFile = dir.resolve("layout.yaml");
            Files.writeString(layoutFile, layout.toString(), StandardCharsets.UTF_8);
            Path project = InitCommandTest.project(dir, file, "gen");
            String shown = layout + "\n" + records;

            InitCommandTest.Result init = InitCommandTest.sluice("init", "--project", project.toString(), "--source",
                    "gen", "--dataset", "sample", "--sample", project.resolve("landing/gen/sample.txt").toString(),
                    "--format", "fixed_width", "--layout", layoutFile.toString());

            assertThat(init.exitCode()).as(init.out() + init.err() + "\n" + shown).isZero();
            assertThat(init.out()).as(shown).contains("proven on the sample: " + sample.rows().size()
                    + " record(s), 0 rejected");
            publishesAndTypesEachColumnAsGenerated(project, sample, init, shown);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * A run of the draft publishes every generated record with 0 errors, and each column has the type its values
     * were generated as ({@code string} when it holds only missing values and null tokens).
     */
    private static void publishesAndTypesEachColumnAsGenerated(Path project, Sample sample,
                                                               InitCommandTest.Result init, String shown)
            throws IOException {
        JsonNode published = InitCommandTest.validateAndRun(project, "gen");
        assertThat(published.get("raw").asLong()).isEqualTo(sample.rows().size());
        JsonNode draft = new ObjectMapper(new YAMLFactory())
                .readTree(project.resolve("descriptors/gen/sample.yaml").toFile());
        for (int i = 0; i < sample.columns().size(); i++) {
            Kind kind = sample.columns().get(i).kind();
            int index = i;
            boolean anyValue = sample.rows().stream().map(r -> r.get(index))
                    .anyMatch(v -> v != null && !v.isBlank() && !sample.tokens().contains(v));
            String type = draft.get("schema").get(i).get("type").asText();
            assertThat(type).as("column %d (%s) of\n%s\n%s", i, kind, shown, init.out())
                    .startsWith(anyValue ? kind.type : "string");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<List<Integer>> paddings() {
        return Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Sample> samples() {
        List<String> headers = new ArrayList<>(List.of("id", "name", "amount", "Amount", "x", "date_of_sale", "_c"));
        if (FEATURES.contains(Feature.FROM)) {
            headers.addAll(List.of("Cost Total $", "% share", " lead", "prix unitaire (€)", "日付", "No", "a.b"));
        }
        Arbitrary<Column> column = Combinators.combine(Arbitraries.of(headers), Arbitraries.of(Kind.class))
                .as(Column::new);
        List<String> pool = List.of("NA", "n/a", "-", "null");
        Arbitrary<List<String>> tokens = FEATURES.contains(Feature.NULL_VALUES)
                ? Arbitraries.of(pool).set().ofMinSize(1).ofMaxSize(3).map(List::copyOf)
                : Arbitraries.of(pool).map(List::of);
        return Combinators.combine(column.list().ofMinSize(1).ofMaxSize(5), tokens, Arbitraries.integers().between(3, 12),
                        Arbitraries.longs())
                .as((columns, nulls, rows, seed) -> generate(columns, nulls, rows, new java.util.Random(seed)));
    }

    private static Sample generate(List<Column> columns, List<String> tokens, int rowCount, java.util.Random random) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < rowCount; r++) {
            List<String> row = new ArrayList<>();
            for (Column c : columns) {
                double p = random.nextDouble();
                if (p < 0.12 && columns.size() > 1) {
                    row.add(null);
                } else if (p < 0.22 && c.kind() != Kind.TEXT && c.kind() != Kind.CODE) {
                    row.add(tokens.get(random.nextInt(tokens.size())));
                } else {
                    row.add(value(c.kind(), random));
                }
            }
            rows.add(row);
        }
        return new Sample(columns, rows, tokens);
    }

    private static String value(Kind kind, java.util.Random random) {
        return switch (kind) {
            case INT -> Integer.toString(random.nextInt(200_001) - 100_000);
            case DECIMAL -> String.format(java.util.Locale.ROOT, "%d.%02d", random.nextInt(10_000) - 5_000,
                    random.nextInt(100));
            case DATE -> LocalDate.of(2000, 1, 1).plusDays(random.nextInt(11_000)).toString();
            case BOOL -> random.nextBoolean() ? (random.nextBoolean() ? "true" : "TRUE") : "false";
            case CODE -> "0" + random.nextInt(1000);
            case TEXT -> {
                String alphabet = "abcxyz é日,\"' ;";
                StringBuilder b = new StringBuilder("q");
                for (int i = random.nextInt(8); i > 0; i--) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                yield b.toString();
            }
        };
    }
}
