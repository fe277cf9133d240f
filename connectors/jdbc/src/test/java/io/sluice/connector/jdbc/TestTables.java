package io.sluice.connector.jdbc;

/** The large table of the integration tests and the benchmark, built in the server by generate_series. */
final class TestTables {
    static final long BIG_ROWS = 1_000_000;

    /** One row of {@code big} as text, in PostgreSQL; equal to {@link #SPARK_ROW} for equal values. */
    static final String POSTGRES_ROW = "concat_ws('|', coalesce(id::text, '~'), coalesce(amount::text, '~'),"
            + " coalesce(name, '~'), coalesce(rpad(code::text, 6), '~'), coalesce(to_char(day, 'YYYY-MM-DD'), '~'),"
            + " coalesce(to_char(created, 'YYYY-MM-DD HH24:MI:SS.US'), '~'),"
            + " coalesce(to_char(changed AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), '~'),"
            + " coalesce(flag::text, '~'), coalesce(maybe::text, '~'))";

    /** One row of {@code big} as text, in Spark SQL over the landed Avro (session time zone UTC). */
    static final String SPARK_ROW = "concat_ws('|', coalesce(cast(id AS STRING), '~'),"
            + " coalesce(cast(amount AS STRING), '~'), coalesce(name, '~'), coalesce(code, '~'),"
            + " coalesce(date_format(day, 'yyyy-MM-dd'), '~'),"
            + " coalesce(date_format(created, 'yyyy-MM-dd HH:mm:ss.SSSSSS'), '~'),"
            + " coalesce(date_format(changed, 'yyyy-MM-dd HH:mm:ss.SSSSSS'), '~'),"
            + " coalesce(cast(flag AS STRING), '~'), coalesce(cast(maybe AS STRING), '~'))";

    private TestTables() {
    }

    /** Creates {@code big} once per server. */
    static void big(PostgresServer pg) {
        if ("1".equals(pg.value("SELECT count(*) FROM pg_tables WHERE tablename = 'big'"))) {
            return;
        }
        pg.execute("CREATE TABLE big (id bigint PRIMARY KEY, amount numeric(12,2), name varchar(40), code char(6),"
                + " day date, created timestamp, changed timestamptz, flag boolean, maybe integer);"
                + " INSERT INTO big SELECT i, ((i % 100000) / 100.0)::numeric(12,2), 'name-' || i,"
                + " lpad((i % 1000)::text, 3, '0'), date '2000-01-01' + (i % 10000),"
                + " timestamp '2020-01-01 00:00:00' + i * interval '1 second' + (i % 1000) * interval '1 microsecond',"
                + " timestamptz '2020-01-01 00:00:00+00' + i * interval '1 minute', i % 3 = 0,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE i * 3 END"
                + " FROM generate_series(1, " + BIG_ROWS + ") AS i; ANALYZE big");
    }
}
