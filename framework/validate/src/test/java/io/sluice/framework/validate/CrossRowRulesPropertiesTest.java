package io.sluice.framework.validate;

import static io.sluice.framework.validate.Fixtures.column;
import static io.sluice.framework.validate.Fixtures.dataset;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.RuleSpec;
import io.sluice.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generated batches for the rules across rows and datasets. Each try is one Spark job over several batches at once
 * (the batch number is part of the unique key), so the tries are few and each holds many rows.
 */
class CrossRowRulesPropertiesTest {

    /** A generated row: batch, key (null: incomplete), order value, file and line. */
    record Gen(int batch, Integer key, Integer ts, String file, long line) {
    }

    @Provide
    Arbitrary<List<Gen>> batches() {
        Arbitrary<Integer> keys = Arbitraries.integers().between(0, 4).injectNull(0.15);
        Arbitrary<Integer> orders = Arbitraries.integers().between(0, 3).injectNull(0.25);
        Arbitrary<String> files = Arbitraries.of("a.csv", "b.csv");
        Arbitrary<List<Gen>> one = Combinators.combine(keys, orders, files).as((k, t, f) -> new Gen(0, k, t, f, 0))
                .list().ofMinSize(1).ofMaxSize(25);
        return one.list().ofMinSize(1).ofMaxSize(12).map(CrossRowRulesPropertiesTest::numbered);
    }

    /** Gives each row its batch and a line, distinct within its file and batch, in generated order. */
    private static List<Gen> numbered(List<List<Gen>> batches) {
        List<Gen> out = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            Map<String, Long> lines = new HashMap<>();
            for (Gen g : batches.get(b)) {
                long line = lines.merge(g.file(), 1L, Long::sum);
                // each batch its own files, so that a file and line name one row
                out.add(new Gen(b, g.key(), g.ts(), "b" + b + "-" + g.file(), line));
            }
        }
        return out;
    }

    /** Each try checks the same rows under keep: none, keep: first, and keep: first with order_by. */
    @Property(tries = 4, seed = "20261207")
    void uniqueKeepsEveryRowOnceAndTheKeptRowIsTheFirst(@ForAll("batches") List<Gen> rows) {
        check(rows, false, false);
        check(rows, true, false);
        check(rows, true, true);
    }

    private static void check(List<Gen> rows, boolean keepFirst, boolean ordered) {
        SparkSession spark = TestSpark.builder().getOrCreate();
        RuleSpec.Keep keep = keepFirst ? RuleSpec.Keep.FIRST : RuleSpec.Keep.NONE;
        Optional<String> orderBy = keepFirst && ordered ? Optional.of("ts") : Optional.empty();
        DatasetSpec dataset = dataset(List.of(column("id", "string").spec(), column("batch", "int").spec(),
                        column("k", "int").spec(), column("ts", "int").spec()),
                List.of(new RuleSpec.Unique("u", List.of("batch", "k"), keep, orderBy, "/rules/0")),
                DriftPolicy.FAIL);
        StructType schema = new StructType().add("id", DataTypes.StringType).add("batch", DataTypes.StringType)
                .add("k", DataTypes.StringType).add("ts", DataTypes.StringType)
                .add(RawColumns.SOURCE_FILE, DataTypes.StringType).add(RawColumns.LINE, DataTypes.LongType);
        List<Row> data = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Gen g = rows.get(i);
            data.add(RowFactory.create(String.valueOf(i), String.valueOf(g.batch()), text(g.key()), text(g.ts()),
                    g.file(), g.line()));
        }
        CrossRowRulesTest.Outcome out = CrossRowRulesTest.run(spark, dataset, Map.of(),
                spark.createDataFrame(data, schema));

        Set<String> validIds = out.valid().stream().map(v -> v.substring(0, v.indexOf('|')))
                .collect(Collectors.toSet());
        // every row exactly once
        assertThat(out.valid()).hasSize(validIds.size());
        assertThat(validIds.size() + out.rawRecords().size()).isEqualTo(rows.size());

        Map<List<Integer>, List<Gen>> groups = rows.stream().filter(g -> g.key() != null)
                .collect(Collectors.groupingBy(g -> List.of(g.batch(), g.key())));
        Set<String> expectedValid = new HashSet<>();
        List<String> expectedMessages = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).key() == null) {
                expectedValid.add(String.valueOf(i));
            }
        }
        Comparator<Gen> first = Comparator.comparing((Gen g) -> orderBy.isPresent() ? g.ts() : null,
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Gen::file).thenComparingLong(Gen::line);
        for (List<Gen> group : groups.values()) {
            Gen kept = group.stream().min(first).orElseThrow();
            for (Gen g : group) {
                String where = g.file() + ":" + g.line() + " batch, k/u: ";
                if (group.size() == 1 || keepFirst && g == kept) {
                    expectedValid.add(String.valueOf(rows.indexOf(g)));
                } else if (keepFirst) {
                    expectedMessages.add(where + "duplicate of line " + kept.line() + " in " + kept.file()
                            + " (u keeps the first)");
                } else {
                    expectedMessages.add(where + "duplicate key (batch=" + g.batch() + ", k=" + g.key()
                            + ") within the run");
                }
            }
        }
        assertThat(validIds).isEqualTo(expectedValid);
        assertThat(out.messages()).containsExactlyInAnyOrderElementsOf(expectedMessages);
        long complete = rows.stream().filter(g -> g.key() != null).count();
        long expectedRejected = keepFirst ? complete - groups.size()
                : groups.values().stream().filter(g -> g.size() > 1).mapToLong(List::size).sum();
        assertThat(out.rawRecords()).hasSize((int) expectedRejected);
    }

    @Provide
    Arbitrary<List<Integer>> referenced() {
        return Arbitraries.integers().between(0, 15).injectNull(0.1).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Integer>> referencing() {
        return Arbitraries.integers().between(0, 20).injectNull(0.15).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 5, seed = "20261207")
    void referencesRejectExactlyTheNonNullValuesMissingFromTheValidTable(
            @ForAll("referenced") List<Integer> table, @ForAll("referencing") List<Integer> values) throws Exception {
        SparkSession spark = TestSpark.builder().getOrCreate();
        Path dir = Files.createTempDirectory("sluice-fk");
        Dataset<Row> stores = CrossRowRulesTest.writeDelta(spark, dir.resolve("stores"),
                new StructType().add("store_id", DataTypes.IntegerType),
                table.stream().map(v -> RowFactory.create(v)).toArray(Row[]::new));
        DatasetSpec dataset = dataset(List.of(column("sale", "string").spec(), column("store_id", "int").spec()),
                List.of(new RuleSpec.References("fk", "store_id", "drop", "stores", "store_id", "/rules/0")),
                DriftPolicy.FAIL);
        List<Object[]> lines = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            lines.add(CrossRowRulesTest.line("a.csv", i + 1, "s" + i, text(values.get(i))));
        }
        CrossRowRulesTest.Outcome out = CrossRowRulesTest.run(spark, dataset, Map.of("drop.stores", stores),
                CrossRowRulesTest.rows(spark, List.of("sale", "store_id"), lines.toArray(Object[][]::new)));

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Integer v = values.get(i);
            if (v != null && !table.contains(v)) {
                expected.add("a.csv:" + (i + 1) + " store_id/fk: '" + v + "' is not a store_id of drop.stores");
            }
        }
        assertThat(out.messages()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(out.valid()).hasSize(values.size() - expected.size());
    }

    private static String text(Integer value) {
        return value == null ? null : String.valueOf(value);
    }
}
