package io.sluice.catalog.store;

import io.sluice.catalog.CatalogErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work on the catalog's one connection: writes in a transaction, retried when the store reports a
 * lock conflict; reads in auto-commit. Callers serialise on the connection (one unit at a time).
 */
final class Transactor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);
    static final int MAX_ATTEMPTS = 8;

    /** A unit of work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final Dialect dialect;
    private final String redactedUrl;

    Transactor(Connection connection, Dialect dialect, String redactedUrl) {
        this.connection = connection;
        this.dialect = dialect;
        this.redactedUrl = redactedUrl;
    }

    synchronized <T> T write(String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                connection.setAutoCommit(false);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollback(e);
                if (!dialect.isRetryable(e) || attempt == MAX_ATTEMPTS) {
                    throw CatalogErrors.storeFailed(operation, redactedUrl, e);
                }
                LOG.debug("catalog {}: {} hit a lock conflict (attempt {} of {}), retrying: {}", redactedUrl, operation,
                        attempt, MAX_ATTEMPTS, e.getMessage());
                backOff(attempt);
            } catch (RuntimeException e) {
                rollback(e);
                throw e;
            } finally {
                restoreAutoCommit();
            }
        }
    }

    synchronized <T> T read(String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                if (!dialect.isRetryable(e) || attempt == MAX_ATTEMPTS) {
                    throw CatalogErrors.storeFailed(operation, redactedUrl, e);
                }
                backOff(attempt);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw CatalogErrors.storeFailed("close", redactedUrl, e);
        }
    }

    private void rollback(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void restoreAutoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("catalog {}: cannot restore auto-commit: {}", redactedUrl, e.getMessage());
        }
    }

    /** Exponential back-off with jitter, so that processes that collided do not collide again in step. */
    private static void backOff(int attempt) {
        long ceiling = Math.min(2_000L, 20L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a catalog transaction", e);
        }
    }
}
