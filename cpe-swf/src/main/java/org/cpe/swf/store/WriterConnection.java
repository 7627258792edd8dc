package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The writer thread's own connection: opened when needed, checked while the writer is idle, and dropped after a
 * failure, since it may be broken, so that the next attempt opens a new one. Used by the writer thread only.
 */
final class WriterConnection {

    private static final Logger LOG = Logger.getLogger(WriterConnection.class.getName());
    /** How long a connection check may take before the database counts as unreachable. */
    private static final int CHECK_TIMEOUT_SECONDS = 2;

    private final StoreDatabase database;
    private final JournalCheckpoints checkpoints;
    private Connection connection;

    /** Starts with {@code connection}, already readied with {@link Dialect#prepareWriter}. */
    WriterConnection(StoreDatabase database, Connection connection, JournalCheckpoints checkpoints) {
        this.database = database;
        this.connection = connection;
        this.checkpoints = checkpoints;
    }

    /** The connection, opened and readied first if there is none; a journaled file's checkpoints then use it. */
    Connection get() throws SQLException {
        if (connection == null) {
            connection = database.connect();
            checkpoints.fileWriter(database.dialect()
                    .prepareWriter(connection)
                    .map(Dialect.LocalFile::checkpoint)
                    .orElse(null));
        }
        return connection;
    }

    /** Opens the connection if needed and checks that the database answers on it. */
    void check() throws SQLException {
        if (!get().isValid(CHECK_TIMEOUT_SECONDS)) {
            throw new SQLException(
                    "the connection to the database did not answer within " + CHECK_TIMEOUT_SECONDS + " s", "08006");
        }
    }

    /** Closes the connection; the next {@link #get} opens a new one. */
    void discard() {
        checkpoints.fileWriter(null);
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "Closing the SWF store writer's connection failed", e);
            }
            connection = null;
        }
    }
}
