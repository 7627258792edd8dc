package org.cpe.swf.store;

import java.nio.file.Path;
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
 * What differs between the two databases the store runs on: the driver, the upsert and how commits are made
 * durable.
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
         * H2 2.x (MVStore) writes committed transactions to its file only every WRITE_DELAY milliseconds, so a process
         * killed right after a commit loses it. For an embedded file database the writer therefore journals each batch
         * before committing it ({@link StoreJournal}) and has H2 store its file at every checkpoint; WRITE_DELAY is
         * left at {@link #H2_WRITE_DELAY_MS} so that H2's background thread, which also compacts the file, runs. For
         * any other H2 database (over H2's TCP server, in memory) WRITE_DELAY 0 commits the MVStore to the file inside
         * every transaction commit instead, a chunk per commit. The setting is database-wide and persistent, so it is
         * set on each open rather than trusted to the URL.
         */
        @Override
        Optional<LocalFile> prepareWriter(Connection connection) throws SQLException {
            MVStore store = null;
            if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
                store = session.getDatabase().getStore().getMvStore();
            }
            boolean local = store != null && store.getFileStore() != null;
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY " + (local ? H2_WRITE_DELAY_MS : 0));
            }
            if (!local) {
                return Optional.empty();
            }
            String fileName = store.getFileStore().getFileName();
            return Optional.of(new LocalFile(localPath(fileName), journalFolder(fileName), store::commit));
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

        /**
         * PostgreSQL's default synchronous_commit already flushes the WAL before commit returns, and autovacuum keeps
         * its tables compact.
         */
        @Override
        Optional<LocalFile> prepareWriter(Connection connection) {
            return Optional.empty();
        }
    };

    /**
     * H2's WRITE_DELAY for a journaled file database: H2 stores on its own only when the writer's checkpoints (every
     * second) fall this far behind.
     */
    static final int H2_WRITE_DELAY_MS = 2000;

    private static final String H2_FILE_SUFFIX = ".mv.db";

    /**
     * An embedded database file whose commits the writer journals: the file, where the journal goes, and what writes
     * to the file everything committed so far (blocking until it is written).
     */
    record LocalFile(Path file, Path journalFolder, Runnable checkpoint) {}

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

    /**
     * Readies the writer's connection: sets what makes its commits durable, and returns the database file whose
     * commits the writer must journal itself, if that is how they are made durable.
     */
    abstract Optional<LocalFile> prepareWriter(Connection connection) throws SQLException;

    /**
     * The journal folder beside an H2 database file: {@code /data/swf.mv.db} → {@code /data/swf.journal}. H2's file
     * system prefixes ({@code nio:}, {@code split:nio:} and the like; a Windows drive letter is not one) are dropped.
     */
    static Path journalFolder(String h2FileName) {
        String file = localPath(h2FileName).toString();
        String base = file.endsWith(H2_FILE_SUFFIX) ? file.substring(0, file.length() - H2_FILE_SUFFIX.length()) : file;
        return Path.of(base + ".journal");
    }

    /** An H2 file name without H2's file-system prefixes. */
    static Path localPath(String h2FileName) {
        return Path.of(h2FileName.replaceFirst("^([A-Za-z]{2,}:)+", ""));
    }

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
