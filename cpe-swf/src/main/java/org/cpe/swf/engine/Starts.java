package org.cpe.swf.engine;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.swf.model.*;

/** Starting runs: a client's StartWorkflowExecution, a ContinueAsNew decision and a child of a decision. */
final class Starts {

    private final SwfEngine engine;

    Starts(SwfEngine engine) {
        this.engine = engine;
    }

    StartWorkflowExecutionResponse start(StartWorkflowExecutionRequest r) {
        String domain = engine.registry.activeDomain(r.domain()).name();
        String workflowId = Check.name(r.workflowId(), "workflowId");
        Check.workflowType(r.workflowType(), "workflowType");
        Check.optionalTaskList(r.taskList(), "taskList");
        Check.data(r.input(), "input");
        Check.executionTimeout(r.executionStartToCloseTimeout(), "executionStartToCloseTimeout");
        Check.duration(r.taskStartToCloseTimeout(), "taskStartToCloseTimeout");
        Check.priority(r.taskPriority(), "taskPriority");
        childPolicy(r.childPolicyAsString(), "childPolicy");
        TypeRegistry.Entry<WorkflowTypeInfo, WorkflowTypeConfiguration> type =
                engine.registry.workflowTypeRecord(domain, r.workflowType());
        if (type.info().status() == RegistrationStatus.DEPRECATED) {
            throw SwfFaults.typeDeprecated("WorkflowType is deprecated: ["
                    + r.workflowType().name() + ", " + r.workflowType().version() + "]");
        }
        WorkflowTypeConfiguration d = type.configuration();
        WorkflowExecutionStartedEventAttributes attributes = WorkflowExecutionStartedEventAttributes.builder()
                .workflowType(r.workflowType())
                .input(r.input())
                .taskList(orDefault(r.taskList(), d.defaultTaskList(), "taskList"))
                .taskPriority(Durations.firstSet(r.taskPriority(), d.defaultTaskPriority()))
                .executionStartToCloseTimeout(orDefault(
                        r.executionStartToCloseTimeout(),
                        d.defaultExecutionStartToCloseTimeout(),
                        "executionStartToCloseTimeout"))
                .taskStartToCloseTimeout(orDefault(
                        r.taskStartToCloseTimeout(), d.defaultTaskStartToCloseTimeout(), "taskStartToCloseTimeout"))
                .childPolicy(orDefault(r.childPolicyAsString(), d.defaultChildPolicyAsString(), "childPolicy"))
                .tagList(Check.tags(r.tagList()))
                .lambdaRole(r.lambdaRole())
                .build();
        Work work = new Work();
        Execution ex = newExecution(domain, workflowId, attributes);
        CompletableFuture<Void> durable;
        synchronized (ex) {
            if (!engine.executions.publish(ex, null)) {
                throw SwfFaults.alreadyStarted("Workflow execution already started: workflowId=" + workflowId);
            }
            begin(ex);
            durable = engine.save(ex, work);
        }
        SwfEngine.awaitDurable(durable);
        work.run();
        return StartWorkflowExecutionResponse.builder().runId(ex.runId()).build();
    }

    Execution newExecution(String domain, String workflowId, WorkflowExecutionStartedEventAttributes attributes) {
        String runId = RunIds.next();
        WorkflowExecution id =
                WorkflowExecution.builder().workflowId(workflowId).runId(runId).build();
        return new Execution(domain, id, attributes, SwfEngine.now());
    }

    /** Records the start and the first decision task, and arms the run's timeout; call under its lock. */
    void begin(Execution ex) {
        ex.record(
                EventType.WORKFLOW_EXECUTION_STARTED,
                ex.startedAt,
                b -> b.workflowExecutionStartedEventAttributes(ex.start));
        ex.pendingStart = true;
        engine.needDecision(ex);
        engine.deadlines.armWorkflow(ex);
    }

    private static <T> T orDefault(T value, T fallback, String member) {
        T chosen = value != null ? value : fallback;
        if (chosen == null) {
            throw SwfFaults.defaultUndefined("No default value specified for " + member
                    + ": set it in the request or register the workflow type with a default");
        }
        return chosen;
    }

    static void childPolicy(String value, String member) {
        if (value != null && ChildPolicy.fromValue(value) == ChildPolicy.UNKNOWN_TO_SDK_VERSION) {
            throw Check.fail(member, "Member must satisfy enum value set: [TERMINATE, REQUEST_CANCEL, ABANDON]");
        }
    }
}
