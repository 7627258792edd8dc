package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.swf.store.Submissions.Submission;

/**
 * Group commit: callers enqueue and get a future; one thread drains everything queued into one transaction, commits
 * and completes the futures in order. A failed transaction is retried with everything queued since, still in order,
 * until it commits or the writer closes; but when the database refuses the rows themselves, each submission is tried
 * alone and only the refused ones fail. While nothing is queued the thread checks its connection every {@link
 * #PROBE_INTERVAL}, so that a database that went away is noticed (and its return too) without a write. On an embedded
 * H2 file each batch is journaled before it is committed, and checkpoints write the file ({@link
 * JournalCheckpoints}). The threads are our own, not the container's: the engine is a plain library. Futures complete
 * on the writer thread, so their dependent stages must not block (use the async variants).
 */
final class GroupCommitWriter implements AutoCloseable {

    static final String THREAD_NAME = "cpe-swf-store-writer";

    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    /** How often an idle writer checks its connection. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

    private final Submissions submissions = new Submissions();
    private final BatchWriter batchWriter;
    /** Counted down at close: cuts a retry's pause short, for one last attempt, and stops the checkpoints. */
    private final CountDownLatch closeSignal = new CountDownLatch(1);

    private final WriteHealth health = new WriteHealth();
    private final JournalCheckpoints checkpoints;
    private final WriterConnection connection;
    private final Thread thread;

    /**
     * Starts the writer thread; {@code connection} becomes its own, readied with {@link Dialect#prepareWriter}, and
     * {@code local} is what that returned. Opens {@code local}'s journal, which {@link JournalReplay} has emptied.
     */
    GroupCommitWriter(StoreDatabase database, Connection connection, Optional<Dialect.LocalFile> local) {
        this.batchWriter = new BatchWriter(database.dialect());
        this.checkpoints = new JournalCheckpoints(local, closeSignal);
        this.connection = new WriterConnection(database, connection, checkpoints);
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.setContextClassLoader(GroupCommitWriter.class.getClassLoader());
        thread.start();
    }

    CompletableFuture<Void> submit(List<Row> rows) {
        return submissions.submit(rows);
    }

    Optional<String> failure() {
        return health.failure();
    }

    /**
     * Tells {@code listener}, on the writer's thread, when writes start failing (with why) and when they succeed again
     * (empty); it must return quickly. Replaces the previous listener.
     */
    void onFailureChange(Consumer<Optional<String>> listener) {
        health.onChange(listener);
    }

    /** Writes what is queued (once more if writes are failing), then stops the thread and closes its connection. */
    @Override
    public void close() {
        if (!submissions.end()) {
            return;
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
        List<Submission> batch = new ArrayList<>();
        try {
            while (!submissions.endSeen()) {
                if (batch.isEmpty() && !submissions.awaitInto(batch, PROBE_INTERVAL.toMillis())) {
                    probe();
                    continue;
                }
                submissions.drainInto(batch);
                if (batch.isEmpty()) {
                    continue;
                }
                if (!commitWithRetry(batch)) {
                    submissions.drainInto(batch);
                    fail(batch);
                    return;
                }
                batch.forEach(submission -> submission.done().complete(null));
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            submissions.drainInto(batch);
            fail(batch);
        } finally {
            // The checkpoints work on this connection's database: the last one runs here, before it closes.
            closeSignal.countDown();
            checkpoints.finish();
            connection.discard();
        }
    }

    /** Commits the batch, retrying with what is queued meanwhile; false when it failed and the writer is closing. */
    private boolean commitWithRetry(List<Submission> batch) throws InterruptedException {
        while (true) {
            try {
                commit(batch, health.failing());
                health.succeeded();
                return true;
            } catch (SQLException | RuntimeException e) {
                Exception cause = e;
                if (SqlFailures.refusedForGood(e)) {
                    try {
                        isolate(batch);
                        health.succeeded();
                        return true;
                    } catch (SQLException | RuntimeException again) {
                        cause = again;
                    }
                }
                failing(cause, "SWF store write failed; retrying in order until it succeeds");
                if (submissions.closing()) {
                    return false;
                }
                // close() cuts the pause short, for one last attempt.
                closeSignal.await(health.nextPause().toMillis(), TimeUnit.MILLISECONDS);
                submissions.drainInto(batch);
            }
        }
    }

    /** With nothing to write: checks (or reopens) the connection, and says when that changes the verdict. */
    private void probe() {
        try {
            connection.check();
            health.succeeded();
        } catch (SQLException | RuntimeException e) {
            failing(e, "SWF store database unreachable; writes wait until it is back");
        }
    }

    private void failing(Exception e, String warning) {
        connection.discard();
        health.failed(e, warning);
    }

    /**
     * After the database refused a batch for its data: commits its submissions one by one, in order, and fails only
     * those it refuses again, so that one bad submission cannot hold up every later write. Throws on any other
     * failure, with the submissions not yet written still in the batch, for the retry loop.
     */
    private void isolate(List<Submission> batch) throws SQLException {
        for (var it = batch.iterator(); it.hasNext(); ) {
            Submission submission = it.next();
            try {
                // As a retry: rows an earlier attempt may have left are overwritten, not refused as duplicates.
                commit(List.of(submission), true);
                submission.done().complete(null);
            } catch (SQLException | RuntimeException e) {
                if (!SqlFailures.refusedForGood(e)) {
                    throw e;
                }
                LOG.log(Level.WARNING, "The SWF store's database refused a call's changes; failing that call", e);
                submission
                        .done()
                        .completeExceptionally(new SwfStoreException(
                                "The workflow database refused these changes: " + SqlFailures.describe(e), e));
            }
            it.remove();
        }
    }

    /** Writes the submissions' rows, coalesced, in one transaction, journaled first on an embedded file. */
    private void commit(List<Submission> batch, boolean retry) throws SQLException {
        Connection c = connection.get();
        c.setAutoCommit(false);
        List<Row> rows = new ArrayList<>();
        batch.forEach(submission -> rows.addAll(submission.rows()));
        CoalescedBatch coalesced = CoalescedBatch.of(rows);
        checkpoints.appendThenCommit(coalesced, () -> {
            try {
                batchWriter.write(c, coalesced, retry);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        });
    }

    private void fail(List<Submission> batch) {
        IllegalStateException closed =
                new IllegalStateException("The SWF store closed before these changes were written"
                        + health.failure().map(failure -> ": " + failure).orElse(""));
        batch.forEach(submission -> submission.done().completeExceptionally(closed));
        batch.clear();
    }
}
