package org.cpe.swf.engine;

import software.amazon.awssdk.services.swf.model.*;

/** The engine's SWF operations, request and response in the SDK's own model, one method per operation. */
public final class Operations {

    private final SwfEngine engine;

    Operations(SwfEngine engine) {
        this.engine = engine;
    }

    // --- domains and types -----------------------------------------------------------------------------------

    public RegisterDomainResponse registerDomain(RegisterDomainRequest r) {
        engine.registry.registerDomain(r);
        return RegisterDomainResponse.builder().build();
    }

    public DescribeDomainResponse describeDomain(DescribeDomainRequest r) {
        var d = engine.registry.domainRecord(r.name());
        return DescribeDomainResponse.builder()
                .domainInfo(d.info())
                .configuration(d.configuration())
                .build();
    }

    public ListDomainsResponse listDomains(ListDomainsRequest r) {
        return engine.registry.listDomains(r);
    }

    public DeprecateDomainResponse deprecateDomain(DeprecateDomainRequest r) {
        engine.registry.deprecateDomain(r.name(), true);
        return DeprecateDomainResponse.builder().build();
    }

    public UndeprecateDomainResponse undeprecateDomain(UndeprecateDomainRequest r) {
        engine.registry.deprecateDomain(r.name(), false);
        return UndeprecateDomainResponse.builder().build();
    }

    public RegisterWorkflowTypeResponse registerWorkflowType(RegisterWorkflowTypeRequest r) {
        engine.registry.registerWorkflowType(r);
        return RegisterWorkflowTypeResponse.builder().build();
    }

    public DescribeWorkflowTypeResponse describeWorkflowType(DescribeWorkflowTypeRequest r) {
        var t = engine.registry.workflowTypeRecord(r.domain(), r.workflowType());
        return DescribeWorkflowTypeResponse.builder()
                .typeInfo(t.info())
                .configuration(t.configuration())
                .build();
    }

    public ListWorkflowTypesResponse listWorkflowTypes(ListWorkflowTypesRequest r) {
        return engine.registry.listWorkflowTypes(r);
    }

    public DeprecateWorkflowTypeResponse deprecateWorkflowType(DeprecateWorkflowTypeRequest r) {
        engine.registry.deprecateWorkflowType(r.domain(), r.workflowType(), true);
        return DeprecateWorkflowTypeResponse.builder().build();
    }

    public UndeprecateWorkflowTypeResponse undeprecateWorkflowType(UndeprecateWorkflowTypeRequest r) {
        engine.registry.deprecateWorkflowType(r.domain(), r.workflowType(), false);
        return UndeprecateWorkflowTypeResponse.builder().build();
    }

    public RegisterActivityTypeResponse registerActivityType(RegisterActivityTypeRequest r) {
        engine.registry.registerActivityType(r);
        return RegisterActivityTypeResponse.builder().build();
    }

    public DescribeActivityTypeResponse describeActivityType(DescribeActivityTypeRequest r) {
        var t = engine.registry.activityTypeRecord(r.domain(), r.activityType());
        return DescribeActivityTypeResponse.builder()
                .typeInfo(t.info())
                .configuration(t.configuration())
                .build();
    }

    public ListActivityTypesResponse listActivityTypes(ListActivityTypesRequest r) {
        return engine.registry.listActivityTypes(r);
    }

    public DeprecateActivityTypeResponse deprecateActivityType(DeprecateActivityTypeRequest r) {
        engine.registry.deprecateActivityType(r.domain(), r.activityType(), true);
        return DeprecateActivityTypeResponse.builder().build();
    }

    public UndeprecateActivityTypeResponse undeprecateActivityType(UndeprecateActivityTypeRequest r) {
        engine.registry.deprecateActivityType(r.domain(), r.activityType(), false);
        return UndeprecateActivityTypeResponse.builder().build();
    }

    // --- executions ------------------------------------------------------------------------------------------

    public StartWorkflowExecutionResponse startWorkflowExecution(StartWorkflowExecutionRequest r) {
        return engine.starts.start(r);
    }

