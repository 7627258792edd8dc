package org.cpe.activitypoller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.access.OutboundHttp;
import org.cpe.activity.access.StorageRoots;
import org.cpe.protocol.JobRoute;
import org.cpe.protocol.MessageType;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;

/**
 * One task from its poll to its answer: the context its activity reports through, the state its heartbeats read
 * (life shown, latest progress, details) and the cancellation that comes back from them. The task is answered to SWF
 * once, by whoever gets there first: the runner with the activity's outcome, the stopping worker, or a heartbeat
 * that learns SWF no longer knows the task.
 */
final class RunningTask implements ActivityContext {

    private static final Logger LOG = Logger.getLogger(RunningTask.class.getName());

    /** What a due heartbeat carries; {@code details} may be null. */
    record Beat(String details) {}

    private final PollForActivityTaskResponse polled;
    private final JobRoute route;
    private final ActivityMessages messages;
    private final boolean manualHeartbeats;
    private final long probeAfterNanos;
    private final long progressIntervalNanos;
    private final StorageRoots files;
    private final OutboundHttp web;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean answered = new AtomicBoolean();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private final Object progressLock = new Object();

    private volatile WorkTask task;
    private volatile boolean cancelRequested;
    private volatile boolean lifeShown;
    /** Set when the activity is called: until then the worker's own preparation must not count as a hang. */
    private volatile boolean handedOver;

    private volatile String heartbeatDetails;
    private volatile String latestProgress;
    /** The percentage last signaled to the workflow; only the heartbeat thread of the task touches it. */
    private int signaledPercent = -1;

    private String signaledFrom;
    private volatile long lastBeatNanos = startNanos;
    private Thread runner; // guarded by this
    private Object pendingProgress; // guarded by progressLock
    private long lastProgressNanos; // guarded by progressLock
    private boolean progressSent; // guarded by progressLock

    /**
     * @param probeAfterNanos with manual heartbeats, how long without life before a heartbeat goes out anyway to learn
     *     whether SWF still knows the task (its heartbeat timeout; {@code Long.MAX_VALUE} for none)
     */
    RunningTask(
            PollForActivityTaskResponse polled,
            JobRoute route,
            ActivityMessages messages,
            boolean manualHeartbeats,
            long probeAfterNanos,
            long progressIntervalNanos,
            StorageRoots files,
            OutboundHttp web) {
        this.polled = polled;
        this.route = route;
        this.messages = messages;
        this.manualHeartbeats = manualHeartbeats;
        this.probeAfterNanos = probeAfterNanos;
        this.progressIntervalNanos = progressIntervalNanos;
        this.files = files;
        this.web = web;
    }

    @Override
    public StorageRoots files() {
        return files;
    }

    @Override
    public OutboundHttp web() {
        return web;
    }

    PollForActivityTaskResponse polled() {
        return polled;
    }

    String inputText() {
        return polled.input();
    }

    String token() {
        return polled.taskToken();
    }

    JobRoute route() {
        return route;
    }

    String workflowId() {
        return polled.workflowExecution().workflowId();
    }

    String runId() {
        return polled.workflowExecution().runId();
    }

    String activityId() {
        return polled.activityId();
    }

    String activityName() {
        return polled.activityType().name();
    }

    String activityVersion() {
        return polled.activityType().version();
    }

    WorkTask task() {
        return task;
    }

    long runningNanos() {
        return System.nanoTime() - startNanos;
    }

    /** The input passed its checks: tell the client the activity starts. */
    void started(WorkTask checked) {
        task = checked;
        messages.started(this);
    }

    // --- ActivityContext ---------------------------------------------------------------------------------------

    @Override
    public void preparing() {
        preparing(null);
    }

    @Override
    public void preparing(Object details) {
        report(MessageType.ACTIVITY_PREPARING, details);
    }

    @Override
    public void progress(int percent) {
        progress(Map.of("progress", Math.max(0, Math.min(100, percent))));
    }

