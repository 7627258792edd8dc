package org.cpe.swf.engine;

import software.amazon.awssdk.services.swf.model.*;

/** The ContinueAsNewWorkflowExecution decision: this run closes and a new run of the same workflow id starts. */
final class ContinueAsNew {

    private final SwfEngine engine;

    ContinueAsNew(SwfEngine engine) {
        this.engine = engine;
    }

    /** True when the decision failed. Call under the current run's lock. */
    boolean apply(
            Execution ex, ContinueAsNewWorkflowExecutionDecisionAttributes attributes, long completed, Work work) {
        ContinueAsNewWorkflowExecutionDecisionAttributes a = attributes != null
                ? attributes
                : ContinueAsNewWorkflowExecutionDecisionAttributes.builder().build();
        WorkflowType type = a.workflowTypeVersion() == null
                ? ex.type
                : ex.type.toBuilder().version(a.workflowTypeVersion()).build();
        TypeRegistry.Entry<WorkflowTypeInfo, WorkflowTypeConfiguration> registered =
                engine.registry.findWorkflowType(ex.domain, type);
        WorkflowTypeConfiguration d = registered == null ? null : registered.configuration();
        TaskList taskList = a.taskList() != null ? a.taskList() : d == null ? null : d.defaultTaskList();
        String execution = d == null
                ? null
                : Durations.firstSet(a.executionStartToCloseTimeout(), d.defaultExecutionStartToCloseTimeout());
        String task =
                d == null ? null : Durations.firstSet(a.taskStartToCloseTimeout(), d.defaultTaskStartToCloseTimeout());
        String policy = d == null ? null : Durations.firstSet(a.childPolicyAsString(), d.defaultChildPolicyAsString());
        ContinueAsNewWorkflowExecutionFailedCause cause = registered == null
                ? ContinueAsNewWorkflowExecutionFailedCause.WORKFLOW_TYPE_DOES_NOT_EXIST
                : registered.info().status() == RegistrationStatus.DEPRECATED
                        ? ContinueAsNewWorkflowExecutionFailedCause.WORKFLOW_TYPE_DEPRECATED
                        : taskList == null
                                ? ContinueAsNewWorkflowExecutionFailedCause.DEFAULT_TASK_LIST_UNDEFINED
                                : execution == null
                                        ? ContinueAsNewWorkflowExecutionFailedCause
                                                .DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED
                                        : task == null
                                                ? ContinueAsNewWorkflowExecutionFailedCause
                                                        .DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED
                                                : policy == null
                                                        ? ContinueAsNewWorkflowExecutionFailedCause
                                                                .DEFAULT_CHILD_POLICY_UNDEFINED
                                                        : null;
        if (cause != null) {
            ex.record(
                    EventType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED,
                    SwfEngine.now(),
                    b -> b.continueAsNewWorkflowExecutionFailedEventAttributes(
                            x -> x.cause(cause).decisionTaskCompletedEventId(completed)));
            return true;
        }
        WorkflowExecutionStartedEventAttributes start = WorkflowExecutionStartedEventAttributes.builder()
                .workflowType(type)
                .input(a.input())
                .taskList(taskList)
                .taskPriority(Durations.firstSet(a.taskPriority(), d.defaultTaskPriority()))
                .executionStartToCloseTimeout(execution)
                .taskStartToCloseTimeout(task)
                .childPolicy(policy)
                .tagList(a.hasTagList() ? a.tagList() : null)
                .lambdaRole(a.lambdaRole())
                .continuedExecutionRunId(ex.runId())
                .parentWorkflowExecution(ex.start.parentWorkflowExecution())
                .parentInitiatedEventId(ex.start.parentInitiatedEventId())
                .build();
        Execution next = engine.starts.newExecution(ex.domain, ex.id.workflowId(), start);
        ex.record(
                EventType.WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
                SwfEngine.now(),
                b -> b.workflowExecutionContinuedAsNewEventAttributes(x -> x.input(a.input())
                        .decisionTaskCompletedEventId(completed)
                        .newExecutionRunId(next.runId())
                        .executionStartToCloseTimeout(execution)
                        .taskList(taskList)
                        .taskPriority(start.taskPriority())
                        .taskStartToCloseTimeout(task)
                        .childPolicy(policy)
                        .tagList(start.hasTagList() ? start.tagList() : null)
                        .workflowType(type)
                        .lambdaRole(a.lambdaRole())));
        engine.outcomes.closed(ex, work, ex.start.childPolicyAsString());
        // The new run is published while the old one's lock is held, so no other start can take the workflow id
        // between the two runs; nobody else can hold the new run's lock yet, so taking it here cannot deadlock.
        synchronized (next) {
            engine.executions.publish(next, ex);
            engine.starts.begin(next);
            work.later(() -> {
                synchronized (next) {
                    SwfEngine.awaitDurable(engine.save(next, work));
                }
            });
        }
        return false;
    }
}
