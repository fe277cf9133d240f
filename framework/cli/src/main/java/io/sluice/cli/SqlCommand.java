package io.sluice.cli;

import io.sluice.catalog.spark.LakeCatalog;
import io.sluice.framework.spark.SparkSessions;
import io.sluice.metadata.ProjectConfig;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice sql "SELECT … FROM valid.<source>.<dataset>"}: runs Spark SQL with the lake's catalog as the
 * default catalog, so catalog names resolve to the zones' Delta tables.
 */
@Command(name = "sql", description = "Query the lake with Spark SQL: tables are named <zone>.<source>.<dataset>.")
final class SqlCommand implements Callable<Integer> {
    static final String CATALOG = "lake";

    @Mixin
    ProjectOptions options;

    @Parameters(paramLabel = "QUERY", description = "A Spark SQL query, e.g. \"SELECT * FROM valid.dealer_files.inventory LIMIT 10\".")
    String query;

    @Option(names = "--limit", defaultValue = "100", description = "Most rows printed (default ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProjectConfig config = options.config();
        Map<String, String> settings = new HashMap<>(config.sparkConf());
        settings.put("spark.sql.catalog." + CATALOG, LakeCatalog.class.getName());
        settings.put("spark.sql.catalog." + CATALOG + "." + LakeCatalog.URL_OPTION, CatalogAccess.url(config));
        settings.put("spark.sql.defaultCatalog", CATALOG);
        SparkSession spark = SparkSessions.create("sluice sql", config.sparkMaster(), settings);
        try {
            Dataset<Row> result;
            try {
                result = spark.sql(query);
            } catch (Exception e) {
                if (e instanceof AnalysisException) {
                    throw new SluiceException(StandardErrorCode.SQL_INVALID, "the query does not run: "
                            + firstLine(e.getMessage()) + " (name tables <zone>.<source>.<dataset>, e.g."
                            + " valid.dealer_files.inventory; sluice catalog search finds them)");
                }
                throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
            }
            try {
                print(result, spec.commandLine().getOut());
            } catch (RuntimeException e) {
                throw queryFailure(e).orElseThrow(() -> e);
            }
            return ExitCodes.SUCCESS;
        } finally {
            spark.stop();
        }
    }

    private void print(Dataset<Row> result, PrintWriter out) {
        String[] columns = result.columns();
        List<Row> rows = result.limit(limit + 1).collectAsList();
        List<String[]> cells = new ArrayList<>();
        cells.add(columns);
        for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
            String[] line = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                line[i] = r.isNullAt(i) ? "NULL" : String.valueOf(r.get(i));
            }
            cells.add(line);
        }
        int[] width = new int[columns.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                b.append(String.format(Locale.ROOT, "%-" + width[i] + "s", line[i])).append(i + 1 < line.length ? "  " : "");
            }
            out.println(b.toString().stripTrailing());
        }
        out.printf(Locale.ROOT, "(%d row%s%s)%n", Math.min(limit, rows.size()), rows.size() == 1 ? "" : "s",
                rows.size() > limit ? ", more not shown: use --limit" : "");
    }

    /**
     * An error the query itself raises while it runs (ANSI division by zero, a failed cast, {@code raise_error}):
     * Spark names it with an error condition; the query is to be fixed, not Sluice (exit 64, not 1).
     */
    private static java.util.Optional<SluiceException> queryFailure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.spark.SparkThrowable st && st.getCondition() != null
                    && !st.getCondition().startsWith("INTERNAL_ERROR")) {
                return java.util.Optional.of(new SluiceException(StandardErrorCode.SQL_INVALID, "the query failed"
                        + " while it ran: " + firstLine(t.getMessage()) + " (fix the query, e.g. with a try_ function"
                        + " or a CASE guard)", e));
            }
        }
        return java.util.Optional.empty();
    }

    private static String firstLine(String text) {
        int nl = text == null ? -1 : text.indexOf('\n');
        return nl < 0 ? String.valueOf(text) : text.substring(0, nl);
    }
}
