package org.cpe.swf.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * One task list: tasks by priority then age, and the pollers waiting for them. A new task goes straight to the
 * longest-waiting poller, so a long poll returns the moment there is work, without sleeping or re-checking.
 */
final class TaskQueue {

    private static final Comparator<PendingTask> ORDER =
            Comparator.comparingInt(PendingTask::priority).reversed().thenComparingLong(PendingTask::sequence);

    private final PriorityQueue<PendingTask> tasks = new PriorityQueue<>(ORDER);
    private final ArrayDeque<CompletableFuture<PendingTask>> pollers = new ArrayDeque<>();

    /** Hands the task to a waiting poller, or keeps it for the next one. */
    void offer(PendingTask task) {
        CompletableFuture<PendingTask> poller;
        synchronized (this) {
            poller = nextPoller();
            if (poller == null) {
                tasks.add(task);
                return;
            }
        }
        if (!poller.complete(task)) {
            offer(task); // the poller gave up at this very moment; the next one gets it
        }
    }

    /** A task now, or a future a later {@link #offer} completes; the caller cancels it when it stops waiting. */
    synchronized CompletableFuture<PendingTask> take() {
        PendingTask task = tasks.poll();
        if (task != null) {
            return CompletableFuture.completedFuture(task);
        }
        CompletableFuture<PendingTask> poller = new CompletableFuture<>();
        pollers.add(poller);
        return poller;
    }

    /** Stops waiting; false when a task was handed over first, which the caller must then take. */
    boolean abandon(CompletableFuture<PendingTask> poller) {
        boolean cancelled = poller.cancel(false);
        if (cancelled) {
            synchronized (this) {
                pollers.remove(poller);
            }
        }
        return cancelled;
    }

    /**
     * Tasks still valid. The check takes execution locks, and a thread holding one may be offering a task here, so
     * it runs on a copy, outside this queue's monitor.
     */
    int count(Predicate<PendingTask> valid) {
        List<PendingTask> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(tasks);
        }
        return (int) snapshot.stream().filter(valid).count();
    }

    /** Sends every waiting poller away empty-handed, as at its deadline: the service is stopping. */
    void releasePollers() {
        List<CompletableFuture<PendingTask>> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(pollers);
            pollers.clear();
        }
        waiting.forEach(poller -> poller.complete(null));
    }

    synchronized int waitingPollers() {
        return pollers.size();
    }

    private CompletableFuture<PendingTask> nextPoller() {
        CompletableFuture<PendingTask> poller;
        while ((poller = pollers.poll()) != null) {
            if (!poller.isDone()) {
                return poller;
            }
        }
        return null;
    }
}
