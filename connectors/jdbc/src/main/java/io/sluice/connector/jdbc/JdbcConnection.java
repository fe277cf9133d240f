package io.sluice.connector.jdbc;

import io.sluice.metadata.Options;
import io.sluice.metadata.References;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A JDBC source's {@code connection} block, bound. The values are kept as written: {@code ${env:…}} and
 * {@code ${secret:…}} references are resolved by {@link #resolve} when a connection is opened, so the secret
 * never sits in a descriptor record.
 *
 * @param url       the JDBC URL as written (may hold references)
 * @param user      the user as written (may hold references)
 * @param password  a {@code ${secret:…}} or {@code ${env:…}} reference, never a literal
 * @param driver    the driver class, when the driver does not register itself with {@link java.sql.DriverManager}
 * @param fetchSize rows per round trip (Spark's {@code fetchsize})
 */
public record JdbcConnection(String url, String user, String password, Optional<String> driver, int fetchSize) {
    /** The keys of a {@code jdbc} source's {@code connection} block. */
    public static final Set<String> KEYS = Set.of("url", "user", "password", "driver", "fetch_size");
    /** Rows per round trip when the descriptor does not say (10000: four times the throughput of the default). */
    public static final int DEFAULT_FETCH_SIZE = 10_000;

    public JdbcConnection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(driver, "driver");
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be positive");
        }
    }

    /**
     * Binds a {@code jdbc} source's {@code connection} block.
     *
     * @throws io.sluice.metadata.DescriptorException on an unknown key, a missing setting or a literal password
     */
    public static JdbcConnection bind(Options connection) {
        connection.rejectUnknown(KEYS);
        String url = connection.requiredString("url");
        if (!References.containsReference(url) && !url.startsWith("jdbc:")) {
            throw connection.error("url", "'" + url + "' is not a JDBC URL (write e.g."
                    + " jdbc:postgresql://host:5432/db or \"${env:DB_URL}\")");
        }
        return bindCommon(connection, url);
    }

    /**
     * Binds the settings every JDBC-based connector shares ({@code user}, {@code password}, {@code driver},
     * {@code fetch_size}) around a URL the caller built; unknown keys must have been rejected already.
     */
    public static JdbcConnection bindCommon(Options connection, String url) {
        String user = connection.requiredString("user");
        String password = connection.requiredString("password");
        if (!password.strip().matches("\\$\\{(env|secret):[^}]+}")) {
            throw connection.error("password", "a password must come from the environment or a secret store"
                    + " (write \"${secret:name}\" or \"${env:NAME}\"); remove it from the descriptor and rotate it");
        }
        int fetchSize = connection.integer("fetch_size", DEFAULT_FETCH_SIZE);
        if (fetchSize < 1) {
            throw connection.error("fetch_size", "expected a positive number of rows, found " + fetchSize);
        }
        return new JdbcConnection(url, user, password.strip(), connection.string("driver"), fetchSize);
    }

    /** The settings with every reference resolved; the result must never be logged. */
    Resolved resolve(UnaryOperator<String> resolver) {
        return new Resolved(resolver.apply(url), resolver.apply(user), resolver.apply(password), driver, fetchSize);
    }

    /** Resolved settings, alive only while a landing runs. {@link #toString()} hides the secret. */
    record Resolved(String url, String user, String password, Optional<String> driver, int fetchSize) {
        Properties properties() {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("password", password);
            return p;
        }

        /** The URL without parameters or user information, safe to show in a message. */
        String shownUrl() {
            return Redaction.url(url, password);
        }

        @Override
        public String toString() {
            return "Resolved[url=" + shownUrl() + ", user=" + user + ", password=***]";
        }
    }
}
