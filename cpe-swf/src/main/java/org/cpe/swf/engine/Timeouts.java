package org.cpe.swf.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires every timeout and timer at its moment, whether or not anybody calls. Each deadline re-checks the state it
 * was set for when it fires, because the task it guards may have finished meanwhile; finished tasks cancel theirs
 * so that a hundred thousand open executions do not leave a million stale deadlines behind.
 */
final class Timeouts implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Timeouts.class.getName());

    private final ScheduledThreadPoolExecutor scheduler;

    Timeouts() {
        scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "cpe-swf-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Runs the action at the instant, or at once if it has passed. */
    ScheduledFuture<?> at(Instant when, Runnable action) {
        long delay = Math.max(0, Duration.between(Instant.now(), when).toMillis());
        return scheduler.schedule(() -> run(action), delay, TimeUnit.MILLISECONDS);
    }

    /** Runs the action after the SWF duration from the instant; nothing for {@code NONE} or unset. */
    ScheduledFuture<?> after(Instant from, String swfDuration, Runnable action) {
        Duration d = Durations.of(swfDuration);
        return d == null ? null : at(from.plus(d), action);
    }

    static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    int pending() {
        return scheduler.getQueue().size();
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // One failed deadline must not stop the others: the scheduler would drop the thread's later work.
            LOG.log(Level.WARNING, "A timeout could not be applied", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
