package org.cpe.swf.engine;

import software.amazon.awssdk.services.swf.model.*;

/** Signals and cancel requests one execution's decisions send to another, and their outcome in the sender's history. */
final class Externals {

    private final SwfEngine engine;

    Externals(SwfEngine engine) {
        this.engine = engine;
    }

    /** Delivers the request the sender initiated with this event, then records how it went. */
    void deliver(Execution source, long initiatedEventId) {
        HistoryEvent initiated;
        synchronized (source) {
            initiated = source.open.request(initiatedEventId);
        }
        if (initiated == null) {
            return;
        }
        boolean signal = initiated.eventType() == EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED;
        String workflowId = signal
                ? initiated
                        .signalExternalWorkflowExecutionInitiatedEventAttributes()
                        .workflowId()
                : initiated
                        .requestCancelExternalWorkflowExecutionInitiatedEventAttributes()
                        .workflowId();
        String runId = signal
                ? initiated
                        .signalExternalWorkflowExecutionInitiatedEventAttributes()
                        .runId()
                : initiated
                        .requestCancelExternalWorkflowExecutionInitiatedEventAttributes()
                        .runId();
        Execution target =
                runId == null ? engine.executions.openOf(source.domain, workflowId) : engine.executions.open(runId);
        WorkflowExecution delivered = null;
        if (target != null
                && target.domain.equals(source.domain)
                && target.id.workflowId().equals(workflowId)) {
            boolean done = engine.update(target, (t, w) -> {
                if (!t.isOpen()) {
                    return false;
                }
                if (signal) {
                    SignalExternalWorkflowExecutionInitiatedEventAttributes a =
                            initiated.signalExternalWorkflowExecutionInitiatedEventAttributes();
                    t.record(
                            EventType.WORKFLOW_EXECUTION_SIGNALED,
                            SwfEngine.now(),
                            b -> b.workflowExecutionSignaledEventAttributes(x -> x.signalName(a.signalName())
                                    .input(a.input())
                                    .externalWorkflowExecution(source.id)
                                    .externalInitiatedEventId(initiatedEventId)));
                    engine.needDecision(t);
                } else {
                    engine.outcomes.cancelRequested(t, source.id, initiatedEventId, null);
                }
                return true;
            });
            delivered = done ? target.id : null;
        }
        WorkflowExecution to = delivered;
        engine.update(source, (s, w) -> {
            if (s.isOpen() && s.open.awaitsOutcome(initiatedEventId)) {
                recordOutcome(s, initiated, to);
                engine.needDecision(s);
            }
            return null;
        });
    }

    private static void recordOutcome(Execution s, HistoryEvent initiated, WorkflowExecution to) {
        long id = initiated.eventId();
        java.time.Instant now = SwfEngine.now();
        if (initiated.eventType() == EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) {
            SignalExternalWorkflowExecutionInitiatedEventAttributes a =
                    initiated.signalExternalWorkflowExecutionInitiatedEventAttributes();
            if (to != null) {
                s.record(
                        EventType.EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
                        now,
                        b -> b.externalWorkflowExecutionSignaledEventAttributes(
                                x -> x.workflowExecution(to).initiatedEventId(id)));
            } else {
                s.record(
                        EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
                        now,
                        b -> b.signalExternalWorkflowExecutionFailedEventAttributes(x -> x.workflowId(a.workflowId())
                                .runId(a.runId())
                                .cause(SignalExternalWorkflowExecutionFailedCause.UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION)
                                .initiatedEventId(id)
                                .decisionTaskCompletedEventId(a.decisionTaskCompletedEventId())
                                .control(a.control())));
            }
        } else {
            RequestCancelExternalWorkflowExecutionInitiatedEventAttributes a =
                    initiated.requestCancelExternalWorkflowExecutionInitiatedEventAttributes();
            if (to != null) {
                s.record(
                        EventType.EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
                        now,
                        b -> b.externalWorkflowExecutionCancelRequestedEventAttributes(
                                x -> x.workflowExecution(to).initiatedEventId(id)));
            } else {
                s.record(
                        EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
                        now,
                        b -> b.requestCancelExternalWorkflowExecutionFailedEventAttributes(
                                x -> x.workflowId(a.workflowId())
                                        .runId(a.runId())
                                        .cause(
                                                RequestCancelExternalWorkflowExecutionFailedCause
                                                        .UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION)
                                        .initiatedEventId(id)
                                        .decisionTaskCompletedEventId(a.decisionTaskCompletedEventId())
                                        .control(a.control())));
            }
        }
    }
}
