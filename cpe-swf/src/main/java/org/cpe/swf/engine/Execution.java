package org.cpe.swf.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.cpe.swf.store.Change;
import org.cpe.swf.store.Recovered;
import software.amazon.awssdk.services.swf.model.*;

/**
 * One run of a workflow: its history and the state the history implies. Every change is an event appended through
 * {@link #apply}, so replaying a stored history rebuilds exactly the state it had. Guarded by its own monitor.
 */
final class Execution {

    final String domain;
    final WorkflowExecution id;
    final WorkflowType type;
    final WorkflowExecutionStartedEventAttributes start;
    final Instant startedAt;
    private final List<HistoryEvent> events = new ArrayList<>();
    private final List<HistoryEvent> history = Collections.unmodifiableList(events);
    private final List<HistoryEvent> unsaved = new ArrayList<>();

    ExecutionStatus status = ExecutionStatus.OPEN;
    CloseStatus closeStatus;
    Instant closedAt;
    boolean cancelRequested;
    String latestExecutionContext;
    Instant latestActivityTaskTimestamp;

    long decisionScheduledId;
    long decisionStartedId;
    Instant decisionStartedAt;
    long previousStartedEventId;
    /** Events arrived since the open decision task started, so another one must follow it. */
    boolean decisionNeeded;

    /** The activity tasks, timers, children and requests to other executions the history leaves open. */
    final OpenItems open = new OpenItems();

    /** The execution's record is not stored yet. */
    boolean pendingStart;

    private final List<Change.HeartbeatPut> heartbeats = new ArrayList<>();

    ScheduledFuture<?> workflowTimer;
    ScheduledFuture<?> decisionTimer;

    Execution(String domain, WorkflowExecution id, WorkflowExecutionStartedEventAttributes start, Instant startedAt) {
        this.domain = domain;
        this.id = id;
        this.type = start.workflowType();
        this.start = start;
        this.startedAt = startedAt;
    }

    String runId() {
        return id.runId();
    }

    boolean isOpen() {
        return status == ExecutionStatus.OPEN;
    }

    long nextEventId() {
        return events.size() + 1L;
    }

    int eventCount() {
        return events.size();
    }

    HistoryEvent lastEvent() {
        return events.get(events.size() - 1);
    }

    /** The history so far: a view, not a copy, so read it under the lock and copy what must outlive it. */
    List<HistoryEvent> history() {
        return history;
    }

    /** Appends a new event and applies it; it is saved with the call's changes. */
    HistoryEvent record(EventType type, Instant at, java.util.function.Consumer<HistoryEvent.Builder> attributes) {
        HistoryEvent.Builder b =
                HistoryEvent.builder().eventId(nextEventId()).eventTimestamp(at).eventType(type);
        attributes.accept(b);
        HistoryEvent event = b.build();
        apply(event);
        unsaved.add(event);
        return event;
    }

