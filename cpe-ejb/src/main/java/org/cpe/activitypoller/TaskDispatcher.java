package org.cpe.activitypoller;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.cpe.activity.ActivityReasons;
import org.cpe.activity.ActivityType;
import org.cpe.activitypoller.ActivityCatalog.Implementation;
import org.cpe.config.ActivityPollerSettings;
import org.cpe.metrics.CpeMetrics;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;

/**
 * Takes the polled tasks over: on a task thread, reads what each needs from its workflow's history (not on the
 * poller's thread, which would hold the poller while SWF answers), runs it with its heartbeats, answers it once with
 * its outcome, counts it, and gives its slot back after the answer; on stop, fails with
 * {@value ActivityReasons#WORKER_SHUTDOWN} what still runs after the grace time.
 */
final class TaskDispatcher {

    private static final Logger LOG = Logger.getLogger(TaskDispatcher.class.getName());
    private static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(100);

    private final ActivityCatalog catalog;
    private final ActivityPollerSettings settings;
    private final Registration registration;
    private final ActivityMessages messages;
    private final WorkerThreads threads;
    private final String identity;
    private final JobRoutes routes;
    private final ScheduledTimeouts timeouts;
    private final TaskRunner runner;
    private final Answers answers;
    private final Heartbeats heartbeats;
    private final RunningTasks running = new RunningTasks();
    private volatile boolean closing;
    private volatile CpeMetrics metrics = CpeMetrics.NONE;
    private volatile JobAccess access = JobAccess.NONE;

    /** @param identity the worker's, named in the reason of a task failed by the stop */
    TaskDispatcher(
            SwfClient swf,
            String domain,
            ActivityPollerSettings settings,
            ActivityCatalog catalog,
            Registration registration,
            ActivityMessages messages,
            WorkerThreads threads,
            String identity) {
        this.catalog = catalog;
        this.settings = settings;
        this.registration = registration;
        this.messages = messages;
        this.threads = threads;
        this.identity = identity;
        this.routes = new JobRoutes(swf, domain);
        this.timeouts = new ScheduledTimeouts(swf, domain);
        this.runner = new TaskRunner(catalog);
        this.answers = new Answers(swf, messages);
        this.heartbeats = new Heartbeats(swf, threads.heartbeats(), domain, settings.progressSignalPercent());
    }

    /**
     * Hands a polled task to a task thread and returns at once, so that the poller may poll again: what the task
     * needs from the workflow's history is read on that thread. Its slot is released once the task is answered.
     */
    void dispatch(PollForActivityTaskResponse polled, Semaphore slots) {
        Implementation implementation = catalog.find(
                        polled.activityType().name(), polled.activityType().version())
                .orElse(null);
        ActivityType declaration = implementation == null ? null : implementation.declaration();
        boolean manual = declaration != null && declaration.heartbeats() == ActivityType.Heartbeats.MANUAL;
        RunningTask task = new RunningTask(
                polled,
                () -> routes.route(
                        polled.workflowExecution().workflowId(),
                        polled.workflowExecution().runId(),
                        polled.input()),
                messages,
                manual,
                settings.progressInterval().toNanos(),
                access);
        // Running from now, reads included: a stop waits for the task, or answers it, even before its activity starts.
        running.add(task);
        try {
            threads.execute(() -> run(task, implementation, slots));
        } catch (RejectedExecutionException e) {
            answers.answer(task, shutdownReply(task));
            running.end(task, slots);
        }
    }

    /**
     * On the task's thread: reads its heartbeat timeout and its job's route from SWF, then starts its heartbeats,
     * runs it and answers it, unless the worker began to stop meanwhile.
     */
    private void run(RunningTask task, Implementation implementation, Semaphore slots) {
        try {
            long heartbeatTimeout = implementation == null
                    ? Long.MAX_VALUE
                    : timeouts.heartbeatTimeoutNanos(task.polled(), registration.heartbeatTimeoutNanos(implementation));
            task.heartbeatTimeout(heartbeatTimeout);
            task.route(); // read here rather than by the first message, so that no client message waits on SWF
            if (closing) {
                answers.answer(task, shutdownReply(task));
                return;
            }
            ScheduledFuture<?> beats =
                    implementation == null ? null : heartbeats.start(task, heartbeatInterval(heartbeatTimeout));
            String type = task.activityName() + ":" + task.activityVersion();
            long started = System.nanoTime();
            TaskReply reply = runner.run(task, implementation);
            if (beats != null) {
                beats.cancel(false);
            }
            answers.answer(task, reply);
            metrics.activityEnded(type, outcome(reply), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            running.end(task, slots);
        }
    }

    private static String outcome(TaskReply reply) {
        if (reply instanceof TaskReply.Completed) {
            return "completed";
        }
        return reply instanceof TaskReply.Canceled ? "canceled" : "failed";
    }

    /** A third of the task's heartbeat timeout, at most the configured interval, at least 100 ms. */
    private Duration heartbeatInterval(long timeout) {
        Duration third = timeout == Long.MAX_VALUE ? settings.heartbeatInterval() : Duration.ofNanos(timeout / 3);
        Duration interval = third.compareTo(settings.heartbeatInterval()) < 0 ? third : settings.heartbeatInterval();
        return interval.compareTo(MIN_HEARTBEAT_INTERVAL) < 0 ? MIN_HEARTBEAT_INTERVAL : interval;
    }

    boolean closing() {
        return closing;
    }

    RunningTasks running() {
        return running;
    }

    CpeMetrics metrics() {
        return metrics;
    }

    void metrics(CpeMetrics value) {
        this.metrics = value;
    }

    /** The access of the tasks taken from now on. */
    void jobAccess(JobAccess value) {
        this.access = value;
    }

    /**
     * Stops taking tasks, gives the running ones up to {@code grace} to end, then answers the rest as failed with
     * {@value ActivityReasons#WORKER_SHUTDOWN}, so that they are retried at once rather than after a timeout, and
     * interrupts them.
     */
    void shutdown(Duration grace) {
        closing = true;
        running.awaitNone(System.nanoTime() + grace.toNanos());
        List<RunningTask> left = running.snapshot();
        for (RunningTask task : left) {
            answers.answer(task, shutdownReply(task));
            task.requestCancel();
        }
        if (!left.isEmpty()) {
            LOG.info(() -> left.size() + " task(s) still running at shutdown were failed with "
                    + ActivityReasons.WORKER_SHUTDOWN);
        }
        threads.shutdownNow();
    }

    private TaskReply shutdownReply(RunningTask task) {
        return new TaskReply.Failed(
                ActivityReasons.WORKER_SHUTDOWN,
                "Worker " + identity + " stopped after the task ran "
                        + TimeUnit.NANOSECONDS.toMillis(task.runningNanos()) + " ms; it can be retried at once");
    }
}
