package org.cpe.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * Finds a client's job in SWF. The workflowId is {@code <client>.<jobId>} (a client name has no dot), built from the
 * sending client's own name: a client reaches only its own jobs, and another client's jobId is simply not found.
 */
public final class JobLookup {

    private final SwfClient swf;
    private final String domain;

    public JobLookup(SwfClient swf, String domain) {
        this.swf = swf;
        this.domain = domain;
    }

    static String workflowId(String client, String jobId) {
        return client + "." + jobId;
    }

    String domain() {
        return domain;
    }

    /** The open execution of the workflowId, if there is one. */
    Optional<WorkflowExecutionInfo> open(String workflowId) {
        return swf
                .listOpenWorkflowExecutions(r -> r.domain(domain)
                        .startTimeFilter(f -> f.oldestDate(Instant.EPOCH))
                        .executionFilter(f -> f.workflowId(workflowId))
                        .maximumPageSize(1))
                .executionInfos()
                .stream()
                .findFirst();
    }

    /** The open execution of the workflowId, else the latest closed one. */
    Optional<WorkflowExecutionInfo> latest(String workflowId) {
        Optional<WorkflowExecutionInfo> open = open(workflowId);
        return open.isPresent() ? open : latestClosed(workflowId);
    }

    /** The latest closed execution of the workflowId, if there is one. */
    Optional<WorkflowExecutionInfo> latestClosed(String workflowId) {
        return swf
                .listClosedWorkflowExecutions(r -> r.domain(domain)
                        .startTimeFilter(f -> f.oldestDate(Instant.EPOCH))
                        .executionFilter(f -> f.workflowId(workflowId))
                        // SWF lists newest first; reverseOrder would give the oldest run.
                        .maximumPageSize(1))
                .executionInfos()
                .stream()
                .findFirst();
    }

    /** The whole history, oldest event first (at most SWF's 25,000 events). */
    List<HistoryEvent> history(WorkflowExecution execution) {
        List<HistoryEvent> events = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            GetWorkflowExecutionHistoryResponse response = swf.getWorkflowExecutionHistory(r ->
                    r.domain(domain).execution(execution).maximumPageSize(1000).nextPageToken(page));
            events.addAll(response.events());
            token = response.nextPageToken();
        } while (token != null && !token.isEmpty());
        return events;
    }
}
