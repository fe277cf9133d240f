package io.sluice.onboard;

/**
 * The catalogue queries of a database: its tables' columns and their primary keys, for
 * {@code sluice init --tables}. Each takes two parameters, a schema (database) pattern and a table pattern in
 * SQL {@code LIKE} syntax, compared ignoring case; each row gives, in this order, schema, table, column, then the
 * query's own fields.
 */
enum CatalogQueries {
    /** PostgreSQL's {@code information_schema}. */
    POSTGRESQL(
            "SELECT c.table_schema, c.table_name, c.column_name, c.data_type, c.is_nullable,"
                    + " c.numeric_precision, c.numeric_scale"
                    + " FROM information_schema.columns c"
                    + " JOIN information_schema.tables t ON t.table_schema = c.table_schema"
                    + " AND t.table_name = c.table_name"
                    + " WHERE t.table_type IN ('BASE TABLE', 'VIEW')"
                    + " AND c.table_schema NOT IN ('pg_catalog', 'information_schema')"
                    + " AND upper(c.table_schema) LIKE upper(?) AND upper(c.table_name) LIKE upper(?)"
                    + " ORDER BY c.table_schema, c.table_name, c.ordinal_position",
            "SELECT tc.table_schema, tc.table_name, kcu.column_name, 'K'"
                    + " FROM information_schema.table_constraints tc"
                    + " JOIN information_schema.key_column_usage kcu ON kcu.constraint_schema = tc.constraint_schema"
                    + " AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name"
                    + " WHERE tc.constraint_type = 'PRIMARY KEY'"
                    + " AND upper(tc.table_schema) LIKE upper(?) AND upper(tc.table_name) LIKE upper(?)"
                    + " ORDER BY tc.table_schema, tc.table_name, kcu.ordinal_position"),
    /**
     * Teradata's {@code DBC.ColumnsV} (type codes such as {@code I}, {@code CV}, {@code TS}) and
     * {@code DBC.IndicesV}: the primary key ({@code K}), else a unique primary index ({@code P}, {@code Q}).
     * Read under {@code LOCKING ROW FOR ACCESS}, as every query of the Teradata connector.
     */
    TERADATA(
            "LOCKING ROW FOR ACCESS"
                    + " SELECT TRIM(DatabaseName), TRIM(TableName), TRIM(ColumnName), TRIM(ColumnType), Nullable,"
                    + " DecimalTotalDigits, DecimalFractionalDigits"
                    + " FROM DBC.ColumnsV"
                    + " WHERE UPPER(TRIM(DatabaseName)) LIKE UPPER(?) AND UPPER(TRIM(TableName)) LIKE UPPER(?)"
                    + " ORDER BY 1, 2, ColumnId",
            "LOCKING ROW FOR ACCESS"
                    + " SELECT TRIM(DatabaseName), TRIM(TableName), TRIM(ColumnName), IndexType"
                    + " FROM DBC.IndicesV"
                    + " WHERE UPPER(TRIM(DatabaseName)) LIKE UPPER(?) AND UPPER(TRIM(TableName)) LIKE UPPER(?)"
                    + " AND (IndexType = 'K' OR IndexType IN ('P', 'Q') AND UniqueFlag = 'Y')"
                    + " ORDER BY 1, 2, CASE IndexType WHEN 'K' THEN 0 ELSE 1 END, ColumnPosition");

    private final String columns;
    private final String primaryKeys;

    CatalogQueries(String columns, String primaryKeys) {
        this.columns = columns;
        this.primaryKeys = primaryKeys;
    }

    /** Schema, table, column, type, nullable (YES/NO or Y/N), precision, scale: one row per column. */
    String columns() {
        return columns;
    }

    /**
     * Schema, table, column, index type ({@code K} for a primary key; Teradata's {@code P}/{@code Q} for a unique
     * primary index): the key columns of each table, in key order, primary keys first.
     */
    String primaryKeys() {
        return primaryKeys;
    }

    /**
     * {@code SALES.*} as {@code LIKE} patterns: {@code ["SALES", "%"]}; without a dot, every schema. A {@code _}
     * or {@code %} in a name matches more than itself here: the result is filtered exactly by {@link #matches}.
     */
    static String[] likePatterns(String tables) {
        int dot = tables.indexOf('.');
        String schema = dot < 0 ? "*" : tables.substring(0, dot);
        String table = dot < 0 ? tables : tables.substring(dot + 1);
        return new String[] {like(schema), like(table)};
    }

    private static String like(String glob) {
        return glob.replace('*', '%').replace('?', '_');
    }

    /** Whether {@code schema.table} matches the {@code --tables} pattern exactly (ignoring case). */
    static boolean matches(String tables, String schema, String table) {
        int dot = tables.indexOf('.');
        return glob(dot < 0 ? "*" : tables.substring(0, dot)).matcher(schema).matches()
                && glob(dot < 0 ? tables : tables.substring(dot + 1)).matcher(table).matches();
    }

    private static java.util.regex.Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.CASE_INSENSITIVE
                | java.util.regex.Pattern.UNICODE_CASE);
    }
}
