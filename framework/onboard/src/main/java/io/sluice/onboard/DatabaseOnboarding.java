package io.sluice.onboard;

import io.sluice.connector.jdbc.JdbcConnection;
import io.sluice.connector.teradata.TeradataConnection;
import io.sluice.metadata.References;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.SourceSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * {@code sluice init --tables}: one draft dataset per table of a jdbc or teradata source, from the database's
 * catalogue ({@link CatalogQueries}): types mapped as docs/jdbc.md says, the primary key as key, a suggested split
 * column and incremental column, and snapshot mode when no column suits an increment.
 */
public final class DatabaseOnboarding {

    private DatabaseOnboarding() {
    }

    /** A column as the catalogue describes it. */
    record CatalogColumn(String schema, String table, String name, String type, boolean nullable,
                         Integer precision, Integer scale) {
    }

    /**
     * Drafts for the tables of {@code source} matching {@code tables} ({@code SCHEMA.TABLE}, {@code *} and
     * {@code ?} wildcards), in schema and table order.
     *
     * @param environment resolves the connection's {@code ${env:…}} and {@code ${secret:…}} references
     */
    public static List<DatasetDraft> draft(SourceSpec source, String tables, Function<String, String> environment) {
        CatalogQueries queries = switch (source.connector()) {
            case "jdbc" -> CatalogQueries.POSTGRESQL;
            case "teradata" -> CatalogQueries.TERADATA;
            default -> throw new SluiceException(OnboardErrorCode.INIT_SOURCE_NOT_DATABASE, "source '"
                    + source.name() + "' reads with connector " + source.connector() + ": --tables drafts datasets"
                    + " of a jdbc or teradata source (use --sample for files)");
        };
        JdbcConnection connection = queries == CatalogQueries.TERADATA
                ? TeradataConnection.bind(source.connection()).jdbc() : JdbcConnection.bind(source.connection());
        String url = resolve(connection.url(), source, "url", environment);
        if (queries == CatalogQueries.POSTGRESQL && !url.startsWith("jdbc:postgresql:")) {
            throw new SluiceException(OnboardErrorCode.INIT_SOURCE_NOT_DATABASE, "source '" + source.name()
                    + "': --tables reads the catalogue of PostgreSQL (information_schema) and Teradata (DBC) only;"
                    + " write the other database's descriptors by hand (see docs/jdbc.md)");
        }
        Properties properties = new Properties();
        properties.setProperty("user", resolve(connection.user(), source, "user", environment));
        properties.setProperty("password", resolve(connection.password(), source, "password", environment));
        String[] like = CatalogQueries.likePatterns(tables);
        Map<String, List<CatalogColumn>> columns = new LinkedHashMap<>();
        Map<String, List<String>> keys = new HashMap<>();
        try {
            if (connection.driver().isPresent()) {
                Class.forName(connection.driver().get());
            }
            try (Connection c = DriverManager.getConnection(url, properties)) {
                readColumns(c, queries, like, tables, columns);
                readKeys(c, queries, like, keys);
            }
        } catch (SQLException | ClassNotFoundException e) {
            throw new SluiceException(OnboardErrorCode.INIT_CATALOGUE_FAILED, "cannot read the catalogue of source '"
                    + source.name() + "': " + redacted(e.getMessage(), properties.getProperty("password"))
                    + " (check the connection settings, the driver on the class path and the user's right to read"
                    + " the catalogue)");
        }
        if (columns.isEmpty()) {
            throw new SluiceException(OnboardErrorCode.INIT_NO_TABLE, "no table of source '" + source.name()
                    + "' matches '" + tables + "' (write SCHEMA.TABLE with * and ? wildcards, e.g. 'SALES.*')");
        }
        Map<String, Integer> tableNames = new HashMap<>();
        columns.values().forEach(cs -> tableNames.merge(datasetName(cs.get(0).table()), 1, Integer::sum));
        List<DatasetDraft> drafts = new ArrayList<>();
        for (List<CatalogColumn> table : columns.values()) {
            CatalogColumn first = table.get(0);
            String name = tableNames.get(datasetName(first.table())) > 1
                    ? datasetName(first.schema() + "_" + first.table()) : datasetName(first.table());
            drafts.add(TableDrafts.draft(source.name(), name, table,
                    keys.getOrDefault(first.schema() + "." + first.table(), List.of()),
                    queries == CatalogQueries.TERADATA));
        }
        return drafts;
    }

    private static void readColumns(Connection c, CatalogQueries queries, String[] like, String tables,
                                    Map<String, List<CatalogColumn>> columns) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(queries.columns())) {
            st.setString(1, like[0]);
            st.setString(2, like[1]);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    String table = rs.getString(2);
                    if (!CatalogQueries.matches(tables, schema, table)) {
                        continue;
                    }
                    columns.computeIfAbsent(schema + "." + table, k -> new ArrayList<>()).add(new CatalogColumn(
                            schema, table, rs.getString(3), rs.getString(4).strip(),
                            rs.getString(5) == null || rs.getString(5).strip().toUpperCase(Locale.ROOT).startsWith("Y"),
                            (Integer) rs.getObject(6, Integer.class), (Integer) rs.getObject(7, Integer.class)));
                }
            }
        }
    }

    private static void readKeys(Connection c, CatalogQueries queries, String[] like, Map<String, List<String>> keys)
            throws SQLException {
        Map<String, String> kindOf = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(queries.primaryKeys())) {
            st.setString(1, like[0]);
            st.setString(2, like[1]);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1) + "." + rs.getString(2);
                    String kind = rs.getString(4).strip();
                    // a primary key wins over a unique primary index: the rows come primary keys first
                    if (kindOf.putIfAbsent(table, kind) == null || kindOf.get(table).equals(kind)) {
                        keys.computeIfAbsent(table, k -> new ArrayList<>()).add(rs.getString(3));
                    }
                }
            }
        }
    }

    private static String resolve(String value, SourceSpec source, String field, Function<String, String> env) {
        return References.resolve(value, env, source.origin(), "/connection/" + field);
    }

    private static String redacted(String message, String password) {
        String m = message == null ? "" : message;
        return password == null || password.isEmpty() ? m : m.replace(password, "***");
    }

    /** {@code VEHICLE_SALES} gives {@code vehicle_sales}. */
    static String datasetName(String table) {
        return DraftWriter.sanitize(table);
    }
}
