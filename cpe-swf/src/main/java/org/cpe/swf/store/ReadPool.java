package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A few connections for reads, apart from the writer's so that a read never waits for a commit. Opened when first
 * needed; one that failed is closed rather than reused, so reads heal after the database comes back.
 */
final class ReadPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReadPool.class.getName());

    /** A read: a function of a connection that may fail with SQL. */
    interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final StoreDatabase database;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    ReadPool(StoreDatabase database, int size) {
        this.database = database;
        this.permits = new Semaphore(size, true);
    }

    /** Runs a read on a pooled connection in auto-commit mode; a failure surfaces as {@link SwfStoreException}. */
    <T> T read(String what, Read<T> read) {
        if (closed) {
            throw new IllegalStateException("The SWF store is closed");
        }
        permits.acquireUninterruptibly();
        Connection connection = null;
        // Only SQL failures may leave a connection broken; the reads clean up their own transactions.
        boolean healthy = true;
        try {
            connection = idle.poll();
            if (connection == null) {
                connection = database.connect();
            }
            return read.apply(connection);
        } catch (SQLException e) {
            healthy = false;
            throw new SwfStoreException("Reading " + what + " from the SWF store failed: " + e.getMessage(), e);
        } finally {
            release(connection, healthy);
            permits.release();
        }
    }

    private void release(Connection connection, boolean healthy) {
        if (connection == null) {
            return;
        }
        if (healthy && !closed) {
            idle.add(connection);
            if (!closed) {
                return;
            }
            idle.remove(connection);
        }
        closeQuietly(connection);
    }

    @Override
    public void close() {
        closed = true;
        Connection connection;
        while ((connection = idle.poll()) != null) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Closing a read connection of the SWF store failed", e);
        }
    }
}
