package org.cpe.swf.engine;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.swf.model.*;

/**
 * Applies a completed decision task's decisions in order, as SWF does: each valid one records its event, each
 * invalid one records its {@code *Failed} event with the cause, and a new decision task follows when any failed
 * or when events arrived while the decider was deciding.
 */
final class Decisions {

    private final SwfEngine engine;
    private final ActivityDecisions activities;

    Decisions(SwfEngine engine) {
        this.engine = engine;
        this.activities = new ActivityDecisions(engine);
    }

    /** Call under the execution's lock, with a token that matches its started decision task. */
    void complete(Execution ex, TaskToken token, String executionContext, List<Decision> decisions, Work work) {
        boolean unhandled = ex.decisionNeeded;
        long completed = ex.record(
                        EventType.DECISION_TASK_COMPLETED,
                        SwfEngine.now(),
                        b -> b.decisionTaskCompletedEventAttributes(a -> a.scheduledEventId(token.scheduledEventId())
                                .startedEventId(token.startedEventId())
                                .executionContext(executionContext)))
                .eventId();
        boolean again = unhandled;
        for (Decision d : decisions) {
            if (!ex.isOpen()) {
                break;
            }
            again |= apply(ex, d, completed, unhandled, work);
        }
        if (again || ex.decisionNeeded) {
            engine.needDecision(ex);
        }
    }

    /** Applies one decision; true when it calls for another decision task. */
    private boolean apply(Execution ex, Decision d, long completed, boolean unhandled, Work work) {
        Instant now = SwfEngine.now();
        return switch (d.decisionType()) {
            case SCHEDULE_ACTIVITY_TASK -> activities.schedule(
                    ex, d.scheduleActivityTaskDecisionAttributes(), completed);
            case REQUEST_CANCEL_ACTIVITY_TASK -> activities.requestCancel(
                    ex, d.requestCancelActivityTaskDecisionAttributes(), completed);
            case COMPLETE_WORKFLOW_EXECUTION, FAIL_WORKFLOW_EXECUTION, CANCEL_WORKFLOW_EXECUTION -> close(
                    ex, d, completed, unhandled, work);
            case CONTINUE_AS_NEW_WORKFLOW_EXECUTION -> unhandled
                    ? closeFailed(ex, d, completed)
                    : new ContinueAsNew(engine)
                            .apply(ex, d.continueAsNewWorkflowExecutionDecisionAttributes(), completed, work);
            case RECORD_MARKER -> {
                RecordMarkerDecisionAttributes a = d.recordMarkerDecisionAttributes();
                ex.record(
                        EventType.MARKER_RECORDED,
                        now,
                        b -> b.markerRecordedEventAttributes(x -> x.markerName(a.markerName())
                                .details(a.details())
                                .decisionTaskCompletedEventId(completed)));
                yield false;
            }
            case START_TIMER -> startTimer(ex, d.startTimerDecisionAttributes(), completed, now);
            case CANCEL_TIMER -> cancelTimer(ex, d.cancelTimerDecisionAttributes(), completed, now);
            case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION -> {
                SignalExternalWorkflowExecutionDecisionAttributes a =
                        d.signalExternalWorkflowExecutionDecisionAttributes();
                long id = ex.record(
                                EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
                                now,
                                b -> b.signalExternalWorkflowExecutionInitiatedEventAttributes(
                                        x -> x.workflowId(a.workflowId())
                                                .runId(a.runId())
                                                .signalName(a.signalName())
                                                .input(a.input())
                                                .control(a.control())
                                                .decisionTaskCompletedEventId(completed)))
                        .eventId();
                work.later(() -> engine.externals.deliver(ex, id));
                yield false;
            }
            case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION -> {
                RequestCancelExternalWorkflowExecutionDecisionAttributes a =
                        d.requestCancelExternalWorkflowExecutionDecisionAttributes();
                long id = ex.record(
                                EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
                                now,
                                b -> b.requestCancelExternalWorkflowExecutionInitiatedEventAttributes(
                                        x -> x.workflowId(a.workflowId())
                                                .runId(a.runId())
                                                .control(a.control())
                                                .decisionTaskCompletedEventId(completed)))
                        .eventId();
                work.later(() -> engine.externals.deliver(ex, id));
                yield false;
            }
            case START_CHILD_WORKFLOW_EXECUTION -> startChild(
                    ex, d.startChildWorkflowExecutionDecisionAttributes(), completed, now, work);
            default -> {
                ScheduleLambdaFunctionDecisionAttributes a = d.scheduleLambdaFunctionDecisionAttributes();
                ex.record(
                        EventType.SCHEDULE_LAMBDA_FUNCTION_FAILED,
                        now,
                        b -> b.scheduleLambdaFunctionFailedEventAttributes(x -> x.id(a == null ? null : a.id())
                                .name(a == null ? null : a.name())
                                .cause(ScheduleLambdaFunctionFailedCause.LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION)
                                .decisionTaskCompletedEventId(completed)));
                yield true;
            }
        };
    }