    /** The state change an event stands for; used live and when replaying a stored history. */
    void apply(HistoryEvent e) {
        events.add(e);
        long id = e.eventId();
        switch (e.eventType()) {
            case WORKFLOW_EXECUTION_CANCEL_REQUESTED -> {
                cancelRequested = true;
                triggersDecision();
            }
            case DECISION_TASK_SCHEDULED -> {
                decisionScheduledId = id;
                decisionNeeded = false;
            }
            case DECISION_TASK_STARTED -> {
                decisionStartedId = id;
                decisionStartedAt = e.eventTimestamp();
            }
            case DECISION_TASK_COMPLETED -> {
                previousStartedEventId = decisionStartedId;
                latestExecutionContext =
                        e.decisionTaskCompletedEventAttributes().executionContext();
                clearDecision();
            }
            case DECISION_TASK_TIMED_OUT -> {
                clearDecision();
                decisionNeeded = true;
            }
            case ACTIVITY_TASK_SCHEDULED -> {
                open.activityScheduled(id, e.activityTaskScheduledEventAttributes(), e.eventTimestamp());
                latestActivityTaskTimestamp = e.eventTimestamp();
            }
            case ACTIVITY_TASK_STARTED -> {
                ActivityState a = open.activityByScheduled(
                        e.activityTaskStartedEventAttributes().scheduledEventId());
                a.startedEventId = id;
                a.startedAt = e.eventTimestamp();
                a.lastHeartbeat = e.eventTimestamp();
            }
            case ACTIVITY_TASK_CANCEL_REQUESTED -> {
                ActivityState a = open.activity(
                        e.activityTaskCancelRequestedEventAttributes().activityId());
                a.cancelRequested = true;
                a.cancelRequestedEventId = id;
            }
            case ACTIVITY_TASK_COMPLETED -> closeActivity(
                    e.activityTaskCompletedEventAttributes().scheduledEventId());
            case ACTIVITY_TASK_FAILED -> closeActivity(
                    e.activityTaskFailedEventAttributes().scheduledEventId());
            case ACTIVITY_TASK_TIMED_OUT -> closeActivity(
                    e.activityTaskTimedOutEventAttributes().scheduledEventId());
            case ACTIVITY_TASK_CANCELED -> closeActivity(
                    e.activityTaskCanceledEventAttributes().scheduledEventId());
            case TIMER_STARTED -> {
                TimerStartedEventAttributes t = e.timerStartedEventAttributes();
                Instant fireAt = e.eventTimestamp().plusSeconds(Long.parseLong(t.startToFireTimeout()));
                open.timerStarted(new TimerState(t.timerId(), id, fireAt));
            }
            case TIMER_FIRED -> {
                open.timerEnded(e.timerFiredEventAttributes().timerId());
                triggersDecision();
            }
            case TIMER_CANCELED -> open.timerEnded(
                    e.timerCanceledEventAttributes().timerId());
            case START_CHILD_WORKFLOW_EXECUTION_INITIATED -> open.childInitiated(
                    id, e.startChildWorkflowExecutionInitiatedEventAttributes());
            case CHILD_WORKFLOW_EXECUTION_STARTED -> {
                ChildWorkflowExecutionStartedEventAttributes c = e.childWorkflowExecutionStartedEventAttributes();
                open.childStarted(c.initiatedEventId(), c.workflowExecution().runId(), id);
                triggersDecision();
            }
            case START_CHILD_WORKFLOW_EXECUTION_FAILED -> {
                open.childEnded(
                        e.startChildWorkflowExecutionFailedEventAttributes().initiatedEventId());
                triggersDecision();
            }
            case CHILD_WORKFLOW_EXECUTION_COMPLETED -> closeChild(
                    e.childWorkflowExecutionCompletedEventAttributes().initiatedEventId());
            case CHILD_WORKFLOW_EXECUTION_FAILED -> closeChild(
                    e.childWorkflowExecutionFailedEventAttributes().initiatedEventId());
            case CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> closeChild(
                    e.childWorkflowExecutionTimedOutEventAttributes().initiatedEventId());
            case CHILD_WORKFLOW_EXECUTION_CANCELED -> closeChild(
                    e.childWorkflowExecutionCanceledEventAttributes().initiatedEventId());
            case CHILD_WORKFLOW_EXECUTION_TERMINATED -> closeChild(
                    e.childWorkflowExecutionTerminatedEventAttributes().initiatedEventId());
            case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
                    REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> open.requestInitiated(e);
            case EXTERNAL_WORKFLOW_EXECUTION_SIGNALED -> resolveOutgoing(
                    e.externalWorkflowExecutionSignaledEventAttributes().initiatedEventId());
            case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED -> resolveOutgoing(
                    e.signalExternalWorkflowExecutionFailedEventAttributes().initiatedEventId());
            case EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED -> resolveOutgoing(
                    e.externalWorkflowExecutionCancelRequestedEventAttributes().initiatedEventId());
            case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED -> resolveOutgoing(
                    e.requestCancelExternalWorkflowExecutionFailedEventAttributes()
                            .initiatedEventId());
            case WORKFLOW_EXECUTION_SIGNALED -> triggersDecision();
            case WORKFLOW_EXECUTION_COMPLETED -> close(CloseStatus.COMPLETED, e);
            case WORKFLOW_EXECUTION_FAILED -> close(CloseStatus.FAILED, e);
            case WORKFLOW_EXECUTION_CANCELED -> close(CloseStatus.CANCELED, e);
            case WORKFLOW_EXECUTION_TERMINATED -> close(CloseStatus.TERMINATED, e);
            case WORKFLOW_EXECUTION_TIMED_OUT -> close(CloseStatus.TIMED_OUT, e);
            case WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> close(CloseStatus.CONTINUED_AS_NEW, e);
            default -> {
                // the decision-failure events and markers change no state
            }
        }
    }

    /** The execution as its stored history leaves it, with the last heartbeat of each activity task. */
    static Execution replay(Recovered.OpenExecution stored) {
        HistoryEvent first = stored.events().get(0);
        Execution ex = new Execution(
                stored.execution().domain(),
                stored.execution().info().execution(),
                first.workflowExecutionStartedEventAttributes(),
                first.eventTimestamp());
        stored.events().forEach(ex::apply);
        for (Recovered.Heartbeat h : stored.heartbeats()) {
            ActivityState a = ex.open.activityByScheduled(h.scheduledEventId());
            if (a != null && a.started()) {
                a.lastHeartbeat = h.at();
                a.heartbeatDetails = h.details();
            }
        }
        return ex;
    }

    void heartbeat(ActivityState a, String details, Instant at) {
        a.lastHeartbeat = at;
        a.heartbeatDetails = details;
        heartbeats.add(new Change.HeartbeatPut(runId(), a.scheduledEventId, details, at));
    }

    List<Change.HeartbeatPut> drainHeartbeats() {
        if (heartbeats.isEmpty()) {
            return List.of();
        }
        List<Change.HeartbeatPut> drained = List.copyOf(heartbeats);
        heartbeats.clear();
        return drained;
    }

    List<HistoryEvent> drainUnsaved() {
        List<HistoryEvent> drained = List.copyOf(unsaved);
        unsaved.clear();
        return drained;
    }

    WorkflowExecutionOpenCounts openCounts() {
        return WorkflowExecutionOpenCounts.builder()
                .openActivityTasks(open.activityCount())
                .openDecisionTasks(decisionScheduledId != 0 ? 1 : 0)
                .openTimers(open.timerCount())
                .openChildWorkflowExecutions(open.childCount())
                .openLambdaFunctions(0)
                .build();
    }

    private void triggersDecision() {
        if (decisionStartedId != 0) {
            decisionNeeded = true;
        }
    }

    private void clearDecision() {
        decisionScheduledId = 0;
        decisionStartedId = 0;
        decisionStartedAt = null;
        Timeouts.cancel(decisionTimer);
    }

    private void closeActivity(long scheduledEventId) {
        open.activityClosed(scheduledEventId);
        triggersDecision();
    }

    private void closeChild(long initiatedEventId) {
        open.childEnded(initiatedEventId);
        triggersDecision();
    }

    private void resolveOutgoing(long initiatedEventId) {
        open.requestResolved(initiatedEventId);
        triggersDecision();
    }

    private void close(CloseStatus closeStatus, HistoryEvent e) {
        status = ExecutionStatus.CLOSED;
        this.closeStatus = closeStatus;
        closedAt = e.eventTimestamp();
        clearDecision();
        open.cancelScheduled();
        Timeouts.cancel(workflowTimer);
    }
}
