package io.sluice.connector.teradata;

import io.sluice.connector.jdbc.JdbcConnection;
import io.sluice.metadata.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@code teradata} source's {@code connection} block, bound. The driver's URL parameters come from typed
 * fields, so a misspelt {@code TMODE} fails when the descriptor is checked, not on the warehouse.
 *
 * @param host        the database host (or a {@code ${env:…}} reference to it)
 * @param port        {@code DBS_PORT}, when not the default 1025
 * @param database    {@code DATABASE}: the default database of the session
 * @param charset     {@code CHARSET}: session character set (default UTF8)
 * @param tmode       {@code TMODE}: transaction semantics (ANSI, TERA, or DEFAULT for the system's)
 * @param fastExport  {@code TYPE=FASTEXPORT}: read through FastExport sessions (large extracts; counts against
 *                    the system's FastExport limit, one job per partition)
 * @param logmech     {@code LOGMECH}: logon mechanism, when not the system default (TD2)
 * @param encryptData {@code ENCRYPTDATA=ON}: encrypt the session's traffic
 * @param jdbc        user, password, driver and fetch size, and the URL built from the fields above
 */
public record TeradataConnection(String host, Optional<Integer> port, Optional<String> database, Charset charset,
                                 TransactionMode tmode, boolean fastExport, Optional<LogonMechanism> logmech,
                                 boolean encryptData, JdbcConnection jdbc) {
    static final Set<String> KEYS = Set.of("host", "port", "database", "user", "password", "driver", "fetch_size",
            "charset", "tmode", "fastexport", "logmech", "encrypt_data");
    /** Teradata's driver class; it does not always register itself with DriverManager. */
    public static final String DRIVER = "com.teradata.jdbc.TeraDriver";

    /** Session character sets. */
    public enum Charset { UTF8, UTF16, ASCII }

    /** Transaction semantics of the session. */
    public enum TransactionMode { ANSI, TERA, DEFAULT }

    /** Logon mechanisms. */
    public enum LogonMechanism { TD2, LDAP, KRB5, TDNEGO, JWT }

    public TeradataConnection {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(tmode, "tmode");
        Objects.requireNonNull(logmech, "logmech");
        Objects.requireNonNull(jdbc, "jdbc");
    }

    /**
     * Binds a {@code teradata} source's {@code connection} block.
     *
     * @throws io.sluice.metadata.DescriptorException on an unknown key or value, or a literal password
     */
    public static TeradataConnection bind(Options connection) {
        connection.rejectUnknown(KEYS);
        String host = connection.requiredString("host");
        if (!host.matches("[A-Za-z0-9._:\\[\\]-]+|\\$\\{(env|secret):[^}]+}")) {
            throw connection.error("host", "'" + host + "' is not a host name (write e.g. dw.example.com or"
                    + " \"${env:DW_HOST}\"; connection parameters are fields of their own)");
        }
        Optional<Integer> port = connection.has("port") ? Optional.of(connection.integer("port", 1025))
                : Optional.empty();
        Optional<String> database = connection.string("database");
        if (database.isPresent() && !database.get().matches("[A-Za-z_][A-Za-z0-9_$#]*")) {
            throw connection.error("database", "'" + database.get() + "' is not a database name");
        }
        Charset charset = choice(connection, "charset", Charset.class, Charset.UTF8);
        TransactionMode tmode = choice(connection, "tmode", TransactionMode.class, TransactionMode.DEFAULT);
        Optional<LogonMechanism> logmech = connection.has("logmech")
                ? Optional.of(choice(connection, "logmech", LogonMechanism.class, LogonMechanism.TD2))
                : Optional.empty();
        boolean fastExport = connection.bool("fastexport", false);
        boolean encryptData = connection.bool("encrypt_data", false);
        String url = url(host, parameters(port, database, charset, tmode, fastExport, logmech, encryptData));
        JdbcConnection common = JdbcConnection.bindCommon(connection, url);
        JdbcConnection jdbc = new JdbcConnection(common.url(), common.user(), common.password(),
                Optional.of(common.driver().orElse(DRIVER)), common.fetchSize());
        return new TeradataConnection(host, port, database, charset, tmode, fastExport, logmech, encryptData, jdbc);
    }

    /** {@code jdbc:teradata://host/KEY=value,…}; the host may still hold a reference, resolved at connect time. */
    static String url(String host, List<String> parameters) {
        return "jdbc:teradata://" + host + "/" + String.join(",", parameters);
    }

    /** The driver's URL parameters, in a fixed order. */
    static List<String> parameters(Optional<Integer> port, Optional<String> database, Charset charset,
                                   TransactionMode tmode, boolean fastExport, Optional<LogonMechanism> logmech,
                                   boolean encryptData) {
        List<String> p = new ArrayList<>();
        database.ifPresent(d -> p.add("DATABASE=" + d));
        port.ifPresent(n -> p.add("DBS_PORT=" + n));
        p.add("CHARSET=" + charset);
        p.add("TMODE=" + tmode);
        if (fastExport) {
            p.add("TYPE=FASTEXPORT");
        }
        logmech.ifPresent(m -> p.add("LOGMECH=" + m));
        if (encryptData) {
            p.add("ENCRYPTDATA=ON");
        }
        return List.copyOf(p);
    }

    private static <E extends Enum<E>> E choice(Options connection, String key, Class<E> type, E otherwise) {
        Optional<String> written = connection.string(key);
        if (written.isEmpty()) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, written.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String expected = Stream.of(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
            throw connection.error(key, "unknown " + key + " '" + written.get() + "' (expected one of: " + expected
                    + ")");
        }
    }
}
