package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What differs between the two databases the store runs on: the driver, the upsert and the durability setting. */
enum Dialect {
    H2("jdbc:h2:") {
        @Override
        Driver driver() {
            return new org.h2.Driver();
        }

        @Override
        String upsert(String table, List<String> keys, List<String> values) {
            return "MERGE INTO " + table + " (" + columns(keys, values) + ") KEY (" + String.join(", ", keys)
                    + ") VALUES (" + parameters(keys.size() + values.size()) + ")";
        }

        /**
         * H2 2.x (MVStore) writes committed transactions to its file only every WRITE_DELAY milliseconds (500 by
         * default), so a process killed right after a commit loses it. With 0 the MVStore is committed to the file
         * inside every transaction commit (TransactionStore.endTransaction), before commit() returns; the page
         * cache keeps it through a kill -9 (not through a power cut, which would take an fsync per commit). Group
         * commit is what keeps one file write per batch affordable. The setting is database-wide and persistent,
         * so it is set on each open rather than trusted to the URL.
         */
        @Override
        void makeCommitsDurable(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
            }
        }
    },

    POSTGRESQL("jdbc:postgresql:") {
        @Override
        Driver driver() {
            return new org.postgresql.Driver();
        }

        @Override
        String upsert(String table, List<String> keys, List<String> values) {
            return "INSERT INTO " + table + " (" + columns(keys, values) + ") VALUES ("
                    + parameters(keys.size() + values.size()) + ") ON CONFLICT (" + String.join(", ", keys)
                    + ") DO " + (values.isEmpty() ? "NOTHING" : "UPDATE SET " + assignments(values));
        }

        /** PostgreSQL's default synchronous_commit already flushes the WAL before commit returns. */
        @Override
        void makeCommitsDurable(Connection connection) {}
    };

    private final String urlPrefix;

    Dialect(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    /**
     * The dialect of a JDBC URL. The driver is then instantiated directly rather than found by DriverManager,
     * which in an application server only sees drivers of the server's own class path.
     */
    static Dialect of(String jdbcUrl) {
        for (Dialect dialect : values()) {
            if (jdbcUrl.startsWith(dialect.urlPrefix)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException(
                "The SWF store runs on H2 (jdbc:h2:) or PostgreSQL (jdbc:postgresql:), not on " + jdbcUrl);
    }

    abstract Driver driver();

    /** An insert-or-replace of one row, its parameters the key columns then the value columns. */
    abstract String upsert(String table, List<String> keys, List<String> values);

    abstract void makeCommitsDurable(Connection connection) throws SQLException;

    private static String columns(List<String> keys, List<String> values) {
        return Stream.concat(keys.stream(), values.stream()).collect(Collectors.joining(", "));
    }

    private static String parameters(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static String assignments(List<String> values) {
        return values.stream().map(column -> column + " = EXCLUDED." + column).collect(Collectors.joining(", "));
    }
}