    private boolean close(Execution ex, Decision d, long completed, boolean unhandled, Work work) {
        if (unhandled) {
            return closeFailed(ex, d, completed);
        }
        Instant now = SwfEngine.now();
        switch (d.decisionType()) {
            case COMPLETE_WORKFLOW_EXECUTION -> {
                CompleteWorkflowExecutionDecisionAttributes a = d.completeWorkflowExecutionDecisionAttributes();
                ex.record(
                        EventType.WORKFLOW_EXECUTION_COMPLETED,
                        now,
                        b -> b.workflowExecutionCompletedEventAttributes(
                                x -> x.result(a == null ? null : a.result()).decisionTaskCompletedEventId(completed)));
            }
            case FAIL_WORKFLOW_EXECUTION -> {
                FailWorkflowExecutionDecisionAttributes a = d.failWorkflowExecutionDecisionAttributes();
                ex.record(
                        EventType.WORKFLOW_EXECUTION_FAILED,
                        now,
                        b -> b.workflowExecutionFailedEventAttributes(x -> x.reason(a == null ? null : a.reason())
                                .details(a == null ? null : a.details())
                                .decisionTaskCompletedEventId(completed)));
            }
            default -> {
                CancelWorkflowExecutionDecisionAttributes a = d.cancelWorkflowExecutionDecisionAttributes();
                ex.record(
                        EventType.WORKFLOW_EXECUTION_CANCELED,
                        now,
                        b -> b.workflowExecutionCanceledEventAttributes(x ->
                                x.details(a == null ? null : a.details()).decisionTaskCompletedEventId(completed)));
            }
        }
        engine.outcomes.closed(ex, work, ex.start.childPolicyAsString());
        return false;
    }

    /** A close decision while new events wait for the decider: SWF refuses it with UNHANDLED_DECISION. */
    private static boolean closeFailed(Execution ex, Decision d, long completed) {
        Instant now = SwfEngine.now();
        switch (d.decisionType()) {
            case COMPLETE_WORKFLOW_EXECUTION -> ex.record(
                    EventType.COMPLETE_WORKFLOW_EXECUTION_FAILED,
                    now,
                    b -> b.completeWorkflowExecutionFailedEventAttributes(
                            x -> x.cause(CompleteWorkflowExecutionFailedCause.UNHANDLED_DECISION)
                                    .decisionTaskCompletedEventId(completed)));
            case FAIL_WORKFLOW_EXECUTION -> ex.record(
                    EventType.FAIL_WORKFLOW_EXECUTION_FAILED,
                    now,
                    b -> b.failWorkflowExecutionFailedEventAttributes(
                            x -> x.cause(FailWorkflowExecutionFailedCause.UNHANDLED_DECISION)
                                    .decisionTaskCompletedEventId(completed)));
            case CANCEL_WORKFLOW_EXECUTION -> ex.record(
                    EventType.CANCEL_WORKFLOW_EXECUTION_FAILED,
                    now,
                    b -> b.cancelWorkflowExecutionFailedEventAttributes(
                            x -> x.cause(CancelWorkflowExecutionFailedCause.UNHANDLED_DECISION)
                                    .decisionTaskCompletedEventId(completed)));
            default -> ex.record(
                    EventType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED,
                    now,
                    b -> b.continueAsNewWorkflowExecutionFailedEventAttributes(
                            x -> x.cause(ContinueAsNewWorkflowExecutionFailedCause.UNHANDLED_DECISION)
                                    .decisionTaskCompletedEventId(completed)));
        }
        return true;
    }

