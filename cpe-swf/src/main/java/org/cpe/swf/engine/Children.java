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
            ChildState c = parent.children.get(initiatedEventId);
            if (!parent.isOpen() || c == null || c.runId != null) {
                return;
            }
            a = c.attributes;
        }
        Registry.WorkflowTypeRecord type = engine.registry.findWorkflowType(parent.domain, a.workflowType());
        StartChildWorkflowExecutionFailedCause cause = null;
        WorkflowExecutionStartedEventAttributes attributes = null;
        if (type == null) {
            cause = StartChildWorkflowExecutionFailedCause.WORKFLOW_TYPE_DOES_NOT_EXIST;
        } else if (type.info().status() == RegistrationStatus.DEPRECATED) {
            cause = StartChildWorkflowExecutionFailedCause.WORKFLOW_TYPE_DEPRECATED;
        } else {
            WorkflowTypeConfiguration d = type.configuration();
            TaskList taskList = a.taskList() != null ? a.taskList() : d.defaultTaskList();
            String execution =
                    Durations.firstSet(a.executionStartToCloseTimeout(), d.defaultExecutionStartToCloseTimeout());
            String task = Durations.firstSet(a.taskStartToCloseTimeout(), d.defaultTaskStartToCloseTimeout());
            String policy = Durations.firstSet(a.childPolicyAsString(), d.defaultChildPolicyAsString());
            if (taskList == null) {
                cause = StartChildWorkflowExecutionFailedCause.DEFAULT_TASK_LIST_UNDEFINED;
            } else if (execution == null) {
                cause = StartChildWorkflowExecutionFailedCause.DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED;
            } else if (task == null) {
                cause = StartChildWorkflowExecutionFailedCause.DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED;
            } else if (policy == null) {
                cause = StartChildWorkflowExecutionFailedCause.DEFAULT_CHILD_POLICY_UNDEFINED;
            } else {
                attributes = WorkflowExecutionStartedEventAttributes.builder()
                        .workflowType(a.workflowType())
                        .input(a.input())
                        .taskList(taskList)
                        .taskPriority(Durations.firstSet(a.taskPriority(), d.defaultTaskPriority()))
                        .executionStartToCloseTimeout(execution)
                        .taskStartToCloseTimeout(task)
                        .childPolicy(policy)
                        .tagList(a.hasTagList() ? a.tagList() : null)
                        .lambdaRole(a.lambdaRole())
                        .parentWorkflowExecution(parent.id)
                        .parentInitiatedEventId(initiatedEventId)
                        .build();
            }
        }
        WorkflowExecution started = null;
        if (attributes != null) {
            started = startRun(parent, initiatedEventId, a.workflowId(), attributes);
            if (started == null) {
                cause = StartChildWorkflowExecutionFailedCause.WORKFLOW_ALREADY_RUNNING;
            }
        }
        record(parent, a, initiatedEventId, started, cause);
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
            if (!engine.starts.publish(child, null)) {
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
        Execution running = engine.openByWorkflowId.get(SwfEngine.workflowKey(parent.domain, workflowId));
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
            ChildState c = p.children.get(initiatedEventId);
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
