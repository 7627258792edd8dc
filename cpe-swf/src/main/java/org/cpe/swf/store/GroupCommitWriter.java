package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: callers enqueue and get a future; one thread drains everything queued into one transaction, commits
 * and completes the futures in order. A failed transaction is retried with everything queued since, still in order,
 * until it commits or the writer closes; but when the database refuses the rows themselves, each submission is tried
 * alone and only the refused ones fail. While nothing is queued the thread checks its connection every {@link
 * #PROBE_INTERVAL}, so that a database that went away is noticed (and its return too) without a write. A second
 * thread runs the dialect's compactor, if it has one, every {@link #COMPACT_INTERVAL} beside the commits. The threads
 * are our own, not the container's: the engine is a plain library. Futures complete on that thread, so their dependent
 * stages must not block (use the async variants).
 */
final class GroupCommitWriter implements AutoCloseable {

    static final String THREAD_NAME = "cpe-swf-store-writer";

    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    /** How often an idle writer checks its connection. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    /** How long a connection check may take before the database counts as unreachable. */
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    static final String COMPACTOR_THREAD_NAME = "cpe-swf-store-compactor";
    /** How often the database's superseded space is given back ({@link Dialect#compactor}). */
    static final Duration COMPACT_INTERVAL = Duration.ofSeconds(1);

    /** One submission: its rows and the future its caller waits on. */
    private record Pending(List<Row> rows, CompletableFuture<Void> done) {}

    /** Queued last by close(): nothing is queued after it. */
    private static final Pending END = new Pending(List.of(), null);

    private final StoreDatabase database;
    private final BatchWriter batchWriter;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    // Readers are the submitters; close() takes the write lock so no submission slips in after END.
    private final ReadWriteLock closeLock = new ReentrantReadWriteLock();
    private final CountDownLatch closeSignal = new CountDownLatch(1);
    private final Backoff backoff = new Backoff(Backoff.FIRST, Backoff.LAST);
    private final Thread thread;
    private volatile boolean closing;
    private volatile String failure;
    private volatile Consumer<Optional<String>> failureListener = f -> {};
    private Connection connection;
    private boolean endSeen;
    // Set by the writer thread while it holds a connection whose database the dialect compacts; run by the other.
    private volatile Runnable compactor;
    private final Thread compactorThread;

    /** Starts the writer thread; {@code connection} becomes its own. */
    GroupCommitWriter(StoreDatabase database, Connection connection) {
        this.database = database;
        this.batchWriter = new BatchWriter(database.dialect());
        this.connection = connection;
        this.compactor = compactorFor(connection);
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.setContextClassLoader(GroupCommitWriter.class.getClassLoader());
        this.compactorThread = new Thread(this::compactLoop, COMPACTOR_THREAD_NAME);
        compactorThread.setDaemon(true);
        compactorThread.start();
        thread.start();
    }

    CompletableFuture<Void> submit(List<Row> rows) {
        closeLock.readLock().lock();
        try {
            if (closing) {
                return CompletableFuture.failedFuture(new IllegalStateException("The SWF store is closed"));
            }
            Pending pending = new Pending(rows, new CompletableFuture<>());
            queue.add(pending);
            return pending.done();
        } finally {
            closeLock.readLock().unlock();
        }
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Tells {@code listener}, on the writer's thread, when writes start failing (with why) and when they succeed again
     * (empty); it must return quickly. Replaces the previous listener.
     */
    void onFailureChange(Consumer<Optional<String>> listener) {
        failureListener = listener;
    }

    /** Writes what is queued (once more if writes are failing), then stops the thread and closes its connection. */
    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(END);
        } finally {
            closeLock.writeLock().unlock();
        }
        closeSignal.countDown();
        if (Thread.currentThread() == thread) {
            return; // closed from a future's callback: the loop ends by itself once this returns
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warning(() -> THREAD_NAME + " still writing after " + CLOSE_WAIT + "; leaving it to finish");
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        try {
            while (!endSeen) {
                if (batch.isEmpty()) {
                    Pending next = queue.poll(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                    if (next == null) {
                        probe();
                        continue;
                    }
                    accept(next, batch);
                }
                drainInto(batch);
                if (batch.isEmpty()) {
                    continue;
                }
                if (!commitWithRetry(batch)) {
                    drainInto(batch);
                    fail(batch);
                    return;
                }
                batch.forEach(pending -> pending.done().complete(null));
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drainInto(batch);
            fail(batch);
        } finally {
            // The compactor works on this connection's database: it stops before the connection closes.
            closeSignal.countDown();
            joinCompactor();
            discardConnection();
        }
    }

    private Runnable compactorFor(Connection connection) {
        try {
            return database.dialect().compactor(connection).orElse(null);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot compact the SWF store's database file; it may grow", e);
            return null;
        }
    }

    private void joinCompactor() {
        try {
            compactorThread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Commits the batch, retrying with what is queued meanwhile; false when it failed and the writer is closing. */
    private boolean commitWithRetry(List<Pending> batch) throws InterruptedException {
        while (true) {
            try {
                commit(batch, failure != null);
                recovered();
                return true;
            } catch (SQLException | RuntimeException e) {
                Exception cause = e;
                if (refusedForGood(e)) {
                    try {
                        isolate(batch);
                        recovered();
                        return true;
                    } catch (SQLException | RuntimeException again) {
                        cause = again;
                    }
                }
                failing(cause, "SWF store write failed; retrying in order until it succeeds");
                if (closing) {
                    return false;
                }
                // close() cuts the pause short, for one last attempt.
                closeSignal.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS);
                drainInto(batch);
            }
        }
    }

    /** With nothing to write: checks (or reopens) the connection, and says when that changes the verdict. */
    private void probe() {
        try {
            connect();
            if (!connection.isValid(PROBE_TIMEOUT_SECONDS)) {
                throw new SQLException(
                        "the connection to the database did not answer within " + PROBE_TIMEOUT_SECONDS + " s",
                        "08006");
            }
            recovered();
        } catch (SQLException | RuntimeException e) {
            failing(e, "SWF store database unreachable; writes wait until it is back");
        }
    }

    /**
     * The compactor thread: every {@link #COMPACT_INTERVAL} until close, runs the writer's compactor if it has one. A
     * failure loses nothing (the data is committed), so it is logged once and the loop goes on.
     */
    private void compactLoop() {
        boolean warned = false;
        try {
            while (!closeSignal.await(COMPACT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                Runnable current = compactor;
                if (current == null) {
                    continue;
                }
                try {
                    current.run();
                } catch (RuntimeException e) {
                    if (!warned && !closing) {
                        warned = true;
                        LOG.log(Level.WARNING, "Could not compact the SWF store's database file; it may grow", e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failing(Exception e, String warning) {
        boolean first = failure == null;
        if (first) {
            LOG.log(Level.WARNING, warning, e);
        }
        failure = describe(e);
        discardConnection();
        if (first) {
            notifyListener();
        }
    }

    private void recovered() {
        if (failure != null) {
            LOG.info("SWF store writes succeed again after: " + failure);
            failure = null;
            notifyListener();
        }
        backoff.reset();
    }

    private void notifyListener() {
        try {
            failureListener.accept(Optional.ofNullable(failure));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The SWF store's failure listener failed", e);
        }
    }

    private void connect() throws SQLException {
        if (connection == null) {
            connection = database.connect();
            database.dialect().makeCommitsDurable(connection);
            compactor = compactorFor(connection);
        }
    }

    /**
     * After the database refused a batch for its data: commits its submissions one by one, in order, and fails only
     * those it refuses again, so that one bad submission cannot hold up every later write. Throws on any other
     * failure, with the submissions not yet written still in the batch, for the retry loop.
     */
    private void isolate(List<Pending> batch) throws SQLException {
        for (var it = batch.iterator(); it.hasNext(); ) {
            Pending pending = it.next();
            try {
                // As a retry: rows an earlier attempt may have left are overwritten, not refused as duplicates.
                commit(List.of(pending), true);
                pending.done().complete(null);
            } catch (SQLException | RuntimeException e) {
                if (!refusedForGood(e)) {
                    throw e;
                }
                LOG.log(Level.WARNING, "The SWF store's database refused a call's changes; failing that call", e);
                pending.done()
                        .completeExceptionally(new SwfStoreException(
                                "The workflow database refused these changes: " + describe(e), e));
            }
            it.remove();
        }
    }

    /**
     * Whether the database refused the rows themselves (SQLState class 22, a data exception such as a value too long
     * or a character it cannot store, or 23, an integrity constraint), which no retry can change; not a lost
     * connection, a timeout or a conflict.
     */
    static boolean refusedForGood(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("22") || state.startsWith("23");
            }
        }
        return false;
    }

    private void commit(List<Pending> batch, boolean retry) throws SQLException {
        connect();
        connection.setAutoCommit(false);
        List<Row> rows = new ArrayList<>();
        batch.forEach(pending -> rows.addAll(pending.rows()));
        try {
            batchWriter.write(connection, CoalescedBatch.of(rows), retry);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }

    private void accept(Pending pending, List<Pending> batch) {
        if (pending == END) {
            endSeen = true;
        } else {
            batch.add(pending);
        }
    }

    private void drainInto(List<Pending> batch) {
        List<Pending> more = new ArrayList<>();
        queue.drainTo(more);
        more.forEach(pending -> accept(pending, batch));
    }

    private void fail(List<Pending> batch) {
        IllegalStateException closed = new IllegalStateException(
                "The SWF store closed before these changes were written" + (failure == null ? "" : ": " + failure));
        batch.forEach(pending -> pending.done().completeExceptionally(closed));
        batch.clear();
    }

    /** A connection that failed may be broken; the next attempt opens a new one. */
    private void discardConnection() {
        compactor = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "Closing the SWF store writer's connection failed", e);
            }
            connection = null;
        }
    }

    private static String describe(Exception e) {
        String state = e instanceof SQLException sql && sql.getSQLState() != null
                ? " (SQLState " + sql.getSQLState() + ")"
                : "";
        return e.getClass().getSimpleName() + state + ": " + e.getMessage();
    }
}
