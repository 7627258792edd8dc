package org.cpe.swf.engine;

import java.util.List;
import java.util.Optional;
import org.cpe.swf.store.ExecutionRecord;
import software.amazon.awssdk.services.swf.model.*;

/**
 * What crosses from one execution to another, and the calls that end or steer an execution from outside: signal,
 * cancel request, terminate, timeout, the child policy when a parent closes, and telling a parent its child closed.
 */
final class Outcomes {

    private final SwfEngine engine;

    Outcomes(SwfEngine engine) {
        this.engine = engine;
    }

    // --- API calls -------------------------------------------------------------------------------------------

    void signal(SignalWorkflowExecutionRequest r) {
        Check.name(r.signalName(), "signalName");
        Check.data(r.input(), "input");
        Execution ex = engine.openExecution(r.domain(), r.workflowId(), r.runId());
        boolean signaled = engine.update(ex, (e, w) -> {
            if (!e.isOpen()) {
                return false;
            }
            e.record(
                    EventType.WORKFLOW_EXECUTION_SIGNALED,
                    SwfEngine.now(),
                    b -> b.workflowExecutionSignaledEventAttributes(
                            a -> a.signalName(r.signalName()).input(r.input())));
            engine.needDecision(e);
            return true;
        });
        if (!signaled) {
            throw closedMeanwhile(ex);
        }
    }

    void requestCancel(RequestCancelWorkflowExecutionRequest r) {
        Execution ex = engine.openExecution(r.domain(), r.workflowId(), r.runId());
        boolean requested = engine.update(ex, (e, w) -> e.isOpen() && cancelRequested(e, null, null, null));
        if (!requested && !ex.cancelRequested) {
            throw closedMeanwhile(ex);
        }
    }

    void terminate(TerminateWorkflowExecutionRequest r) {
        Check.reason(r.reason(), "reason");
        Check.data(r.details(), "details");
        Starts.childPolicy(r.childPolicyAsString(), "childPolicy");
        Execution ex = engine.openExecution(r.domain(), r.workflowId(), r.runId());
        boolean terminated = engine.update(ex, (e, w) -> {
            if (!e.isOpen()) {
                return false;
            }
            terminate(
                    e,
                    w,
                    r.reason(),
                    r.details(),
                    r.childPolicyAsString(),
                    WorkflowExecutionTerminatedCause.OPERATOR_INITIATED);
            return true;
        });
        if (!terminated) {
            throw closedMeanwhile(ex);
        }
    }

    // --- ends of executions ----------------------------------------------------------------------------------

    void terminate(
            Execution ex,
            Work work,
            String reason,
            String details,
            String childPolicy,
            WorkflowExecutionTerminatedCause cause) {
        String policy = childPolicy != null ? childPolicy : ex.start.childPolicyAsString();
        ex.record(
                EventType.WORKFLOW_EXECUTION_TERMINATED,
                SwfEngine.now(),
                b -> b.workflowExecutionTerminatedEventAttributes(a ->
                        a.reason(reason).details(details).childPolicy(policy).cause(cause)));
        closed(ex, work, policy);
    }

    void timeOut(Execution ex, Work work) {
        String policy = ex.start.childPolicyAsString();
        ex.record(
                EventType.WORKFLOW_EXECUTION_TIMED_OUT,
                SwfEngine.now(),
                b -> b.workflowExecutionTimedOutEventAttributes(
                        a -> a.timeoutType(WorkflowExecutionTimeoutType.START_TO_CLOSE)
                                .childPolicy(policy)));
        closed(ex, work, policy);
    }

    /** After an execution closed: apply its child policy and tell its parent; call under its lock. */
    void closed(Execution ex, Work work, String childPolicy) {
        ChildPolicy policy = ChildPolicy.fromValue(childPolicy);
        for (ChildState child : ex.open.childrenCopy()) {
            if (child.runId == null || policy == ChildPolicy.ABANDON) {
                continue;
            }
            work.later(() -> currentRun(ex, child)
                    .ifPresent(c -> engine.update(c, (e, w) -> {
                        if (e.isOpen() && policy == ChildPolicy.TERMINATE) {
                            terminate(e, w, null, null, null, WorkflowExecutionTerminatedCause.CHILD_POLICY_APPLIED);
                        } else if (e.isOpen()) {
                            cancelRequested(e, null, null, WorkflowExecutionCancelRequestedCause.CHILD_POLICY_APPLIED);
                        }
                        return null;
                    })));
        }
        if (ex.start.parentWorkflowExecution() != null && ex.closeStatus != CloseStatus.CONTINUED_AS_NEW) {
            HistoryEvent last = ex.lastEvent();
            work.later(() -> tellParent(ex.domain, ex.id, ex.type, ex.start, last));
        }
    }

    /**
     * The open run of a child: the one the parent started, or the run it continued as, which SWF still counts as the
     * parent's child.
     */
    private Optional<Execution> currentRun(Execution parent, ChildState child) {
        Execution started = engine.executions.open(child.runId);
        if (started != null) {
            return Optional.of(started);
        }
        Execution continued = engine.executions.openOf(parent.domain, child.attributes.workflowId());
        return Optional.ofNullable(continued)
                .filter(c -> c.start.parentWorkflowExecution() != null
                        && parent.runId()
                                .equals(c.start.parentWorkflowExecution().runId())
                        && Long.valueOf(child.initiatedEventId).equals(c.start.parentInitiatedEventId()));
    }

