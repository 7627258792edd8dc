package org.cpe.swf.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.swf.model.*;

/** PollForActivityTask, RecordActivityTaskHeartbeat and the three answers to an activity task. */
final class ActivityTasks {

    private final SwfEngine engine;

    ActivityTasks(SwfEngine engine) {
        this.engine = engine;
    }

    void offer(Execution ex, ActivityState a) {
        engine.queues
                .activities(ex.domain, a.attributes.taskList().name())
                .offer(engine.queues.task(ex, a.scheduledEventId, a.attributes.taskPriority()));
    }

    PollForActivityTaskResponse poll(PollForActivityTaskRequest r) {
        String domain = engine.registry.domainRecord(r.domain()).name();
        String taskList = Check.taskList(r.taskList(), "taskList");
        Check.identity(r.identity());
        TaskQueue queue = engine.queues.activities(domain, taskList);
        long deadline = System.nanoTime() + engine.options.pollTimeout().toNanos();
        PendingTask task;
        while ((task = Polls.await(queue, deadline)) != null) {
            Execution ex = task.execution();
            PollForActivityTaskResponse response;
            CompletableFuture<Void> durable;
            Work work = new Work(); // the history limit may end the run here, and its close has work to do
            synchronized (ex) {
                ActivityState a = ex.isOpen() ? ex.open.activityByScheduled(task.scheduledEventId()) : null;
                if (a == null || a.started()) {
                    continue; // stale: timed out or canceled while it waited
                }
                long started = ex.record(
                                EventType.ACTIVITY_TASK_STARTED,
                                SwfEngine.now(),
                                b -> b.activityTaskStartedEventAttributes(
                                        x -> x.identity(r.identity()).scheduledEventId(a.scheduledEventId)))
                        .eventId();
                engine.deadlines.armStarted(ex, a);
                response = PollForActivityTaskResponse.builder()
                        .taskToken(new TaskToken(TaskToken.Kind.ACTIVITY, ex.runId(), a.scheduledEventId, started)
                                .encode())
                        .activityId(a.attributes.activityId())
                        .startedEventId(started)
                        .workflowExecution(ex.id)
                        .activityType(a.attributes.activityType())
                        .input(a.attributes.input())
                        .build();
                durable = engine.save(ex, work);
            }
            SwfEngine.awaitDurable(durable);
            work.run();
            return response;
        }
        return PollForActivityTaskResponse.builder()
                .taskToken("")
                .startedEventId(0L)
                .build();
    }

    RecordActivityTaskHeartbeatResponse heartbeat(RecordActivityTaskHeartbeatRequest r) {
        TaskToken token = TaskToken.decode(r.taskToken(), TaskToken.Kind.ACTIVITY);
        Check.length(r.details(), "details", Limits.HEARTBEAT_DETAILS);
        boolean cancelRequested = onTask(token, (ex, a) -> ex.heartbeat(a, r.details(), SwfEngine.now()));
        return RecordActivityTaskHeartbeatResponse.builder()
                .cancelRequested(cancelRequested)
                .build();
    }

    void completed(RespondActivityTaskCompletedRequest r) {
        TaskToken token = TaskToken.decode(r.taskToken(), TaskToken.Kind.ACTIVITY);
        Check.data(r.result(), "result");
        onTask(
                token,
                (ex, a) -> close(
                        ex,
                        EventType.ACTIVITY_TASK_COMPLETED,
                        b -> b.activityTaskCompletedEventAttributes(x -> x.result(r.result())
                                .scheduledEventId(a.scheduledEventId)
                                .startedEventId(a.startedEventId))));
    }

    void failed(RespondActivityTaskFailedRequest r) {
        TaskToken token = TaskToken.decode(r.taskToken(), TaskToken.Kind.ACTIVITY);
        Check.reason(r.reason(), "reason");
        Check.data(r.details(), "details");
        onTask(
                token,
                (ex, a) -> close(
                        ex,
                        EventType.ACTIVITY_TASK_FAILED,
                        b -> b.activityTaskFailedEventAttributes(x -> x.reason(r.reason())
                                .details(r.details())
                                .scheduledEventId(a.scheduledEventId)
                                .startedEventId(a.startedEventId))));
    }

    void canceled(RespondActivityTaskCanceledRequest r) {
        TaskToken token = TaskToken.decode(r.taskToken(), TaskToken.Kind.ACTIVITY);
        Check.data(r.details(), "details");
        onTask(
                token,
                (ex, a) -> close(
                        ex,
                        EventType.ACTIVITY_TASK_CANCELED,
                        b -> b.activityTaskCanceledEventAttributes(x -> x.details(r.details())
                                .scheduledEventId(a.scheduledEventId)
                                .startedEventId(a.startedEventId)
                                .latestCancelRequestedEventId(a.cancelRequested ? a.cancelRequestedEventId : null))));
    }

    long pending(String domain, String taskList) {
        return engine.queues.activities(domain, taskList).count(t -> {
            Execution ex = t.execution();
            synchronized (ex) {
                ActivityState a = ex.isOpen() ? ex.open.activityByScheduled(t.scheduledEventId()) : null;
                return a != null && !a.started();
            }
        });
    }

    private void close(Execution ex, EventType type, java.util.function.Consumer<HistoryEvent.Builder> attributes) {
        ex.record(type, SwfEngine.now(), attributes);
        engine.needDecision(ex);
    }

    /** Runs the change on the started task the token names; whether cancellation was requested of it. */
    private boolean onTask(TaskToken token, BiConsumer<Execution, ActivityState> change) {
        Execution ex = engine.executions.open(token.runId());
        if (ex == null) {
            throw unknownTask(token);
        }
        return engine.update(ex, (e, w) -> {
            ActivityState a = e.isOpen() ? e.open.activityByScheduled(token.scheduledEventId()) : null;
            if (a == null || a.startedEventId != token.startedEventId()) {
                throw unknownTask(token);
            }
            boolean cancelRequested = a.cancelRequested;
            change.accept(e, a);
            return cancelRequested;
        });
    }

    private static RuntimeException unknownTask(TaskToken token) {
        return SwfFaults.unknownResource("Unknown activity task: it was completed, canceled or timed out, or its"
                + " execution is closed (runId=" + token.runId() + ", scheduledEventId=" + token.scheduledEventId()
                + ")");
    }
}
