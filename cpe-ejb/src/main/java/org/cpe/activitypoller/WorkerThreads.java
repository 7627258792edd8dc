package org.cpe.activitypoller;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads of a worker, from the thread factory it is given: one per slot for the tasks (idle ones time out), and
 * a few shared ones for the heartbeats, so that a thousand tasks need no thousand timers.
 */
final class WorkerThreads {

    /** Heartbeat calls block until SWF has them durable; more threads let a busy worker's calls overlap. */
    private static final int MIN_HEARTBEAT_THREADS = 2;

    private static final int MAX_HEARTBEAT_THREADS = 16;
    private static final int SLOTS_PER_HEARTBEAT_THREAD = 64;

    private final ThreadPoolExecutor tasks;
    private final ScheduledThreadPoolExecutor heartbeats;

    WorkerThreads(int totalSlots, ThreadFactory threads) {
        this.tasks = new ThreadPoolExecutor(
                Math.max(1, totalSlots),
                Math.max(1, totalSlots),
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                threads);
        tasks.allowCoreThreadTimeOut(true);
        this.heartbeats = new ScheduledThreadPoolExecutor(
                Math.max(
                        MIN_HEARTBEAT_THREADS,
                        Math.min(MAX_HEARTBEAT_THREADS, totalSlots / SLOTS_PER_HEARTBEAT_THREAD)),
                threads);
        heartbeats.setRemoveOnCancelPolicy(true);
    }

    /** Runs a task; throws {@link java.util.concurrent.RejectedExecutionException} once stopped. */
    void execute(Runnable task) {
        tasks.execute(task);
    }

    ScheduledExecutorService heartbeats() {
        return heartbeats;
    }

    /** Interrupts what still runs; nothing is taken after. */
    void shutdownNow() {
        tasks.shutdownNow();
        heartbeats.shutdownNow();
    }
}