    boolean cancelRequested(
            Execution ex,
            WorkflowExecution external,
            Long initiatedEventId,
            WorkflowExecutionCancelRequestedCause cause) {
        if (ex.cancelRequested) {
            return false; // SWF keeps one request; repeats change nothing
        }
        ex.record(
                EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED,
                SwfEngine.now(),
                b -> b.workflowExecutionCancelRequestedEventAttributes(a -> a.externalWorkflowExecution(external)
                        .externalInitiatedEventId(initiatedEventId)
                        .cause(cause)));
        engine.needDecision(ex);
        return true;
    }

    private void tellParent(
            String domain,
            WorkflowExecution child,
            WorkflowType type,
            WorkflowExecutionStartedEventAttributes start,
            HistoryEvent close) {
        Execution parent =
                engine.executions.open(start.parentWorkflowExecution().runId());
        if (parent == null) {
            return;
        }
        long initiated = start.parentInitiatedEventId();
        engine.update(parent, (p, w) -> {
            ChildState c = p.open.child(initiated);
            if (!p.isOpen() || c == null) {
                return null;
            }
            long started = c.startedEventId;
            java.time.Instant now = SwfEngine.now();
            switch (close.eventType()) {
                case WORKFLOW_EXECUTION_COMPLETED -> p.record(
                        EventType.CHILD_WORKFLOW_EXECUTION_COMPLETED,
                        now,
                        b -> b.childWorkflowExecutionCompletedEventAttributes(a -> a.workflowExecution(child)
                                .workflowType(type)
                                .initiatedEventId(initiated)
                                .startedEventId(started)
                                .result(close.workflowExecutionCompletedEventAttributes()
                                        .result())));
                case WORKFLOW_EXECUTION_FAILED -> p.record(
                        EventType.CHILD_WORKFLOW_EXECUTION_FAILED,
                        now,
                        b -> b.childWorkflowExecutionFailedEventAttributes(a -> a.workflowExecution(child)
                                .workflowType(type)
                                .initiatedEventId(initiated)
                                .startedEventId(started)
                                .reason(close.workflowExecutionFailedEventAttributes()
                                        .reason())
                                .details(close.workflowExecutionFailedEventAttributes()
                                        .details())));
                case WORKFLOW_EXECUTION_CANCELED -> p.record(
                        EventType.CHILD_WORKFLOW_EXECUTION_CANCELED,
                        now,
                        b -> b.childWorkflowExecutionCanceledEventAttributes(a -> a.workflowExecution(child)
                                .workflowType(type)
                                .initiatedEventId(initiated)
                                .startedEventId(started)
                                .details(close.workflowExecutionCanceledEventAttributes()
                                        .details())));
                case WORKFLOW_EXECUTION_TIMED_OUT -> p.record(
                        EventType.CHILD_WORKFLOW_EXECUTION_TIMED_OUT,
                        now,
                        b -> b.childWorkflowExecutionTimedOutEventAttributes(a -> a.workflowExecution(child)
                                .workflowType(type)
                                .initiatedEventId(initiated)
                                .startedEventId(started)
                                .timeoutType(WorkflowExecutionTimeoutType.START_TO_CLOSE)));
                default -> p.record(
                        EventType.CHILD_WORKFLOW_EXECUTION_TERMINATED,
                        now,
                        b -> b.childWorkflowExecutionTerminatedEventAttributes(a -> a.workflowExecution(child)
                                .workflowType(type)
                                .initiatedEventId(initiated)
                                .startedEventId(started)));
            }
            engine.needDecision(p);
            return null;
        });
    }

    // --- after a restart -------------------------------------------------------------------------------------

    /** Redoes hand-offs a crash may have cut short: deliveries, child starts, a child's close not yet told. */
    void resume(Execution ex, Work work) {
        for (Long initiated : ex.open.requestsCopy()) {
            work.later(() -> engine.externals.deliver(ex, initiated));
        }
        for (ChildState child : ex.open.childrenCopy()) {
            if (child.runId == null) {
                work.later(() -> engine.children.start(ex, child.initiatedEventId));
            } else if (!engine.executions.isOpen(child.runId)) {
                String runId = child.runId;
                String workflowId = child.attributes.workflowId();
                work.later(() -> tellClosedChild(ex.domain, workflowId, runId));
            }
        }
    }

    private void tellClosedChild(String domain, String workflowId, String runId) {
        Optional<ExecutionRecord> record = engine.store.execution(domain, workflowId, runId);
        if (record.isEmpty()
                || record.get().info().executionStatus() != ExecutionStatus.CLOSED
                || record.get().info().closeStatus() == CloseStatus.CONTINUED_AS_NEW) {
            return;
        }
        List<HistoryEvent> history = engine.store.history(runId);
        HistoryEvent first = history.get(0);
        HistoryEvent last = history.get(history.size() - 1);
        WorkflowExecutionStartedEventAttributes start = first.workflowExecutionStartedEventAttributes();
        tellParent(domain, record.get().info().execution(), start.workflowType(), start, last);
    }

    static RuntimeException closedMeanwhile(Execution ex) {
        return SwfFaults.unknownResource("Unknown execution: WorkflowExecution=[workflowId=" + ex.id.workflowId()
                + ", runId=" + ex.runId() + "] is closed");
    }
}
