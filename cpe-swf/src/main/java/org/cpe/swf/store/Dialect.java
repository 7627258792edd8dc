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
         * commit is what keeps one file write per batch affordable. The setting is database-wide and persistent,
         * so it is set on each open rather than trusted to the URL.
         */
        @Override
        void makeCommitsDurable(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
            }
        }

        /**
         * Does what H2's background thread would, had WRITE_DELAY 0 not stopped it: each commit appends a chunk to
         * the file, H2 frees a chunk once none of its pages is live and it is older than RETENTION_TIME (45 s by
         * default), and this rewrites the live pages of the emptiest such chunks (at most {@link
         * #COMPACT_WRITE_BYTES} a run) so that they can be freed too. Without it a chunk kept its space for as long
         * as a single page in it was live, which under steady load is most of them: a 70 s stream of small commits
         * left a 4.6 GB file, 8 % of it live. This slows that growth without stopping it (4.9 GB after 100 s of the
         * same stream; docs/benchmarks.md), a documented limit of H2 under sustained load. (RETENTION_TIME 0 would
         * free chunks sooner, but lost committed events across a restart in RecoveryTest.) Reaches the MVStore through
         * H2's engine classes, so only for an embedded (file) database; over H2's TCP server the server's own
         * settings apply.
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

    /**
     * {@link #compactor} does nothing while the chunks' live data fill at least this percentage of them; below it, it
     * rewrites the emptiest chunks.
     */
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
