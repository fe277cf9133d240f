package io.sluice.connector.jdbc;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.SourceConnector;
import io.sluice.metadata.DatasetSpec;
import io.sluice.testing.TestSpark;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark harness, not a test: in one JVM, lands the 1,000,000-row {@code big} table with the connector (range
 * split, 8 partitions) and with a plain {@code spark.read().jdbc(url, table, props)} written to Avro, one warm-up
 * and three measured rounds each, and prints the median rows/s of both.
 *
 * <p>Run: {@code mvn -q -o -pl connectors/jdbc -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test}, then {@code java <Spark's JVM flags> -cp
 * connectors/jdbc/target/test-classes:connectors/jdbc/target/classes:$(cat /tmp/cp.txt)
 * io.sluice.connector.jdbc.JdbcExtractBenchmark}. Needs the PostgreSQL binaries {@link PostgresCluster} needs.
 */
public final class JdbcExtractBenchmark {
    private static final int ROUNDS = 3;

    private JdbcExtractBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("sluice-bench-");
        SparkSession spark = TestSpark.builder().appName("sluice-jdbc-benchmark").getOrCreate();
        try (PostgresCluster cluster = PostgresCluster.start()) {
            PostgresServer pg = cluster.server();
            TestTables.big(pg);
            SourceConnector connector = Landings.connector(pg);
            DatasetSpec dataset = Landings.dataset(Map.of("table", "public.big",
                    "split", Map.of("column", "id", "partitions", 8)));
            int[] run = {0};
            LongSupplier viaConnector = () -> {
                LandedBatch batch = Landings.land(connector, dataset, work.resolve("connector-" + run[0]++));
                return batch.records();
            };
            LongSupplier plain = () -> {
                Properties props = new Properties();
                props.setProperty("user", pg.user());
                props.setProperty("password", pg.password());
                String out = work.resolve("plain-" + run[0]++).toUri().toString();
                spark.read().jdbc(pg.url(), "big", props).write().format("avro").save(out);
                return TestTables.BIG_ROWS;
            };
            double[] connectorRate = measure(viaConnector);
            double[] plainRate = measure(plain);
            print(System.out, List.of(
                    new Result("connector land(), range split 8 partitions, fetchsize 10000", connectorRate),
                    new Result("plain spark.read().jdbc(url, table, props) -> avro", plainRate)));
        } finally {
            spark.stop();
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Rows/s of each measured round, after one warm-up round. */
    private static double[] measure(LongSupplier landing) {
        landing.getAsLong();
        double[] rates = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            long rows = landing.getAsLong();
            rates[i] = rows / ((System.nanoTime() - start) / 1e9);
        }
        return rates;
    }

    private record Result(String name, double[] rates) {
        double median() {
            double[] sorted = rates.clone();
            java.util.Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }

    private static void print(PrintStream out, List<Result> results) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-62s %12s   %s", "1,000,000 rows of big -> Avro", "median rows/s",
                "rounds"));
        for (Result r : results) {
            StringBuilder rounds = new StringBuilder();
            for (double rate : r.rates()) {
                rounds.append(String.format(Locale.ROOT, "%,.0f  ", rate));
            }
            lines.add(String.format(Locale.ROOT, "%-62s %,12.0f   %s", r.name(), r.median(), rounds.toString().strip()));
        }
        lines.forEach(out::println);
    }
}
