package org.cpe.swf.client;

import org.cpe.swf.engine.Operations;
import org.cpe.swf.engine.SwfEngine;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.SwfServiceClientConfiguration;
import software.amazon.awssdk.services.swf.model.*;

/**
 * The SDK's {@link SwfClient} answered by the engine in this JVM, with no HTTP in between: roles in the same server
 * use it exactly as they would use AWS. Faults arrive as the same SDK exceptions. Closing it leaves the engine running.
 */
public final class EmbeddedSwfClient implements SwfClient {

    private final Operations ops;

    public EmbeddedSwfClient(SwfEngine engine) {
        this.ops = engine.operations();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public SwfServiceClientConfiguration serviceClientConfiguration() {
        return SwfServiceClientConfiguration.builder().build();
    }

    @Override
    public void close() {
        // the engine belongs to whoever started it
    }

    @Override
    public RegisterDomainResponse registerDomain(RegisterDomainRequest r) {
        return ops.registerDomain(r);
    }

    @Override
    public DescribeDomainResponse describeDomain(DescribeDomainRequest r) {
        return ops.describeDomain(r);
    }

    @Override
    public ListDomainsResponse listDomains(ListDomainsRequest r) {
        return ops.listDomains(r);
    }

    @Override
    public DeprecateDomainResponse deprecateDomain(DeprecateDomainRequest r) {
        return ops.deprecateDomain(r);
    }

    @Override
    public UndeprecateDomainResponse undeprecateDomain(UndeprecateDomainRequest r) {
        return ops.undeprecateDomain(r);
    }

    @Override
    public RegisterWorkflowTypeResponse registerWorkflowType(RegisterWorkflowTypeRequest r) {
        return ops.registerWorkflowType(r);
    }

    @Override
    public DescribeWorkflowTypeResponse describeWorkflowType(DescribeWorkflowTypeRequest r) {
        return ops.describeWorkflowType(r);
    }

    @Override
    public ListWorkflowTypesResponse listWorkflowTypes(ListWorkflowTypesRequest r) {
        return ops.listWorkflowTypes(r);
    }

    @Override
    public DeprecateWorkflowTypeResponse deprecateWorkflowType(DeprecateWorkflowTypeRequest r) {
        return ops.deprecateWorkflowType(r);
    }

    @Override
    public UndeprecateWorkflowTypeResponse undeprecateWorkflowType(UndeprecateWorkflowTypeRequest r) {
        return ops.undeprecateWorkflowType(r);
    }

    @Override
    public RegisterActivityTypeResponse registerActivityType(RegisterActivityTypeRequest r) {
        return ops.registerActivityType(r);
    }

    @Override
    public DescribeActivityTypeResponse describeActivityType(DescribeActivityTypeRequest r) {
        return ops.describeActivityType(r);
    }

    @Override
    public ListActivityTypesResponse listActivityTypes(ListActivityTypesRequest r) {
        return ops.listActivityTypes(r);
    }

    @Override
    public DeprecateActivityTypeResponse deprecateActivityType(DeprecateActivityTypeRequest r) {
        return ops.deprecateActivityType(r);
    }

    @Override
    public UndeprecateActivityTypeResponse undeprecateActivityType(UndeprecateActivityTypeRequest r) {
        return ops.undeprecateActivityType(r);
    }

    @Override
    public StartWorkflowExecutionResponse startWorkflowExecution(StartWorkflowExecutionRequest r) {
        return ops.startWorkflowExecution(r);
    }

    @Override
    public SignalWorkflowExecutionResponse signalWorkflowExecution(SignalWorkflowExecutionRequest r) {
        return ops.signalWorkflowExecution(r);
    }

    @Override
    public RequestCancelWorkflowExecutionResponse requestCancelWorkflowExecution(
            RequestCancelWorkflowExecutionRequest r) {
        return ops.requestCancelWorkflowExecution(r);
    }

    @Override
    public TerminateWorkflowExecutionResponse terminateWorkflowExecution(TerminateWorkflowExecutionRequest r) {
        return ops.terminateWorkflowExecution(r);
    }

    @Override
    public DescribeWorkflowExecutionResponse describeWorkflowExecution(DescribeWorkflowExecutionRequest r) {
        return ops.describeWorkflowExecution(r);
    }

    @Override
    public GetWorkflowExecutionHistoryResponse getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest r) {
        return ops.getWorkflowExecutionHistory(r);
    }

    @Override
    public ListOpenWorkflowExecutionsResponse listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest r) {
        return ops.listOpenWorkflowExecutions(r);
    }

    @Override
    public ListClosedWorkflowExecutionsResponse listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest r) {
        return ops.listClosedWorkflowExecutions(r);
    }

    @Override
    public CountOpenWorkflowExecutionsResponse countOpenWorkflowExecutions(CountOpenWorkflowExecutionsRequest r) {
        return ops.countOpenWorkflowExecutions(r);
    }

    @Override
    public CountClosedWorkflowExecutionsResponse countClosedWorkflowExecutions(CountClosedWorkflowExecutionsRequest r) {
        return ops.countClosedWorkflowExecutions(r);
    }

    @Override
    public PollForDecisionTaskResponse pollForDecisionTask(PollForDecisionTaskRequest r) {
        return ops.pollForDecisionTask(r);
    }

    @Override
    public RespondDecisionTaskCompletedResponse respondDecisionTaskCompleted(RespondDecisionTaskCompletedRequest r) {
        return ops.respondDecisionTaskCompleted(r);
    }

    @Override
    public PollForActivityTaskResponse pollForActivityTask(PollForActivityTaskRequest r) {
        return ops.pollForActivityTask(r);
    }

    @Override
    public RecordActivityTaskHeartbeatResponse recordActivityTaskHeartbeat(RecordActivityTaskHeartbeatRequest r) {
        return ops.recordActivityTaskHeartbeat(r);
    }

    @Override
    public RespondActivityTaskCompletedResponse respondActivityTaskCompleted(RespondActivityTaskCompletedRequest r) {
        return ops.respondActivityTaskCompleted(r);
    }

    @Override
    public RespondActivityTaskFailedResponse respondActivityTaskFailed(RespondActivityTaskFailedRequest r) {
        return ops.respondActivityTaskFailed(r);
    }

    @Override
    public RespondActivityTaskCanceledResponse respondActivityTaskCanceled(RespondActivityTaskCanceledRequest r) {
        return ops.respondActivityTaskCanceled(r);
    }

    @Override
    public CountPendingDecisionTasksResponse countPendingDecisionTasks(CountPendingDecisionTasksRequest r) {
        return ops.countPendingDecisionTasks(r);
    }

    @Override
    public CountPendingActivityTasksResponse countPendingActivityTasks(CountPendingActivityTasksRequest r) {
        return ops.countPendingActivityTasks(r);
    }
}
