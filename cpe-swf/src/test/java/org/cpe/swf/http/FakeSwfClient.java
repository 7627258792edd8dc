package org.cpe.swf.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.cpe.swf.engine.SwfFaults;
import org.cpe.swf.json.SwfSamples;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.CountPendingDecisionTasksRequest;
import software.amazon.awssdk.services.swf.model.CountPendingDecisionTasksResponse;
import software.amazon.awssdk.services.swf.model.DescribeDomainRequest;
import software.amazon.awssdk.services.swf.model.DescribeDomainResponse;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RegisterDomainRequest;
import software.amazon.awssdk.services.swf.model.RegisterDomainResponse;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedResponse;

/**
 * A pure-logic SwfClient for the HTTP tests: a few operations with real SWF faults, the rest left to the interface's
 * defaults so that they count as unsupported.
 */
class FakeSwfClient implements SwfClient {

    /** The text of the bug {@code countPendingDecisionTasks} simulates; it must never reach a client. */
    static final String SECRET_BUG = "NullPointerException at SecretInternals.java:42";

    private final Set<String> domains = ConcurrentHashMap.newKeySet();
    final AtomicReference<RespondDecisionTaskCompletedRequest> lastCompletion = new AtomicReference<>();
    final AtomicInteger activityPollsWaiting = new AtomicInteger();
    private final CountDownLatch never = new CountDownLatch(1);

    @Override
    public RegisterDomainResponse registerDomain(RegisterDomainRequest request) {
        if (request.name() == null || request.name().isBlank()) {
            throw SwfFaults.validation(
                    "1 validation error detected: Value null at 'name' failed to satisfy constraint");
        }
        if (!domains.add(request.name())) {
            throw SwfFaults.domainAlreadyExists(request.name());
        }
        return RegisterDomainResponse.builder().build();
    }

    @Override
    public DescribeDomainResponse describeDomain(DescribeDomainRequest request) {
        if (!domains.contains(request.name())) {
            throw SwfFaults.unknownResource("Unknown domain: " + request.name());
        }
        return DescribeDomainResponse.builder()
                .domainInfo(d -> d.name(request.name()).status("REGISTERED"))
                .configuration(c -> c.workflowExecutionRetentionPeriodInDays("30"))
                .build();
    }

    @Override
    public PollForDecisionTaskResponse pollForDecisionTask(PollForDecisionTaskRequest request) {
        return SwfSamples.decisionTask();
    }

    /** A long poll that never finds a task: it waits until its thread is interrupted. */
    @Override
    public PollForActivityTaskResponse pollForActivityTask(PollForActivityTaskRequest request) {
        activityPollsWaiting.incrementAndGet();
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            activityPollsWaiting.decrementAndGet();
        }
        return PollForActivityTaskResponse.builder().taskToken("").build();
    }

    @Override
    public RespondDecisionTaskCompletedResponse respondDecisionTaskCompleted(
            RespondDecisionTaskCompletedRequest request) {
        lastCompletion.set(request);
        return RespondDecisionTaskCompletedResponse.builder().build();
    }

    /** Echoes the request's time filter as the start time of one open execution. */
    @Override
    public ListOpenWorkflowExecutionsResponse listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest request) {
        return ListOpenWorkflowExecutionsResponse.builder()
                .executionInfos(i -> i.execution(e -> e.workflowId("wf-1").runId("run-1"))
                        .startTimestamp(request.startTimeFilter().oldestDate())
                        .executionStatus("OPEN")
                        .tagList(
                                request.tagFilter() == null
                                        ? null
                                        : java.util.List.of(request.tagFilter().tag())))
                .build();
    }

    @Override
    public CountPendingDecisionTasksResponse countPendingDecisionTasks(CountPendingDecisionTasksRequest request) {
        throw new IllegalStateException(SECRET_BUG);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
