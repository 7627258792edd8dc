package org.cpe.activitypoller;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.access.OutboundHttp;
import org.cpe.activity.access.StorageRoots;
import org.cpe.protocol.JobRoute;
import org.cpe.protocol.MessageType;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;

/**
 * One task from its poll to its answer, and the {@link ActivityContext} its activity runs with: the context's reports
 * go to {@link TaskReports}, its signs of life to the {@link TaskLiveness} the heartbeats read, its cancellation to
 * {@link TaskCancellation}. The task is answered to SWF once, by whoever gets there first: the runner with the
 * activity's outcome, the stopping worker, or a heartbeat that learns SWF no longer knows the task.
 */
final class RunningTask implements ActivityContext {

    private final PollForActivityTaskResponse polled;
    private final Supplier<JobRoute> routeLookup;
    private final Object routeLock = new Object();
    private JobRoute route; // guarded by routeLock
    private final ActivityMessages messages;
    private final JobAccess access;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean answered = new AtomicBoolean();
    private final TaskReports reports;
    private final TaskLiveness liveness;
    private final TaskCancellation cancellation;

    private volatile WorkTask task;

    /**
     * @param routeLookup reads the job's route from SWF; called once, when the route is first needed: on the task's
     *     thread before its activity starts, unless the stopping worker answers the task first
     */
    RunningTask(
            PollForActivityTaskResponse polled,
            Supplier<JobRoute> routeLookup,
            ActivityMessages messages,
            boolean manualHeartbeats,
            long progressIntervalNanos,
            JobAccess access) {
        this.polled = polled;
        this.routeLookup = routeLookup;
        this.messages = messages;
        this.access = access;
        this.reports = new TaskReports(this, messages, progressIntervalNanos);
        this.liveness = new TaskLiveness(manualHeartbeats, startNanos);
        this.cancellation = new TaskCancellation(polled.activityId());
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

    /**
     * Whose job this is and where its client's messages go, read on first use. Whoever needs it first reads it and
     * the others wait for that read: the stop may answer a task whose own thread is still reading it.
     */
    JobRoute route() {
        synchronized (routeLock) {
            if (route == null) {
                route = routeLookup.get();
            }
            return route;
        }
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

    long startedEventId() {
        return polled.startedEventId();
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
    public StorageRoots files() {
        return access.files();
    }

    @Override
    public OutboundHttp web() {
        return access.web();
    }

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
        liveness.shown();
        if (answered.get()) {
            return;
        }
        liveness.progressed(
                SwfText.cut(String.valueOf(TaskReply.JSON.valueToTree(details)), SwfText.HEARTBEAT_DETAILS));
        reports.progress(details);
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
        liveness.shown();
    }

    @Override
    public void heartbeatDetails(String details) {
        liveness.details(SwfText.cut(details, SwfText.HEARTBEAT_DETAILS));
    }

    @Override
    public boolean isCancelRequested() {
        return cancellation.requested();
    }

    @Override
    public void throwIfCancelRequested() throws ActivityCanceledException {
        cancellation.throwIfRequested();
    }

    @Override
    public void onCancel(Runnable action) {
        cancellation.onCancel(action);
    }

    private void report(MessageType type, Object details) {
        liveness.shown();
        reports.report(type, details);
    }

    // --- the worker's side -------------------------------------------------------------------------------------

    /** The heartbeat timeout the task was scheduled with, in nanoseconds ({@code Long.MAX_VALUE} for none). */
    void heartbeatTimeout(long nanos) {
        liveness.probeAfter(nanos);
    }

    /** Sends the progress folded since the last message once the interval has passed, or at once if {@code now}. */
    void flushProgress(boolean now) {
        reports.flush(now);
    }

    /** The heartbeat to send now, or null; none once the task is answered. */
    TaskLiveness.Beat heartbeatDue() {
        return answered.get() ? null : liveness.heartbeatDue();
    }

    /** The progress to signal to the workflow now, or null; none once the task is answered. */
    String progressSignalDue(int stepPercent) {
        return answered.get() ? null : liveness.progressSignalDue(stepPercent);
    }

    void beaten() {
        liveness.beaten();
    }

    /** Asks the activity to stop: the flag, its cancel actions, and an interrupt of its thread. Idempotent. */
    void requestCancel() {
        cancellation.request();
    }

    /** Claims the one answer of this task; false when someone else answered it already. */
    boolean claimAnswer() {
        return answered.compareAndSet(false, true);
    }

    boolean answered() {
        return answered.get();
    }

    /** The activity is called on {@code thread}: from now a lack of life counts, and a cancellation interrupts it. */
    void attach(Thread thread) {
        liveness.handedOver();
        cancellation.attach(thread);
    }

    /** The activity returned: its thread goes back to the pool without an interrupt meant for this task. */
    void detach() {
        cancellation.detach();
    }
}
