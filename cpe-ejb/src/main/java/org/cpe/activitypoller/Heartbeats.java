package org.cpe.activitypoller;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.protocol.Signals;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatResponse;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;

/**
 * The heartbeats of the running tasks, sent from a few shared scheduler threads so that a thousand tasks need no
 * thousand timers. Each tick also sends the progress a task folded since its last message, and signals its progress to
 * the workflow each time it passes a further step (SWF keeps no heartbeat details a caller can read). A heartbeat answered with
 * {@code cancelRequested} cancels the task; one answered with an unknown task (it timed out, or its workflow closed)
 * stops it without an answer, since SWF would refuse one.
 */
final class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

    private final SwfClient swf;
    private final ScheduledExecutorService scheduler;
    private final String domain;
    private final int signalStepPercent;

    /** @param signalStepPercent the step of progress signaled to the workflow ({@link Signals#PROGRESS}); 0 for none */
    Heartbeats(SwfClient swf, ScheduledExecutorService scheduler, String domain, int signalStepPercent) {
        this.swf = swf;
        this.scheduler = scheduler;
        this.domain = domain;
        this.signalStepPercent = signalStepPercent;
    }

    ScheduledFuture<?> start(RunningTask task, Duration interval) {
        long millis = interval.toMillis();
        return scheduler.scheduleWithFixedDelay(() -> tick(task), millis, millis, TimeUnit.MILLISECONDS);
    }

    void tick(RunningTask task) {
        task.flushProgress(false);
        signalProgress(task);
        TaskLiveness.Beat beat = task.heartbeatDue();
        if (beat == null) {
            return;
        }
        try {
            RecordActivityTaskHeartbeatResponse response = swf.recordActivityTaskHeartbeat(
                    r -> r.taskToken(task.token()).details(beat.details()));
            task.beaten();
            if (Boolean.TRUE.equals(response.cancelRequested())) {
                LOG.fine(() -> "Cancellation requested for task " + task.activityId() + " of " + task.workflowId());
                task.requestCancel();
            }
        } catch (UnknownResourceException e) {
            if (task.claimAnswer()) {
                LOG.info(() -> "Task " + task.activityId() + " of workflow " + task.workflowId()
                        + " is no longer known to SWF (timed out or closed); stopping it");
            }
            task.requestCancel();
        } catch (RuntimeException e) {
            // The next tick tries again; a heartbeat timeout retries the task if SWF stays unreachable.
            LOG.log(Level.WARNING, "Heartbeat of task " + task.activityId() + " failed", e);
        }
    }

    /** Signals the task's progress to its workflow at coarse steps, for status queries on any server. */
    private void signalProgress(RunningTask task) {
        String progress = task.progressSignalDue(signalStepPercent);
        if (progress == null) {
            return;
        }
        try {
            swf.signalWorkflowExecution(r -> r.domain(domain)
                    .workflowId(task.workflowId())
                    .runId(task.runId())
                    .signalName(Signals.PROGRESS)
                    .input(Signals.progressInput(task.activityId(), task.startedEventId(), progress)));
        } catch (RuntimeException e) {
            // Progress for status queries only: the client's ACTIVITY_PROGRESS messages go out regardless.
            LOG.log(Level.FINE, "Progress signal of task " + task.activityId() + " failed", e);
        }
    }
}
