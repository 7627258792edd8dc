package org.cpe.activity;

import org.cpe.activity.access.OutboundHttp;
import org.cpe.activity.access.StorageRoots;

/**
 * What a running {@link Activity} can tell its client and the worker, and learn from them. Every report goes to the
 * job's client output queue in the original message shapes and also shows life for the heartbeats; progress goes out
 * at most once per configured interval (the latest value wins, the rest are folded). Safe to call from any thread.
 */
public interface ActivityContext {

    /** Sends {@code ACTIVITY_PREPARING}, for example while the input is downloaded. */
    void preparing();

    /** Sends {@code ACTIVITY_PREPARING} with {@code details} (any JSON-serialisable value) as its {@code result}. */
    void preparing(Object details);

    /** Sends {@code ACTIVITY_PROGRESS} with {@code result: {"progress": percent}} (0 to 100). */
    void progress(int percent);

    /**
     * Sends {@code ACTIVITY_PROGRESS} with {@code details} as its {@code result}, as the original's media activities did
     * ({@code {"duration": s, "done": s, "progress": percent}}).
     */
    void progress(Object details);

    /** Sends {@code ACTIVITY_FINISHING}, for example while the output is uploaded. */
    void finishing();

    /** Sends {@code ACTIVITY_FINISHING} with {@code details} as its {@code result}. */
    void finishing(Object details);

    /**
     * Shows life: with {@link ActivityType.Heartbeats#MANUAL} heartbeats the next heartbeat goes out; with automatic
     * heartbeats it changes nothing.
     */
    void heartbeat();

    /** Sets the details the next heartbeats carry (SWF keeps the latest); cut to 2,048 characters. */
    void heartbeatDetails(String details);

    /** True once SWF answered a heartbeat with {@code cancelRequested}, or the worker is giving up on the task. */
    boolean isCancelRequested();

    /** Throws {@link ActivityCanceledException} when {@link #isCancelRequested()}; a check point for long loops. */
    void throwIfCancelRequested() throws ActivityCanceledException;

    /**
     * Runs {@code action} once when cancellation is requested (at once if it already was), on the worker's thread: a
     * way to stop work that does not watch the flag, such as killing a child process. The activity's thread is also
     * interrupted.
     */
    void onCancel(Runnable action);

    /**
     * The folders this server lets a job's {@code file:} locations name ({@code cpe.storage.roots}). A job's input is
     * untrusted: resolve every {@code file:} location it gives through these before reading or writing it. Without
     * roots (this default) every location is refused.
     */
    default StorageRoots files() {
        return StorageRoots.none();
    }

    /**
     * HTTP for fetching what a job names, within the addresses this server lets jobs reach (public ones, plus {@code
     * cpe.security.outbound-allow}). Fetch every URL a job's input gives through it, never with a client of your own.
     * This default reaches public addresses only.
     */
    default OutboundHttp web() {
        return OutboundHttp.publicOnly();
    }
}
