package io.sluice.catalog.store;

import io.sluice.catalog.AssetName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the stores; everything else is the same SQL in {@link JdbcCatalog}.
 */
sealed interface Dialect permits SqliteDialect, PostgresDialect {

    /** The JDBC sub-protocol, also the folder of this dialect's migration scripts. */
    String scheme();

    /** Opens a connection ready for use: pragmas, time outs. */
    Connection connect(String jdbcUrl) throws SQLException;

    /**
     * Serialises schema migration across processes, inside the migration transaction. SQLite's
     * {@code BEGIN IMMEDIATE} already holds the database's write lock; PostgreSQL takes an advisory lock.
     */
    void lockForMigration(Connection connection) throws SQLException;

    /** Writes {@code text} as the searchable words of {@code name}, in the current transaction. */
    void index(Connection connection, AssetName name, SearchText text) throws SQLException;

    /** Drops the searchable words of {@code name}, in the current transaction (before its row goes). */
    void unindex(Connection connection, AssetName name) throws SQLException;

    /** Qualified names of the assets matching every word of {@code words}, best first, with scores (higher better). */
    List<Scored> search(Connection connection, List<String> words, int limit) throws SQLException;

    /** Whether the failure is a lock or serialisation conflict that a retry of the transaction may get past. */
    boolean isRetryable(SQLException failure);

    /** A search result before its asset is read. */
    record Scored(String qualifiedName, double score) {
    }
}