    @Override
    public void progress(Object details) {
        lifeShown = true;
        if (answered.get()) {
            return;
        }
        latestProgress = SwfText.cut(String.valueOf(TaskReply.JSON.valueToTree(details)), SwfText.HEARTBEAT_DETAILS);
        boolean sendNow;
        synchronized (progressLock) {
            long now = System.nanoTime();
            sendNow = !progressSent || now - lastProgressNanos >= progressIntervalNanos;
            if (sendNow) {
                progressSent = true;
                lastProgressNanos = now;
                pendingProgress = null;
            } else {
                pendingProgress = details;
            }
        }
        if (sendNow) {
            messages.report(this, MessageType.ACTIVITY_PROGRESS, details);
        }
    }

    @Override
    public void finishing() {
        finishing(null);
    }

    @Override
    public void finishing(Object details) {
        flushProgress(true);
        report(MessageType.ACTIVITY_FINISHING, details);
    }

    @Override
    public void heartbeat() {
        lifeShown = true;
    }

    @Override
    public void heartbeatDetails(String details) {
        heartbeatDetails = SwfText.cut(details, SwfText.HEARTBEAT_DETAILS);
        lifeShown = true;
    }

    @Override
    public boolean isCancelRequested() {
        return cancelRequested;
    }

    @Override
    public void throwIfCancelRequested() throws ActivityCanceledException {
        if (cancelRequested) {
            throw new ActivityCanceledException("cancellation requested");
        }
    }

    @Override
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelRequested) {
                cancelActions.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    private void report(MessageType type, Object details) {
        lifeShown = true;
        if (!answered.get()) {
            messages.report(this, type, details);
        }
    }

    // --- the worker's side -------------------------------------------------------------------------------------

    /** Sends the progress folded since the last message once the interval has passed, or at once if {@code now}. */
    void flushProgress(boolean now) {
        Object details;
        synchronized (progressLock) {
            if (pendingProgress == null || (!now && System.nanoTime() - lastProgressNanos < progressIntervalNanos)) {
                return;
            }
            details = pendingProgress;
            pendingProgress = null;
            lastProgressNanos = System.nanoTime();
        }
        if (!answered.get()) {
            messages.report(this, MessageType.ACTIVITY_PROGRESS, details);
        }
    }

    /** The heartbeat to send now, or null: always with automatic heartbeats; with manual ones after life or a probe. */
    Beat heartbeatDue() {
        if (answered.get()) {
            return null;
        }
        boolean due =
                !manualHeartbeats || !handedOver || lifeShown || System.nanoTime() - lastBeatNanos >= probeAfterNanos;
        if (!due) {
            return null;
        }
        lifeShown = false;
        return new Beat(heartbeatDetails != null ? heartbeatDetails : latestProgress);
    }

    /**
     * The progress to signal to the workflow now, or null: when the latest report's {@code progress} passed into a
     * further step of {@code stepPercent} than the last one signaled (the first report counts too).
     */
    String progressSignalDue(int stepPercent) {
        String latest = latestProgress;
        if (stepPercent <= 0 || latest == null || latest.equals(signaledFrom) || answered.get()) {
            return null;
        }
        signaledFrom = latest;
        int percent;
        try {
            var progress = TaskReply.JSON.readTree(latest).path("progress");
            if (!progress.isNumber()) {
                return null;
            }
            percent = Math.max(0, Math.min(100, progress.asInt()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
        if (signaledPercent >= 0 && percent / stepPercent <= signaledPercent / stepPercent) {
            return null;
        }
        signaledPercent = percent;
        return latest;
    }

    long startedEventId() {
        return polled.startedEventId();
    }

    void beaten() {
        lastBeatNanos = System.nanoTime();
    }

    /** Asks the activity to stop: the flag, its cancel actions, and an interrupt of its thread. Idempotent. */
    void requestCancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelRequested) {
                return;
            }
            cancelRequested = true;
            actions = List.copyOf(cancelActions);
            cancelActions.clear();
            if (runner != null) {
                runner.interrupt();
            }
        }
        actions.forEach(this::runQuietly);
    }

    /** Claims the one answer of this task; false when someone else answered it already. */
    boolean claimAnswer() {
        return answered.compareAndSet(false, true);
    }

    boolean answered() {
        return answered.get();
    }

    synchronized void attach(Thread thread) {
        runner = thread;
        handedOver = true;
        lifeShown = true;
        if (cancelRequested) {
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
            LOG.log(Level.WARNING, "A cancel action of task " + activityId() + " failed", e);
        }
    }
}