    public SignalWorkflowExecutionResponse signalWorkflowExecution(SignalWorkflowExecutionRequest r) {
        engine.outcomes.signal(r);
        return SignalWorkflowExecutionResponse.builder().build();
    }

    public RequestCancelWorkflowExecutionResponse requestCancelWorkflowExecution(
            RequestCancelWorkflowExecutionRequest r) {
        engine.outcomes.requestCancel(r);
        return RequestCancelWorkflowExecutionResponse.builder().build();
    }

    public TerminateWorkflowExecutionResponse terminateWorkflowExecution(TerminateWorkflowExecutionRequest r) {
        engine.outcomes.terminate(r);
        return TerminateWorkflowExecutionResponse.builder().build();
    }

    public DescribeWorkflowExecutionResponse describeWorkflowExecution(DescribeWorkflowExecutionRequest r) {
        return engine.visibility.describe(r);
    }

    public GetWorkflowExecutionHistoryResponse getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest r) {
        return engine.visibility.history(r);
    }

    public ListOpenWorkflowExecutionsResponse listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest r) {
        return engine.visibility.listOpen(r);
    }

    public ListClosedWorkflowExecutionsResponse listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest r) {
        return engine.visibility.listClosed(r);
    }

    public CountOpenWorkflowExecutionsResponse countOpenWorkflowExecutions(CountOpenWorkflowExecutionsRequest r) {
        return engine.visibility.countOpen(r);
    }

    public CountClosedWorkflowExecutionsResponse countClosedWorkflowExecutions(CountClosedWorkflowExecutionsRequest r) {
        return engine.visibility.countClosed(r);
    }

    // --- tasks -----------------------------------------------------------------------------------------------

    public PollForDecisionTaskResponse pollForDecisionTask(PollForDecisionTaskRequest r) {
        return engine.decisionTasks.poll(r);
    }

    public RespondDecisionTaskCompletedResponse respondDecisionTaskCompleted(RespondDecisionTaskCompletedRequest r) {
        engine.decisionTasks.respondCompleted(r);
        return RespondDecisionTaskCompletedResponse.builder().build();
    }

    public PollForActivityTaskResponse pollForActivityTask(PollForActivityTaskRequest r) {
        return engine.activityTasks.poll(r);
    }

    public RecordActivityTaskHeartbeatResponse recordActivityTaskHeartbeat(RecordActivityTaskHeartbeatRequest r) {
        return engine.activityTasks.heartbeat(r);
    }

    public RespondActivityTaskCompletedResponse respondActivityTaskCompleted(RespondActivityTaskCompletedRequest r) {
        engine.activityTasks.completed(r);
        return RespondActivityTaskCompletedResponse.builder().build();
    }

    public RespondActivityTaskFailedResponse respondActivityTaskFailed(RespondActivityTaskFailedRequest r) {
        engine.activityTasks.failed(r);
        return RespondActivityTaskFailedResponse.builder().build();
    }

    public RespondActivityTaskCanceledResponse respondActivityTaskCanceled(RespondActivityTaskCanceledRequest r) {
        engine.activityTasks.canceled(r);
        return RespondActivityTaskCanceledResponse.builder().build();
    }

    public CountPendingDecisionTasksResponse countPendingDecisionTasks(CountPendingDecisionTasksRequest r) {
        String domain = engine.registry.domainRecord(r.domain()).name();
        long count = engine.decisionTasks.pending(domain, Check.taskList(r.taskList(), "taskList"));
        return CountPendingDecisionTasksResponse.builder()
                .count((int) count)
                .truncated(false)
                .build();
    }

    public CountPendingActivityTasksResponse countPendingActivityTasks(CountPendingActivityTasksRequest r) {
        String domain = engine.registry.domainRecord(r.domain()).name();
        long count = engine.activityTasks.pending(domain, Check.taskList(r.taskList(), "taskList"));
        return CountPendingActivityTasksResponse.builder()
                .count((int) count)
                .truncated(false)
                .build();
    }
}
