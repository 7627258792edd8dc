package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/** Where the store's database is and how to reach it: the connections the writer and readers open. */
final class StoreDatabase {

    /** Flyway's history table, named apart from those of other applications sharing the database. */
    static final String HISTORY_TABLE = "cpe_swf_schema_history";

    static final String MIGRATIONS = "classpath:db/migration/swf";

    private final String url;
    private final String user;
    private final String password;
    private final Dialect dialect;
    private final Driver driver;

    StoreDatabase(String url, String user, String password) {
        this.url = url;
        this.user = blankToNull(user);
        this.password = blankToNull(password);
        this.dialect = Dialect.of(url);
        this.driver = dialect.driver();
    }

    /** The URL without its settings, which may hold a password, for messages. */
    static String redact(String url) {
        int settings = url.indexOf('?') >= 0 ? url.indexOf('?') : url.indexOf(';');
        return settings >= 0 ? url.substring(0, settings) : url;
    }

    Dialect dialect() {
        return dialect;
    }

    /** A new connection; its caller owns and closes it. */
    Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("The " + dialect + " driver does not accept the URL " + redact(url));
        }
        return connection;
    }

    /**
     * Brings the schema to the newest version. Flyway is given this library's class loader so that it finds the
     * migrations and its database plugins when the jar sits in a WAR's WEB-INF/lib or an EAR's lib, where the
     * thread's context class loader may be the server's.
     */
    void migrate() {
        Flyway.configure(JdbcSwfStore.class.getClassLoader())
                .dataSource(url, user, password)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
