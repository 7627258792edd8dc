package org.cpe.swf.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database of its own for one test: H2 in a fresh folder under target/, or PostgreSQL in a fresh schema when
 * {@code CPE_TEST_POSTGRES_URL} (system property or environment variable) names a server. Closes the stores it opened.
 */
final class StoreFixture implements AutoCloseable {

    static final String POSTGRES_URL = "CPE_TEST_POSTGRES_URL";

    private final String url;
    private final Runnable cleanUp;
    private final List<JdbcSwfStore> stores = new ArrayList<>();

    private StoreFixture(String url, Runnable cleanUp) {
        this.url = url;
        this.cleanUp = cleanUp;
    }

    static StoreFixture h2() {
        try {
            Path folder = Files.createDirectories(
                    Path.of("target", "swf-store-tests", UUID.randomUUID().toString()));
            return new StoreFixture("jdbc:h2:file:" + folder.toAbsolutePath().resolve("swf"), () -> {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Skips the calling test unless a PostgreSQL URL is configured; creates a schema that close() drops. */
    static StoreFixture postgres() {
        String base = System.getProperty(POSTGRES_URL, System.getenv(POSTGRES_URL));
        assumeTrue(
                base != null && !base.isBlank(),
                "PostgreSQL tests skipped: set " + POSTGRES_URL
                        + " (system property or environment), e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        String schema = "swf_test_" + UUID.randomUUID().toString().replace("-", "");
        execute(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new StoreFixture(url, () -> execute(base, "DROP SCHEMA " + schema + " CASCADE"));
    }

    String url() {
        return url;
    }

    /** A store on this fixture's database; several may be opened in turn, as a restarted server would. */
    JdbcSwfStore open() {
        JdbcSwfStore store = JdbcSwfStore.open(url, null, null);
        stores.add(store);
        return store;
    }

    /** A plain connection to the same database, for a test to inspect or break it. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    void execute(String sql) {
        execute(url, sql);
    }

    @Override
    public void close() {
        stores.forEach(JdbcSwfStore::close);
        cleanUp.run();
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url, e);
        }
    }
}
