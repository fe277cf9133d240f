package io.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.connector.ExtractMode;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandingContext;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.jdbc.JdbcConnectorFactory;
import io.sluice.connector.jdbc.PostgresCluster;
import io.sluice.connector.jdbc.PostgresServer;
import io.sluice.connector.jdbc.TestDescriptors;
import io.sluice.framework.spark.SparkSessions;
import io.sluice.metadata.DatasetSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC benchmark of issue 18: on a lineitem-like PostgreSQL table in a private cluster, Sluice's JDBC connector
 * landing (range split on the key, {@code partitions} partitions, {@code fetch_size} rows per round trip) against a
 * plain {@code spark.read().jdbc(url, table, column, lower, upper, numPartitions, props)} with the same partitions
 * and fetch size. Both write the rows as Avro files into a fresh folder (what the connector lands in the raw zone),
 * and both look up the key's bounds first ({@code min}/{@code max}), inside the clock. Rounds alternate which side
 * runs first; the rows are counted after the clock stopped.
 *
 * <p>{@code run-bench.sh jdbc [--rows N] [--partitions N] [--fetch-size N] [--rounds N] [--warmup N] [--work DIR]
 * [--out FILE]}.
 */
final class JdbcBench {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBench.class);
    static final String TABLE = "lineitem";
    static final String KEY = "l_id";
    static final String USAGE = """
            usage: run-bench.sh jdbc [--rows N] [--partitions N] [--fetch-size N] [--rounds N] [--warmup N]
                                     [--work DIR] [--out FILE] [--master URL]
              --rows        rows of the generated PostgreSQL table (default 1000000)
              --partitions  partitions of both reads (default 8)
              --fetch-size  rows per round trip of both reads (default 10000)
              --rounds      measured rounds per contender, median and min..max reported (default 5)
              --warmup      unmeasured rounds first (default 1)
              --work        scratch folder for the Avro output (default ./bench-work/jdbc)
              --out         also write the result, every round, as JSON to this file
              --master      Spark master (default local[*])""";

    private final SparkSession spark;
    private final Options options;

    JdbcBench(SparkSession spark, Options options) {
        this.spark = spark;
        this.options = options;
    }

    /**
     * Settings of the JDBC benchmark.
     *
     * @param rows       rows of the generated table
     * @param partitions partitions of both reads
     * @param fetchSize  rows per round trip of both reads
     */
    record Options(long rows, int partitions, int fetchSize, int rounds, int warmup, Path work, Optional<Path> out,
                   String master) {
        Options {
            if (rows < 1 || partitions < 1 || fetchSize < 1 || rounds < 1 || warmup < 0) {
                throw new IllegalArgumentException("--rows, --partitions, --fetch-size and --rounds must be at least 1"
                        + " and --warmup at least 0\n" + USAGE);
            }
        }

        static Options parse(String[] args) {
            long rows = 1_000_000;
            int partitions = 8;
            int fetchSize = 10_000;
            int rounds = 5;
            int warmup = 1;
            Path work = Path.of("bench-work", "jdbc");
            Optional<Path> out = Optional.empty();
            String master = "local[*]";
            for (int i = 0; i < args.length; i += 2) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
                }
                String v = args[i + 1];
                switch (a) {
                    case "--rows" -> rows = whole(a, v);
                    case "--partitions" -> partitions = (int) whole(a, v);
                    case "--fetch-size" -> fetchSize = (int) whole(a, v);
                    case "--rounds" -> rounds = (int) whole(a, v);
                    case "--warmup" -> warmup = (int) whole(a, v);
                    case "--work" -> work = Path.of(v);
                    case "--out" -> out = Optional.of(Path.of(v));
                    case "--master" -> master = v;
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'\n" + USAGE);
                }
            }
            return new Options(rows, partitions, fetchSize, rounds, warmup, work, out, master);
        }

        private static long whole(String option, String v) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " '" + v + "' is not a whole number (e.g. " + option + " 8)");
            }
        }
    }

    /** What was measured, as the JSON result records it. */
    record Settings(long rows, int partitions, int fetchSize, int rounds, int warmup) {
        static Settings of(Options o) {
            return new Settings(o.rows(), o.partitions(), o.fetchSize(), o.rounds(), o.warmup());
        }
    }

    /** One landing of the table by one contender. */
    record Run(String contender, int round, boolean warmup, double seconds, long rows, double rowsPerSecond,
               double taskCpuSeconds, double jvmCpuSeconds) {
    }

    /** One contender over its measured rounds. */
    record Summary(String contender, BenchResult.Spread seconds, BenchResult.Spread rowsPerSecond,
                   BenchResult.Spread taskCpuSeconds) {
    }

    /**
     * The result: {@code connectorOverPlain} is the connector's median rows/s over plain Spark's (issue 18's target:
     * at least 1.0).
     */
    record Result(Settings settings, String table, List<Summary> contenders, Double connectorOverPlain, List<Run> runs,
                  List<String> problems) {
    }

    /** Entry point of {@code run-bench.sh jdbc}; returns the exit code (0 correct, 1 a count was wrong, 2 usage). */
    static int cli(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        SparkSession spark = SparkSessions.create("sluice-bench-jdbc", options.master(), Map.of());
        try (PostgresCluster cluster = PostgresCluster.start()) {
            Result result = new JdbcBench(spark, options).run(cluster.server());
            PrintStream out = System.out;
            out.print(render(result));
            options.out().ifPresent(file -> {
                write(file, result);
                out.println("result written to " + file.toAbsolutePath());
            });
            return result.problems().isEmpty() ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the PostgreSQL cluster", e);
        } finally {
            spark.stop();
        }
    }

    /** Generates the table in {@code pg}, then runs the rounds. */
    Result run(PostgresServer pg) {
        long started = System.nanoTime();
        createTable(pg, options.rows());
        LOG.info("generated {} rows of {} in {} s", options.rows(), TABLE,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
        SourceConnector connector = new JdbcConnectorFactory().create(
                TestDescriptors.source("jdbc", Map.of("url", "${env:BENCH_PG_URL}", "user", pg.user(),
                        "password", "${secret:pg}", "fetch_size", options.fetchSize())),
                TestDescriptors.context(Map.of("BENCH_PG_URL", pg.url(), "SLUICE_SECRET_PG", pg.password())));
        DatasetSpec dataset = TestDescriptors.dataset(TABLE, Map.of("table", "public." + TABLE,
                "split", Map.of("column", KEY, "partitions", options.partitions())), List.of());
        Path work = options.work().toAbsolutePath().normalize();
        List<Run> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        TaskCpu cpu = TaskCpu.attach(spark);
        try {
            for (int round = 0; round < options.warmup() + options.rounds(); round++) {
                boolean warmup = round < options.warmup();
                for (int i = 0; i < 2; i++) {
                    // alternate which side runs first, so neither always meets a warmer JVM
                    boolean connectorTurn = (i + round) % 2 == 0;
                    Path out = work.resolve("round-" + round).resolve(connectorTurn ? "connector" : "plain");
                    Benchmark.deleteTree(out);
                    Run r = connectorTurn
                            ? measure("connector", round, warmup, cpu, () -> land(connector, dataset, out))
                            : measure("plain", round, warmup, cpu, () -> plain(pg, out));
                    if (r.rows() != options.rows()) {
                        problems.add(String.format(Locale.ROOT, "%s round %d: landed %,d rows, the table has %,d",
                                r.contender(), round, r.rows(), options.rows()));
                    }
                    runs.add(r);
                    LOG.info("{} round {}{}: {} s", r.contender(), round, warmup ? " (warm-up)" : "",
                            String.format(Locale.ROOT, "%.2f", r.seconds()));
                    Benchmark.deleteTree(out);
                }
            }
        } finally {
            cpu.detach();
        }
        List<Summary> summaries = new ArrayList<>();
        for (String c : List.of("connector", "plain")) {
            List<Run> measured = runs.stream().filter(r -> r.contender().equals(c) && !r.warmup()).toList();
            summaries.add(new Summary(c, BenchResult.Spread.of(measured, Run::seconds),
                    BenchResult.Spread.of(measured, Run::rowsPerSecond),
                    BenchResult.Spread.of(measured, Run::taskCpuSeconds)));
        }
        double plainRate = summaries.get(1).rowsPerSecond().median();
        return new Result(Settings.of(options), TABLE, summaries,
                plainRate > 0 ? summaries.get(0).rowsPerSecond().median() / plainRate : null, runs, problems);
    }

    /** A landing that returns the rows it wrote, counted after the clock stopped where it must read them. */
    private interface Landing {
        java.util.function.LongSupplier land();
    }

    private Run measure(String contender, int round, boolean warmup, TaskCpu cpu, Landing landing) {
        System.gc();
        cpu.awaitDelivered();
        TaskCpu.Window window = cpu.open();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        java.util.function.LongSupplier rows = landing.land();
        double seconds = (System.nanoTime() - start) / 1e9;
        double jvmCpu = (processCpuNanos() - cpuBefore) / 1e9;
        TaskCpu.Usage tasks = cpu.close(window);
        long counted = rows.getAsLong();
        return new Run(contender, round, warmup, seconds, counted, counted / seconds, tasks.cpuSeconds(), jvmCpu);
    }

    /** The connector's landing, as the framework's lander calls it: the batch knows its rows. */
    private java.util.function.LongSupplier land(SourceConnector connector, DatasetSpec dataset, Path out) {
        createDirectories(out);
        LandedBatch batch = connector.bind(dataset).land(new LandingContext(spark, out.toUri().toString(),
                spark.sparkContext().hadoopConfiguration(), checksum -> false, Optional.empty(),
                ExtractMode.INCREMENTAL, List.of()));
        return batch::records;
    }

    /** What an engineer writes by hand: the key's bounds, then Spark's partitioned JDBC read written as Avro. */
    private java.util.function.LongSupplier plain(PostgresServer pg, Path out) {
        createDirectories(out.getParent());
        long[] bounds = bounds(pg);
        Properties props = new Properties();
        props.setProperty("user", pg.user());
        props.setProperty("password", pg.password());
        props.setProperty("fetchsize", Integer.toString(options.fetchSize()));
        spark.read().jdbc(pg.url(), "public." + TABLE, KEY, bounds[0], bounds[1], options.partitions(), props)
                .write().format("avro").option("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
                .save(out.toUri().toString());
        return () -> spark.read().format("avro").load(out.toUri().toString()).count();
    }

    private static long[] bounds(PostgresServer pg) {
        try (Connection c = pg.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT min(" + KEY + "), max(" + KEY + ") FROM public." + TABLE)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the bounds of " + KEY + ": " + e.getMessage(), e);
        }
    }

    /**
     * A lineitem-like table built in the server by {@code generate_series}: TPC-H lineitem's 16 columns and types
     * (keys, decimal(15,2) money, one-letter flags, three dates, ship instructions and modes, a comment) behind a
     * surrogate key {@code l_id} 1..rows, the split column of both reads.
     */
    static void createTable(PostgresServer pg, long rows) {
        pg.execute("DROP TABLE IF EXISTS " + TABLE + "; CREATE TABLE " + TABLE + " (l_id bigint PRIMARY KEY,"
                + " l_orderkey bigint NOT NULL, l_partkey bigint NOT NULL, l_suppkey bigint NOT NULL,"
                + " l_linenumber integer NOT NULL, l_quantity numeric(15,2) NOT NULL,"
                + " l_extendedprice numeric(15,2) NOT NULL, l_discount numeric(15,2) NOT NULL,"
                + " l_tax numeric(15,2) NOT NULL, l_returnflag char(1) NOT NULL, l_linestatus char(1) NOT NULL,"
                + " l_shipdate date NOT NULL, l_commitdate date NOT NULL, l_receiptdate date NOT NULL,"
                + " l_shipinstruct varchar(25) NOT NULL, l_shipmode varchar(10) NOT NULL,"
                + " l_comment varchar(44) NOT NULL);"
                + " INSERT INTO " + TABLE + " SELECT i, i / 4 + 1, i % 200000 + 1, i % 10000 + 1, i % 7 + 1,"
                + " (i % 50 + 1)::numeric(15,2), ((i % 50 + 1) * (900 + i % 1000) / 10.0)::numeric(15,2),"
                + " ((i % 11) / 100.0)::numeric(15,2), ((i % 9) / 100.0)::numeric(15,2),"
                + " (ARRAY['A','N','R'])[i % 3 + 1], (ARRAY['F','O'])[i % 2 + 1],"
                + " date '1992-01-02' + (i % 2500)::int, date '1992-01-31' + (i % 2500)::int,"
                + " date '1992-01-03' + (i % 2530)::int,"
                + " (ARRAY['DELIVER IN PERSON','COLLECT COD','NONE','TAKE BACK RETURN'])[i % 4 + 1],"
                + " (ARRAY['REG AIR','AIR','RAIL','SHIP','TRUCK','MAIL','FOB'])[i % 7 + 1],"
                + " left(md5(i::text) || ' carefully final deposits', 10 + (i % 34)::int)"
                + " FROM generate_series(1, " + rows + ") AS i; ANALYZE " + TABLE);
    }

    static String render(Result r) {
        StringBuilder s = new StringBuilder();
        Settings o = r.settings();
        s.append(f("Sluice JDBC benchmark - PostgreSQL table %s, %,d rows; both reads: range split on %s, %d"
                + " partitions, fetch size %,d, written as Avro; %d measured round(s) after %d warm-up(s), order"
                + " alternated%n%n", r.table(), o.rows(), KEY, o.partitions(), o.fetchSize(), o.rounds(), o.warmup()));
        s.append(f("%-10s %25s %27s %25s%n", "contender", "wall s median (min..max)", "rows/s median (min..max)",
                "task CPU s median (min..max)"));
        for (Summary c : r.contenders()) {
            s.append(f("%-10s %25s %27s %25s%n", c.contender(), spread(c.seconds(), "%.2f"),
                    spread(c.rowsPerSecond(), "%,.0f"), spread(c.taskCpuSeconds(), "%.2f")));
        }
        s.append(f("%nconnector: Sluice's JDBC connector landing (bounds query, partitioned read, Avro files, their"
                + " record counts)%nplain:     min/max query, spark.read().jdbc(url, table, column, lower, upper,"
                + " numPartitions, props) -> Avro%n"));
        if (r.connectorOverPlain() != null) {
            double v = r.connectorOverPlain();
            s.append(f("connector / plain rows/s = %.2f  (target >= 1.0: %s)%n", v, v >= 1.0 ? "met" : "MISSED"));
        }
        if (r.problems().isEmpty()) {
            s.append(f("correctness: OK - every run landed the %,d rows%n", o.rows()));
        } else {
            s.append(f("correctness: FAILED (%d problem(s))%n", r.problems().size()));
            r.problems().forEach(p -> s.append("  - ").append(p).append('\n'));
        }
        return s.toString();
    }

    private static String spread(BenchResult.Spread v, String format) {
        return f(format + " (" + format + ".." + format + ")", v.median(), v.min(), v.max());
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static void write(Path file, Result result) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the result to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
