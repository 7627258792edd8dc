package org.cpe.loop;

import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedTask;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/** A running {@link PollLoop} and the future of its task, so that a lifecycle bean can stop it in bounded time. */
public final class LoopHandle {

    private static final Logger LOG = Logger.getLogger(LoopHandle.class.getName());

    private final PollLoop loop;
    private final Future<?> future;

    private LoopHandle(PollLoop loop, Future<?> future) {
        this.loop = loop;
        this.future = future;
    }

    /** Submits the loop as a long-running managed task, so that the container does not report it as hung. */
    public static LoopHandle submit(ExecutorService executor, PollLoop loop) {
        Runnable task = ManagedExecutors.managedTask(
                loop,
                Map.of(ManagedTask.LONGRUNNING_HINT, "true", ManagedTask.IDENTITY_NAME, "cpe-" + loop.name()),
                null);
        return new LoopHandle(loop, executor.submit(task));
    }

    /** For tests and plain Java: any executor, no container hints. */
    public static LoopHandle submitUnmanaged(ExecutorService executor, PollLoop loop) {
        return new LoopHandle(loop, executor.submit(loop));
    }

    /** Asks the loop to stop after its turn in flight; returns at once. */
    public void requestStop() {
        loop.requestStop();
    }

    /**
     * Requests a stop, waits up to {@code timeout} for the turn in flight to end, then interrupts the loop. Returns
     * true if the loop ended by itself within the timeout.
     */
    public boolean stop(Duration timeout) {
        loop.requestStop();
        try {
            if (loop.awaitFinished(timeout)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warning(() ->
                "Poll loop " + loop.name() + " did not stop within " + timeout.toMillis() + " ms; interrupting it");
        future.cancel(true);
        return false;
    }

    public boolean isDone() {
        return future.isDone();
    }
}
