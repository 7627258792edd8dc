package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * What differs between the two databases the store runs on: the driver, the upsert, the durability setting and the
 * upkeep of the file.
 */
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
         * commit is what keeps one file write per batch affordable.
         *
         * <p>Each of those commits appends a chunk to the file, and WRITE_DELAY 0 also stops H2's background thread,
         * the one that frees and compacts old chunks. H2 would keep every superseded chunk for RETENTION_TIME (45 s
         * by default), which only guards against a power cut reordering unsynced writes, a case these commits do
         * not cover anyway; with 0 a chunk is freed once no reader uses it. {@link #compactor} does the rest.
         * Both settings are database-wide and persistent, so they are set on each open rather than trusted to the
         * URL.
         */
        @Override
        void makeCommitsDurable(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
                statement.execute("SET RETENTION_TIME 0");
            }
        }

        /**
         * Does what H2's background thread would: rewrites the live pages of the emptiest chunks (at most
         * {@link #COMPACT_WRITE_BYTES} a run) so that their space can be reused. Without it a chunk keeps its space
         * for as long as a single page in it is live: under steady load the file grew by most of what every commit
         * wrote (1.5 GB in 25 s of the SWF benchmark, 4.6 GB in 70 s of small commits) and each commit got slower as
         * the chunks piled up. Reaches the MVStore through H2's engine classes, so only for an embedded (file)
         * database; over H2's TCP server the server's own settings apply.
         */
        @Override
        Optional<Runnable> compactor(Connection connection) throws SQLException {
            if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
                MVStore store = session.getDatabase().getStore().getMvStore();
                if (store.getFileStore() != null) {
                    return Optional.of(() -> store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_BYTES));
                }
            }
            return Optional.empty();
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

        /** Autovacuum keeps PostgreSQL's tables compact. */
        @Override
        Optional<Runnable> compactor(Connection connection) {
            return Optional.empty();
        }
    };

    /** Chunks filled below this are rewritten by {@link #compactor} (a percentage of their live data). */
    static final int COMPACT_TARGET_FILL_RATE = 80;

    /** The most {@link #compactor} rewrites in one run. */
    static final int COMPACT_WRITE_BYTES = 4 << 20;

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

    /**
     * What gives the space of superseded data back for reuse, a bounded amount of work a run, if the database needs it
     * done by its client; run about once a second on a thread of its own, while commits go on.
     */
    abstract Optional<Runnable> compactor(Connection connection) throws SQLException;

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
