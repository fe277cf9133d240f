package io.sluice.framework.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.ColumnProfile;
import io.sluice.catalog.RunKey;
import io.sluice.connector.Connectors;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.plan.RunRequest;
import io.sluice.framework.register.CatalogRegistrar;
import io.sluice.framework.report.RunReport;
import io.sluice.framework.run.Sluice;
import io.sluice.framework.run.SourceRunner;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column profiles of a run's valid rows (issue 20): computed by the job that writes them, right on a generated table
 * whose statistics the test knows, and without a personal column's values.
 */
@ExtendWith(SparkExtension.class)
class ColumnProfilesTest {
    private static final String[] MODELS = {"golf", "polo", "up", "id.3"};

    /** A generated delivery and what its valid rows hold, worked out in Java. */
    private record Generated(String csv, int validRows, int qtyNulls, int minQty, int maxQty, Map<String, Long> models,
                             int distinctEmails, int emptyNotes) {
    }

    private static Generated generate(long seed, int rows) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("id,qty,model,email,note\n");
        int valid = 0;
        int nulls = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int empty = 0;
        Map<String, Long> models = new HashMap<>();
        java.util.Set<String> emails = new java.util.HashSet<>();
        for (int i = 1; i <= rows; i++) {
            boolean rejected = random.nextInt(10) == 0;
            boolean noQty = random.nextInt(8) == 0;
            int qty = random.nextInt(1000) - 100;
            String model = MODELS[random.nextInt(MODELS.length)];
            String email = "p" + random.nextInt(rows / 3 + 1) + "@example.com";
            boolean emptyNote = random.nextInt(5) == 0;
            csv.append(i).append(',').append(noQty ? "" : qty).append(',').append(rejected ? "unknown" : model)
                    .append(',').append(email).append(',').append(emptyNote ? "\"\"" : "n" + i).append('\n');
            if (rejected) {
                continue; // model is not allowed: the row goes to error and is in no profile
            }
            valid++;
            if (noQty) {
                nulls++;
            } else {
                min = Math.min(min, qty);
                max = Math.max(max, qty);
            }
            models.merge(model, 1L, Long::sum);
            emails.add(email);
            empty += emptyNote ? 1 : 0;
        }
        return new Generated(csv.toString(), valid, nulls, min, max, models, emails.size(), empty);
    }

    private static void project(Path dir, String csv) throws IOException {
        write(dir.resolve("descriptors/shop.yaml"), """
                kind: source
                name: shop
                connector: files
                connection: { landing: landing }
                ---
                kind: dataset
                name: items
                source: shop
                extract: { path: "items/*.csv" }
                schema:
                  - { name: id, type: long, key: true }
                  - { name: qty, type: int }
                  - { name: model, type: string, allowed: [golf, polo, up, id.3] }
                  - { name: email, type: string, pii: true }
                  - { name: note, type: string }
                error: { max_ratio: 0.5 }
                """);
        write(dir.resolve("landing/items/items.csv"), csv);
    }

    private static RunReport run(SparkSession spark, Path dir, Catalog catalog) {
        LakeLayout lake = new LakeLayout(dir.resolve("lake").toString());
        Sluice sluice = new Sluice(spark, dir, lake, Connectors.discover(ColumnProfilesTest.class.getClassLoader()),
                name -> null, Clock.systemUTC(), new CatalogRegistrar(catalog, spark, dir));
        return new SourceRunner(sluice).run(DescriptorLoader.load(dir, dir.resolve("descriptors")),
                new RunRequest("shop", Optional.empty(), LocalDate.of(2026, 12, 7)));
    }

    @Test
    void theProfilesOfAGeneratedTableAreItsKnownStatisticsAndAPiiColumnShowsNoValue(SparkSession spark,
                                                                                    @TempDir Path dir)
            throws IOException {
        Generated g = generate(20261207L, 600);
        project(dir, g.csv());
        try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(dir.resolve("lake")))) {
            RunReport report = run(spark, dir, catalog);

            var latest = catalog.profiles("shop", "items", 5);
            assertThat(latest).singleElement().satisfies(e ->
                    assertThat(e.getKey()).isEqualTo(new RunKey(report.runId(), "shop", "items")));
            Map<String, ColumnProfile> byColumn = latest.get(0).getValue().stream()
                    .collect(Collectors.toMap(ColumnProfile::column, p -> p));
            assertThat(byColumn.keySet()).containsExactlyInAnyOrder("id", "qty", "model", "email", "note");
            ColumnProfile qty = byColumn.get("qty");
            assertThat(qty.rows()).isEqualTo(g.validRows());
            assertThat(qty.nulls()).isEqualTo(g.qtyNulls());
            assertThat(qty.min()).contains(String.valueOf(g.minQty()));
            assertThat(qty.max()).contains(String.valueOf(g.maxQty()));
            assertThat(qty.histogram()).hasSizeBetween(2, ColumnProfiler.BINS);
            assertThat(qty.histogram().stream().mapToDouble(ColumnProfile.Bin::count).sum())
                    .as("every non-null value is in a bin").isCloseTo(g.validRows() - g.qtyNulls(), within(0.01));
            ColumnProfile model = byColumn.get("model");
            List<ColumnProfile.ValueCount> expectedTop = new ArrayList<>();
            g.models().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> expectedTop.add(new ColumnProfile.ValueCount(e.getKey(), e.getValue())));
            assertThat(model.topValues()).as("a column of few values: each with its count")
                    .containsExactlyInAnyOrderElementsOf(expectedTop);
            assertThat(model.topValues()).isSortedAccordingTo(
                    Comparator.comparingLong(ColumnProfile.ValueCount::count).reversed());
            assertThat(model.distinct()).isEqualTo(g.models().size());
            assertThat(model.minLength()).contains(2);
            assertThat(model.maxLength()).contains(4);
            ColumnProfile email = byColumn.get("email");
            assertThat(email.distinct()).as("approximate: within 3%")
                    .isCloseTo(g.distinctEmails(), within((long) Math.ceil(g.distinctEmails() * 0.03)));
            assertThat(email.min()).as("PII").isEmpty();
            assertThat(email.max()).isEmpty();
            assertThat(email.topValues()).isEmpty();
            assertThat(byColumn.get("note").empty()).isEqualTo(g.emptyNotes());
            assertThat(byColumn.get("id").topValues()).as("too many distinct values for a top list").isEmpty();
        }
    }

    @Test
    void profilingAddsNoSparkJobToARun(SparkSession spark, @TempDir Path dir) throws Exception {
        Generated g = generate(7L, 200);
        AtomicInteger jobs = new AtomicInteger();
        SparkListener counter = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(counter);
        int[] counted = new int[2];
        try {
            for (int i = 0; i < 2; i++) {
                boolean profiled = i == 1;
                Path project = dir.resolve(profiled ? "with" : "without");
                project(project, g.csv());
                System.setProperty(ColumnProfiler.SWITCH, String.valueOf(profiled));
                try (Catalog catalog = Catalogs.open(Catalogs.embeddedUrl(project.resolve("lake")))) {
                    jobs.set(0);
                    run(spark, project, catalog);
                    spark.sparkContext().listenerBus().waitUntilEmpty();
                    counted[i] = jobs.get();
                    assertThat(catalog.profiles("shop", "items", 1)).as("profiled: " + profiled)
                            .hasSize(profiled ? 1 : 0);
                }
            }
        } finally {
            System.clearProperty(ColumnProfiler.SWITCH);
            spark.sparkContext().removeSparkListener(counter);
        }
        assertThat(counted[1]).as("Spark jobs of a run with profiles").isEqualTo(counted[0]).isPositive();
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
