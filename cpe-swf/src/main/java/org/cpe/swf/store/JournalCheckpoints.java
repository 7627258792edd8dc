package org.cpe.swf.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The journal of an embedded H2 file and its checkpoints: each batch is appended to the {@link StoreJournal} before it
 * is committed, and a thread of its own, every {@link #INTERVAL}, starts a new journal segment, has H2 write its file,
 * and deletes the segments the file now holds. Without a journaled file it does nothing and starts no thread.
 */
final class JournalCheckpoints {

    static final String THREAD_NAME = "cpe-swf-store-checkpoint";
    /** How often a journaled database writes its file and drops the journal segments that file then holds. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(JournalCheckpoints.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /** A database write that the journal must hold before it commits. */
    @FunctionalInterface
    interface Commit {
        void run() throws SQLException;
    }

    /** Null unless the database is an embedded file whose commits are journaled. */
    private final StoreJournal journal;
    /** Held across a journal append and its commit, and by a rotation, so that no rotation falls between them. */
    private final Object lock = new Object();
    // Set by the writer thread while it holds a connection to the journaled file; run by the checkpoint thread.
    private volatile Runnable fileWriter;
    private final CountDownLatch stop;
    private final Thread thread;
    private boolean warned;

    /**
     * Opens the journal of {@code local}, which {@link JournalReplay} has emptied, and starts the checkpoint thread,
     * which runs until {@code stop} is counted down.
     */
    JournalCheckpoints(Optional<Dialect.LocalFile> local, CountDownLatch stop) {
        this.journal =
                local.map(file -> StoreJournal.open(file.journalFolder())).orElse(null);
        this.fileWriter = local.map(Dialect.LocalFile::checkpoint).orElse(null);
        this.stop = stop;
        this.thread = new Thread(this::loop, THREAD_NAME);
        thread.setDaemon(true);
        if (journal != null) {
            thread.start();
        }
    }

    /** What writes the database's file, on the writer's current connection; null while it holds none. */
    void fileWriter(Runnable writer) {
        fileWriter = writer;
    }

    /** Appends the batch to the journal, then runs its commit; no checkpoint's rotation falls between the two. */
    void appendThenCommit(CoalescedBatch batch, Commit commit) throws SQLException {
        synchronized (lock) {
            if (journal != null) {
                // Ahead of the commit: the database file can then never hold a batch the journal lacks.
                journal.append(batch);
            }
            commit.run();
        }
    }

    /**
     * Starts a new journal segment, has the database write everything committed so far to its file (which includes
     * every batch of the older segments: each was committed before its append let go of the lock), then deletes the
     * older segments. A failure loses nothing: the segments stay until a later checkpoint succeeds; it is logged once.
     */
    void checkpoint() {
        Runnable store = fileWriter;
        if (journal == null || store == null) {
            return;
        }
        long keep;
        synchronized (lock) {
            keep = journal.rotate();
        }
        if (keep < 0) {
            return;
        }
        try {
            store.run();
            journal.deleteBefore(keep);
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.log(Level.WARNING, "Could not write the SWF store's database file; its journal keeps growing", e);
            }
        }
    }

    /**
     * After {@code stop}: waits for the checkpoint thread, makes the last checkpoint and closes the journal. Call on
     * the writer's thread while its connection is still open, since checkpoints work on that connection's database.
     */
    void finish() {
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint();
        if (journal != null) {
            journal.close();
        }
    }

    private void loop() {
        try {
            while (!stop.await(INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                checkpoint();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
