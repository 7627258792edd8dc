package org.cpe.swf.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The writes waiting for the writer thread, in the order they were submitted, closed by an end mark after which
 * nothing more is taken. Submitters call {@link #submit} and {@link #end}; the writer thread takes them.
 */
final class Submissions {

    /** One submission: its rows and the future its caller waits on. */
    record Submission(List<Row> rows, CompletableFuture<Void> done) {}

    /** Queued last by {@link #end}: nothing is queued after it. */
    private static final Submission END = new Submission(List.of(), null);

    private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    // Readers are the submitters; end() takes the write lock so no submission slips in after END.
    private final ReadWriteLock closeLock = new ReentrantReadWriteLock();
    private volatile boolean closing;
    // Read and written by the writer thread only.
    private boolean endSeen;

    /** Queues the rows; a future already failed once {@link #end} was called. */
    CompletableFuture<Void> submit(List<Row> rows) {
        closeLock.readLock().lock();
        try {
            if (closing) {
                return CompletableFuture.failedFuture(new IllegalStateException("The SWF store is closed"));
            }
            Submission submission = new Submission(rows, new CompletableFuture<>());
            queue.add(submission);
            return submission.done();
        } finally {
            closeLock.readLock().unlock();
        }
    }

    /** Takes no more submissions and marks the end of those queued; false when it was ended before. */
    boolean end() {
        closeLock.writeLock().lock();
        try {
            if (closing) {
                return false;
            }
            closing = true;
            queue.add(END);
            return true;
        } finally {
            closeLock.writeLock().unlock();
        }
    }

    /** Whether {@link #end} was called. */
    boolean closing() {
        return closing;
    }

    /** Whether the writer thread has taken the end mark: nothing more will come. */
    boolean endSeen() {
        return endSeen;
    }

    /** Waits up to {@code millis} for the next submission and adds it to {@code batch}; false when none came. */
    boolean awaitInto(List<Submission> batch, long millis) throws InterruptedException {
        Submission next = queue.poll(millis, TimeUnit.MILLISECONDS);
        if (next == null) {
            return false;
        }
        accept(next, batch);
        return true;
    }

    /** Adds everything queued now to {@code batch}, in order. */
    void drainInto(List<Submission> batch) {
        List<Submission> more = new ArrayList<>();
        queue.drainTo(more);
        more.forEach(submission -> accept(submission, batch));
    }

    private void accept(Submission submission, List<Submission> batch) {
        if (submission == END) {
            endSeen = true;
        } else {
            batch.add(submission);
        }
    }
}
