package org.cpe.swf.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The wait of a long poll: the next task of a list, or nothing at the deadline. */
final class Polls {

    private Polls() {}

    /** The next task, or null when the deadline ({@link System#nanoTime()}) passes first. */
    static PendingTask await(TaskQueue queue, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return null;
        }
        CompletableFuture<PendingTask> next = queue.take();
        try {
            return next.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return queue.abandon(next) ? null : next.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return queue.abandon(next) ? null : next.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