    private boolean startTimer(Execution ex, StartTimerDecisionAttributes a, long completed, Instant now) {
        StartTimerFailedCause cause = ex.open.timer(a.timerId()) != null
                ? StartTimerFailedCause.TIMER_ID_ALREADY_IN_USE
                : ex.open.timerCount() >= Limits.OPEN_TIMERS ? StartTimerFailedCause.OPEN_TIMERS_LIMIT_EXCEEDED : null;
        if (cause != null) {
            ex.record(
                    EventType.START_TIMER_FAILED,
                    now,
                    b -> b.startTimerFailedEventAttributes(
                            x -> x.timerId(a.timerId()).cause(cause).decisionTaskCompletedEventId(completed)));
            return true;
        }
        ex.record(
                EventType.TIMER_STARTED,
                now,
                b -> b.timerStartedEventAttributes(x -> x.timerId(a.timerId())
                        .control(a.control())
                        .startToFireTimeout(a.startToFireTimeout())
                        .decisionTaskCompletedEventId(completed)));
        engine.deadlines.armTimer(ex, ex.open.timer(a.timerId()));
        return false;
    }

    private boolean cancelTimer(Execution ex, CancelTimerDecisionAttributes a, long completed, Instant now) {
        TimerState t = ex.open.timer(a.timerId());
        if (t == null) {
            ex.record(
                    EventType.CANCEL_TIMER_FAILED,
                    now,
                    b -> b.cancelTimerFailedEventAttributes(x -> x.timerId(a.timerId())
                            .cause(CancelTimerFailedCause.TIMER_ID_UNKNOWN)
                            .decisionTaskCompletedEventId(completed)));
            return true;
        }
        ex.record(
                EventType.TIMER_CANCELED,
                now,
                b -> b.timerCanceledEventAttributes(x -> x.timerId(a.timerId())
                        .startedEventId(t.startedEventId)
                        .decisionTaskCompletedEventId(completed)));
        return false;
    }

    private boolean startChild(
            Execution ex, StartChildWorkflowExecutionDecisionAttributes a, long completed, Instant now, Work work) {
        Children.Resolution r = engine.children.resolve(
                ex.domain,
                a.workflowType(),
                a.taskList(),
                a.executionStartToCloseTimeout(),
                a.taskStartToCloseTimeout(),
                a.childPolicyAsString(),
                a.taskPriority());
        StartChildWorkflowExecutionFailedCause cause = ex.open.childCount() >= Limits.OPEN_CHILDREN
                ? StartChildWorkflowExecutionFailedCause.OPEN_CHILDREN_LIMIT_EXCEEDED
                : r.cause();
        if (cause != null) {
            // refused before it is initiated: SWF records no initiated event, and 0 as its id
            ex.record(
                    EventType.START_CHILD_WORKFLOW_EXECUTION_FAILED,
                    now,
                    b -> b.startChildWorkflowExecutionFailedEventAttributes(x -> x.workflowType(a.workflowType())
                            .workflowId(a.workflowId())
                            .cause(cause)
                            .initiatedEventId(0L)
                            .decisionTaskCompletedEventId(completed)
                            .control(a.control())));
            return true;
        }
        long id = ex.record(
                        EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED,
                        now,
                        b -> b.startChildWorkflowExecutionInitiatedEventAttributes(x -> x.workflowId(a.workflowId())
                                .workflowType(a.workflowType())
                                .control(a.control())
                                .input(a.input())
                                .executionStartToCloseTimeout(r.executionStartToCloseTimeout())
                                .taskList(r.taskList())
                                .taskPriority(r.taskPriority())
                                .decisionTaskCompletedEventId(completed)
                                .childPolicy(r.childPolicy())
                                .taskStartToCloseTimeout(r.taskStartToCloseTimeout())
                                .tagList(a.hasTagList() ? a.tagList() : null)
                                .lambdaRole(a.lambdaRole())))
                .eventId();
        work.later(() -> engine.children.start(ex, id));
        return false;
    }
}
