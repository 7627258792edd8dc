package org.cpe.activitypoller;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The tasks a worker has taken and not yet ended, for the workers view and the graceful stop, which waits for them
 * to end. A task ends after its answer, and gives its slot back then.
 */
final class RunningTasks {

    private final Set<RunningTask> tasks = ConcurrentHashMap.newKeySet();

    void add(RunningTask task) {
        tasks.add(task);
    }

    /** The task is answered: it leaves, its slot is free again, and a stop waiting for the tasks hears of it. */
    void end(RunningTask task, Semaphore slots) {
        tasks.remove(task);
        slots.release();
        synchronized (tasks) {
            tasks.notifyAll();
        }
    }

    int size() {
        return tasks.size();
    }

    /** The tasks now. */
    List<RunningTask> snapshot() {
        return List.copyOf(tasks);
    }

    /** Waits until no task is left or {@code deadlineNanos} (of {@link System#nanoTime}) has passed. */
    void awaitNone(long deadlineNanos) {
        synchronized (tasks) {
            while (!tasks.isEmpty() && System.nanoTime() < deadlineNanos) {
                try {
                    tasks.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
