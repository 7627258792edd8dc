package org.cpe.activitypoller;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.activity.ActivityCanceledException;

/**
 * A running task's cancellation: the flag its activity checks, the actions it registered, and an interrupt of the
 * thread that runs it. Requested by a heartbeat that SWF answered with {@code cancelRequested}, or by the stopping
 * worker; idempotent and thread-safe.
 */
final class TaskCancellation {

    private static final Logger LOG = Logger.getLogger(TaskCancellation.class.getName());

    private final String activityId;
    private final List<Runnable> actions = new ArrayList<>(); // guarded by this
    private volatile boolean requested;
    private Thread runner; // guarded by this

    /** @param activityId the task's, for the log of a failing action */
    TaskCancellation(String activityId) {
        this.activityId = activityId;
    }

    boolean requested() {
        return requested;
    }

    void throwIfRequested() throws ActivityCanceledException {
        if (requested) {
            throw new ActivityCanceledException("cancellation requested");
        }
    }

    /** Runs {@code action} on cancellation, or at once if it was already requested. */
    void onCancel(Runnable action) {
        synchronized (this) {
            if (!requested) {
                actions.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    /** Asks the activity to stop: the flag, its cancel actions, and an interrupt of its thread. */
    void request() {
        List<Runnable> due;
        synchronized (this) {
            if (requested) {
                return;
            }
            requested = true;
            due = List.copyOf(actions);
            actions.clear();
            if (runner != null) {
                runner.interrupt();
            }
        }
        due.forEach(this::runQuietly);
    }

    /** The activity runs on {@code thread} from now: a cancellation interrupts it (at once if already requested). */
    synchronized void attach(Thread thread) {
        runner = thread;
        if (requested) {
            thread.interrupt();
        }
    }

    /** The activity returned: its thread goes back to the pool without an interrupt meant for this task. */
    synchronized void detach() {
        runner = null;
        Thread.interrupted();
    }

    private void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A cancel action of task " + activityId + " failed", e);
        }
    }
}
