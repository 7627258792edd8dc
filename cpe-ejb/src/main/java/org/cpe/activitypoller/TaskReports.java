package org.cpe.activitypoller;

import org.cpe.protocol.MessageType;

/**
 * The reports a running task's activity sends its client ({@code ACTIVITY_PREPARING}, {@code _PROGRESS},
 * {@code _FINISHING}), none once the task is answered. Progress is folded so that a chatty activity does not flood
 * the client's queue: the first report goes at once, then at most one per interval, the latest; what is left is sent
 * by the heartbeat ticks, before finishing, and when the activity returns.
 */
final class TaskReports {

    private final RunningTask task;
    private final ActivityMessages messages;
    private final long intervalNanos;
    private final Object lock = new Object();
    private Object pending; // guarded by lock
    private long lastNanos; // guarded by lock
    private boolean sent; // guarded by lock

    TaskReports(RunningTask task, ActivityMessages messages, long intervalNanos) {
        this.task = task;
        this.messages = messages;
        this.intervalNanos = intervalNanos;
    }

    void report(MessageType type, Object details) {
        if (!task.answered()) {
            messages.report(task, type, details);
        }
    }

    /** Sends {@code details} now if it is the first report or the interval has passed, else keeps it for later. */
    void progress(Object details) {
        boolean sendNow;
        synchronized (lock) {
            long now = System.nanoTime();
            sendNow = !sent || now - lastNanos >= intervalNanos;
            if (sendNow) {
                sent = true;
                lastNanos = now;
                pending = null;
            } else {
                pending = details;
            }
        }
        if (sendNow) {
            messages.report(task, MessageType.ACTIVITY_PROGRESS, details);
        }
    }

    /** Sends the progress folded since the last message once the interval has passed, or at once if {@code now}. */
    void flush(boolean now) {
        Object details;
        synchronized (lock) {
            if (pending == null || (!now && System.nanoTime() - lastNanos < intervalNanos)) {
                return;
            }
            details = pending;
            pending = null;
            lastNanos = System.nanoTime();
        }
        report(MessageType.ACTIVITY_PROGRESS, details);
    }
}
