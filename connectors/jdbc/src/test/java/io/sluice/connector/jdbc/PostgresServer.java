package io.sluice.connector.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A running PostgreSQL server of the test JVM, reached over TCP with password authentication.
 *
 * @param port     its port on 127.0.0.1
 * @param user     the superuser
 * @param password the superuser's password
 */
public record PostgresServer(int port, String user, String password) {
    /** The JDBC URL of the {@code postgres} database. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url(), p);
    }

    /** Runs statements separated by {@code ;} on one connection. */
    public void execute(String statements) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : statements.split(";")) {
                if (!s.isBlank()) {
                    st.execute(s);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + statements, e);
        }
    }

    /** The first column of the first row of a query, as text. */
    public String value(String query) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + query, e);
        }
    }
}
