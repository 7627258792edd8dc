package org.cpe.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.cpe.protocol.JobRoute;
import org.cpe.protocol.MessageType;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * {@code GET_JOB_LIST}: the client's jobs, newest first, open ones before closed ones. SWF lets a listing filter by one
 * of tag, type or close status; the client's tag is the one that keeps clients apart, so type and close status are
 * filtered here. A page therefore may hold fewer jobs than {@code pageSize}: a client follows {@code nextPageToken}
 * until there is none.
 */
public final class JobLister {

    /** SWF pages read at most for one reply while they yield nothing, so that a reply never waits long. */
    private static final int MAX_EMPTY_PAGES = 10;

    private final SwfClient swf;
    private final String domain;

    private record Page(List<WorkflowExecutionInfo> infos, String token) {}

    public JobLister(SwfClient swf, String domain) {
        this.swf = swf;
        this.domain = domain;
    }

    /**
     * Which executions a listing reads from SWF: one client's (its tag), one job's across clients (the job's tag), one
     * workflowId, or all of the domain's.
     */
    record Scope(String tag, String workflowId) {

        static Scope client(String client) {
            return new Scope(JobRoute.CLIENT_TAG + client, null);
        }

        static Scope job(String jobId) {
            return new Scope(JobRoute.JOB_TAG + jobId, null);
        }

        static Scope workflow(String workflowId) {
            return new Scope(null, workflowId);
        }

        static Scope all() {
            return new Scope(null, null);
        }
    }

    public Outcome list(String client, Command command) {
        JobListFilter filter;
        try {
            filter = JobListFilter.parse(command.data());
        } catch (JobListFilter.InvalidFilter e) {
            return Outcome.rejected(MessageType.COMMAND_REJECTED, command, e.reason, e.getMessage());
        }
        return Outcome.answered(Replies.jobList(command.jobId(), search(Scope.client(client), filter), Outcome.now()));
    }

    /** One page of the executions in {@code scope} that pass {@code filter}: {@code {jobs, nextPageToken}}. */
    ObjectNode search(Scope scope, JobListFilter filter) {
        ObjectNode data = JobReport.JSON.createObjectNode();
        ArrayNode jobs = data.putArray("jobs");
        JobListFilter.Position at = filter.position() != null
                ? filter.position()
                : new JobListFilter.Position(filter.wantsOpen(), null, filter.pageSize());
        for (int pages = 0; ; pages++) {
            Page page = page(scope, filter, at);
            for (WorkflowExecutionInfo info : page.infos()) {
                if (matches(filter, info)) {
                    jobs.add(summary(info));
                }
            }
            String token = page.token();
            if (token != null && !token.isEmpty()) {
                at = new JobListFilter.Position(at.open(), token, at.size());
                if (jobs.isEmpty() && pages < MAX_EMPTY_PAGES) {
                    continue;
                }
            } else if (at.open() && filter.wantsClosed()) {
                // The open jobs are all listed: the closed ones follow, on this page if it is still empty.
                at = new JobListFilter.Position(false, null, filter.pageSize());
                if (jobs.isEmpty() && pages < MAX_EMPTY_PAGES) {
                    continue;
                }
            } else {
                at = null;
            }
            break;
        }
        data.put("nextPageToken", at == null ? null : at.encode());
        return data;
    }

    private Page page(Scope scope, JobListFilter filter, JobListFilter.Position at) {
        ExecutionTimeFilter started = ExecutionTimeFilter.builder()
                .oldestDate(filter.startedAfter() == null ? Instant.EPOCH : filter.startedAfter())
                .latestDate(filter.startedBefore())
                .build();
        if (at.open()) {
            var response = swf.listOpenWorkflowExecutions(r -> {
                r.domain(domain)
                        .startTimeFilter(started)
                        .maximumPageSize(at.size())
                        .nextPageToken(at.swfToken());
                if (scope.tag() != null) {
                    r.tagFilter(t -> t.tag(scope.tag()));
                } else if (scope.workflowId() != null) {
                    r.executionFilter(e -> e.workflowId(scope.workflowId()));
                }
            });
            return new Page(response.executionInfos(), response.nextPageToken());
        }
        var response = swf.listClosedWorkflowExecutions(r -> {
            r.domain(domain).startTimeFilter(started).maximumPageSize(at.size()).nextPageToken(at.swfToken());
            if (scope.tag() != null) {
                r.tagFilter(t -> t.tag(scope.tag()));
            } else if (scope.workflowId() != null) {
                r.executionFilter(e -> e.workflowId(scope.workflowId()));
            }
        });
        return new Page(response.executionInfos(), response.nextPageToken());
    }

    private static boolean matches(JobListFilter filter, WorkflowExecutionInfo info) {
        if (filter.typeName() != null
                && !filter.typeName().equals(info.workflowType().name())) {
            return false;
        }
        if (filter.typeVersion() != null
                && !filter.typeVersion().equals(info.workflowType().version())) {
            return false;
        }
        String status = filter.status();
        return status == null
                || status.equals("CLOSED") && info.closeStatus() != null
                || status.equals(JobReport.status(info));
    }

    private static ObjectNode summary(WorkflowExecutionInfo info) {
        ObjectNode job = JobReport.JSON.createObjectNode();
        List<String> tags = info.tagList();
        String jobId = tags.stream()
                .filter(t -> t.startsWith(JobRoute.JOB_TAG))
                .map(t -> t.substring(JobRoute.JOB_TAG.length()))
                .findFirst()
                .orElse(info.execution().workflowId());
        job.put("jobId", jobId);
        tags.stream()
                .filter(t -> t.startsWith(JobRoute.CLIENT_TAG))
                .findFirst()
                .ifPresent(t -> job.put("client", t.substring(JobRoute.CLIENT_TAG.length())));
        job.put("workflowId", info.execution().workflowId());
        job.put("runId", info.execution().runId());
        job.putObject("workflowType")
                .put("name", info.workflowType().name())
                .put("version", info.workflowType().version());
        job.put("status", JobReport.status(info));
        job.put("cancelRequested", Boolean.TRUE.equals(info.cancelRequested()));
        JobReport.time(job, "startTime", info.startTimestamp());
        JobReport.time(job, "closeTime", info.closeTimestamp());
        return job;
    }
}
