package org.cpe.swf.engine;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.swf.model.*;

/** Starting the child executions that StartChildWorkflowExecution decisions ask for. */
final class Children {

    private final SwfEngine engine;

    Children(SwfEngine engine) {
        this.engine = engine;
    }

    /** Starts the child the parent initiated with this event, then records in the parent how it went. */
    void start(Execution parent, long initiatedEventId) {
        StartChildWorkflowExecutionInitiatedEventAttributes a;
        synchronized (parent) {
            ChildState c = parent.open.child(initiatedEventId);
            if (!parent.isOpen() || c == null || c.runId != null) {
                return;
            }
            a = c.attributes;
        }
        Resolution r = resolve(
                parent.domain,
                a.workflowType(),
                a.taskList(),
                a.executionStartToCloseTimeout(),
                a.taskStartToCloseTimeout(),
                a.childPolicyAsString(),
                a.taskPriority());
        StartChildWorkflowExecutionFailedCause cause = r.cause();
        WorkflowExecutionStartedEventAttributes attributes = cause != null
                ? null
                : WorkflowExecutionStartedEventAttributes.builder()
                        .workflowType(a.workflowType())
                        .input(a.input())
                        .taskList(r.taskList())
                        .taskPriority(r.taskPriority())
                        .executionStartToCloseTimeout(r.executionStartToCloseTimeout())
                        .taskStartToCloseTimeout(r.taskStartToCloseTimeout())
                        .childPolicy(r.childPolicy())
                        .tagList(a.hasTagList() ? a.tagList() : null)
                        .lambdaRole(a.lambdaRole())
                        .parentWorkflowExecution(parent.id)
                        .parentInitiatedEventId(initiatedEventId)
                        .build();
        WorkflowExecution started = null;
        if (attributes != null) {
            started = startRun(parent, initiatedEventId, a.workflowId(), attributes);
            if (started == null) {
                cause = StartChildWorkflowExecutionFailedCause.WORKFLOW_ALREADY_RUNNING;
            }
        }
        record(parent, a, initiatedEventId, started, cause);
    }

    /** A child's settings with the type's defaults filled in, or the cause SWF refuses to initiate it with. */
    record Resolution(
            StartChildWorkflowExecutionFailedCause cause,
            TaskList taskList,
            String executionStartToCloseTimeout,
            String taskStartToCloseTimeout,
            String childPolicy,
            String taskPriority) {}

    /**
     * What SWF checks of a StartChildWorkflowExecution decision before it initiates the child: the type exists and
     * is active, and it or the decision sets every setting a run needs.
     */
    Resolution resolve(
            String domain,
            WorkflowType workflowType,
            TaskList taskList,
            String executionTimeout,
            String taskTimeout,
            String childPolicy,
            String taskPriority) {
        TypeRegistry.Entry<WorkflowTypeInfo, WorkflowTypeConfiguration> type =
                engine.registry.findWorkflowType(domain, workflowType);
        if (type == null) {
            return refused(StartChildWorkflowExecutionFailedCause.WORKFLOW_TYPE_DOES_NOT_EXIST);
        }
        if (type.info().status() == RegistrationStatus.DEPRECATED) {
            return refused(StartChildWorkflowExecutionFailedCause.WORKFLOW_TYPE_DEPRECATED);
        }
        WorkflowTypeConfiguration d = type.configuration();
        TaskList list = taskList != null ? taskList : d.defaultTaskList();
        String execution = Durations.firstSet(executionTimeout, d.defaultExecutionStartToCloseTimeout());
        String task = Durations.firstSet(taskTimeout, d.defaultTaskStartToCloseTimeout());
        String policy = Durations.firstSet(childPolicy, d.defaultChildPolicyAsString());
        StartChildWorkflowExecutionFailedCause cause = list == null
                ? StartChildWorkflowExecutionFailedCause.DEFAULT_TASK_LIST_UNDEFINED
                : execution == null
                        ? StartChildWorkflowExecutionFailedCause.DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED
                        : task == null
                                ? StartChildWorkflowExecutionFailedCause.DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED
                                : policy == null
                                        ? StartChildWorkflowExecutionFailedCause.DEFAULT_CHILD_POLICY_UNDEFINED
                                        : null;
        if (cause != null) {
            return refused(cause);
        }
        return new Resolution(
                null, list, execution, task, policy, Durations.firstSet(taskPriority, d.defaultTaskPriority()));
    }

    private static Resolution refused(StartChildWorkflowExecutionFailedCause cause) {
        return new Resolution(cause, null, null, null, null, null);
    }

    private WorkflowExecution startRun(
            Execution parent,
            long initiatedEventId,
            String workflowId,
            WorkflowExecutionStartedEventAttributes attributes) {
        Execution child = engine.starts.newExecution(parent.domain, workflowId, attributes);
        Work work = new Work();
        CompletableFuture<Void> durable;
        synchronized (child) {
            if (!engine.executions.publish(child, null)) {
                return alreadyStartedByThisParent(parent, initiatedEventId, workflowId);
            }
            engine.starts.begin(child);
            durable = engine.save(child, work);
        }
        SwfEngine.awaitDurable(durable);
        work.run();
        return child.id;
    }

    /** After a restart the child may be running already, started before the parent could record it. */
    private WorkflowExecution alreadyStartedByThisParent(Execution parent, long initiatedEventId, String workflowId) {
        Execution running = engine.executions.openOf(parent.domain, workflowId);
        if (running != null
                && running.start.parentWorkflowExecution() != null
                && running.start.parentWorkflowExecution().runId().equals(parent.runId())
                && running.start.parentInitiatedEventId() == initiatedEventId) {
            return running.id;
        }
        return null;
    }

    private void record(
            Execution parent,
            StartChildWorkflowExecutionInitiatedEventAttributes a,
            long initiatedEventId,
            WorkflowExecution started,
            StartChildWorkflowExecutionFailedCause cause) {
        engine.update(parent, (p, w) -> {
            ChildState c = p.open.child(initiatedEventId);
            if (!p.isOpen() || c == null || c.runId != null) {
                return null;
            }
            if (started != null) {
                p.record(
                        EventType.CHILD_WORKFLOW_EXECUTION_STARTED,
                        SwfEngine.now(),
                        b -> b.childWorkflowExecutionStartedEventAttributes(x -> x.workflowExecution(started)
                                .workflowType(a.workflowType())
                                .initiatedEventId(initiatedEventId)));
            } else {
                p.record(
                        EventType.START_CHILD_WORKFLOW_EXECUTION_FAILED,
                        SwfEngine.now(),
                        b -> b.startChildWorkflowExecutionFailedEventAttributes(x -> x.workflowType(a.workflowType())
                                .cause(cause)
                                .workflowId(a.workflowId())
                                .initiatedEventId(initiatedEventId)
                                .decisionTaskCompletedEventId(a.decisionTaskCompletedEventId())
                                .control(a.control())));
            }
            engine.needDecision(p);
            return null;
        });
    }
}
