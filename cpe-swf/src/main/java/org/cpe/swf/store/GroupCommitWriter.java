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
 * #PROBE_INTERVAL}, so that a database that went away is noticed (and its return too) without a write. On an embedded
 * H2 file each batch is appended to the {@link StoreJournal} before it is committed, and a second thread checkpoints
 * every {@link #CHECKPOINT_INTERVAL}: it starts a new journal segment, has H2 write its file, and deletes the
 * segments the file now holds. The threads are our own, not the container's: the engine is a plain library. Futures
 * complete on that thread, so their dependent stages must not block (use the async variants).
 */
final class GroupCommitWriter implements AutoCloseable {

    static final String THREAD_NAME = "cpe-swf-store-writer";

    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    /** How often an idle writer checks its connection. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    /** How long a connection check may take before the database counts as unreachable. */
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    static final String CHECKPOINT_THREAD_NAME = "cpe-swf-store-checkpoint";
    /** How often a journaled database writes its file and drops the journal segments that file then holds. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    /** Journal records applied per transaction when replaying at open. */
    private static final int REPLAY_RECORDS_PER_COMMIT = 500;

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
    /** Null unless the database is an embedded file whose commits are journaled. */
    private final StoreJournal journal;
    /** Held across a journal append and its commit, and by a rotation, so that no rotation falls between them. */
    private final Object journalLock = new Object();
    // Set by the writer thread while it holds a connection to the journaled file; run by the checkpoint thread.
    private volatile Runnable checkpoint;
    private final Thread checkpointThread;
    private boolean checkpointWarned;

    /**
     * Starts the writer thread; {@code connection} becomes its own, readied with {@link Dialect#prepareWriter}, and
     * {@code local} is what that returned. Opens {@code local}'s journal, which {@link #replay} has emptied.
     */
    GroupCommitWriter(StoreDatabase database, Connection connection, Optional<Dialect.LocalFile> local) {
        this.database = database;
        this.batchWriter = new BatchWriter(database.dialect());
        this.connection = connection;
        this.journal =
                local.map(file -> StoreJournal.open(file.journalFolder())).orElse(null);
        this.checkpoint = local.map(Dialect.LocalFile::checkpoint).orElse(null);
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.setContextClassLoader(GroupCommitWriter.class.getClassLoader());
        this.checkpointThread = new Thread(this::checkpointLoop, CHECKPOINT_THREAD_NAME);
        checkpointThread.setDaemon(true);
        checkpointThread.start();
        thread.start();
    }

    /**
     * Applies what the journal of {@code local} holds from a process that stopped before its last checkpoint, in
     * order, then has the database write its file and deletes the journal. Rows the database refuses for good (it
     * refused them when they were first written, and that call failed) are skipped with a warning. Runs at open,
     * before anything reads the store.
     */
    static void replay(Connection connection, Dialect.LocalFile local, Dialect dialect) throws SQLException {
        BatchWriter writer = new BatchWriter(dialect);
        List<List<Row>> records = new ArrayList<>();
        int[] skipped = {0};
        connection.setAutoCommit(false);
        try (StoreJournal journal = StoreJournal.open(local.journalFolder())) {
            int replayed = journal.replay(rows -> {
                records.add(rows);
                if (records.size() == REPLAY_RECORDS_PER_COMMIT) {
                    skipped[0] += applyReplayed(connection, writer, records);
                }
            });
            skipped[0] += applyReplayed(connection, writer, records);
            // Also writes the schema a migration just made, which no journal holds.
            local.checkpoint().run();
            if (replayed > 0) {
                LOG.info(() -> "SWF store: replayed " + replayed + " journaled batch(es) not yet in "
                        + local.journalFolder().getFileName() + "'s database file"
                        + (skipped[0] > 0 ? ", skipping " + skipped[0] + " the database refused" : ""));
            }
            journal.deleteBefore(Long.MAX_VALUE);
        } catch (UncheckedSqlException e) {
            throw e.getCause();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Commits the records in one transaction, or one by one when the database refuses some; how many it refused. */
    private static int applyReplayed(Connection connection, BatchWriter writer, List<List<Row>> records) {
        if (records.isEmpty()) {
            return 0;
        }
        List<Row> rows = new ArrayList<>();
        records.forEach(rows::addAll);
        int refused = 0;
        try {
            try {
                writeAndCommit(connection, writer, rows);
            } catch (SQLException e) {
                if (!refusedForGood(e)) {
                    throw e;
                }
                for (List<Row> record : records) {
                    try {
                        writeAndCommit(connection, writer, record);
                    } catch (SQLException again) {
                        if (!refusedForGood(again)) {
                            throw again;
                        }
                        refused++;
                        LOG.log(Level.WARNING, "SWF store: a journaled batch the database refuses was skipped", again);
                    }
                }
            }
        } catch (SQLException e) {
            throw new UncheckedSqlException(e);
        }
        records.clear();
        return refused;
    }

    private static void writeAndCommit(Connection connection, BatchWriter writer, List<Row> rows) throws SQLException {
        try {
            writer.write(connection, CoalescedBatch.of(rows), true);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Carries an SQLException out of a journal replay's callback. */
    private static final class UncheckedSqlException extends RuntimeException {
        UncheckedSqlException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
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
            // The checkpoints work on this connection's database: the last one runs here, before it closes.
            closeSignal.countDown();
            joinCheckpointThread();
            checkpoint();
            if (journal != null) {
                journal.close();
            }
            discardConnection();
        }
    }

    private void joinCheckpointThread() {
        try {
            checkpointThread.join(CLOSE_WAIT.toMillis());
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

    /** The checkpoint thread: a {@link #checkpoint} every {@link #CHECKPOINT_INTERVAL} until close. */
    private void checkpointLoop() {
        if (journal == null) {
            return;
        }
        try {
            while (!closeSignal.await(CHECKPOINT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                checkpoint();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a new journal segment, has the database write everything committed so far to its file (which includes
     * every batch of the older segments: each was committed before its append let go of the lock), then deletes the
     * older segments. A failure loses nothing: the segments stay until a later checkpoint succeeds; it is logged once.
     */
    private void checkpoint() {
        Runnable store = checkpoint;
        if (journal == null || store == null) {
            return;
        }
        long keep;
        synchronized (journalLock) {
            keep = journal.rotate();
        }
        if (keep < 0) {
            return;
        }
        try {
            store.run();
            journal.deleteBefore(keep);
        } catch (RuntimeException e) {
            if (!checkpointWarned) {
                checkpointWarned = true;
                LOG.log(Level.WARNING, "Could not write the SWF store's database file; its journal keeps growing", e);
            }
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
            checkpoint = database.dialect()
                    .prepareWriter(connection)
                    .map(Dialect.LocalFile::checkpoint)
                    .orElse(null);
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
        CoalescedBatch coalesced = CoalescedBatch.of(rows);
        synchronized (journalLock) {
            if (journal != null) {
                // Ahead of the commit: the database file can then never hold a batch the journal lacks.
                journal.append(coalesced);
            }
            try {
                batchWriter.write(connection, coalesced, retry);
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
        checkpoint = null;
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
