package org.cpe.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cpe.activitypoller.ProgressBoard;
import org.cpe.aws.SwfHistories;
import org.cpe.client.ClientDefinition;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.decider.logic.JobView;
import org.cpe.decider.plan.Plan;
import org.cpe.decider.plan.PlanCheck;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.decider.runtime.ServerPlans;
import org.cpe.protocol.CommandType;
import org.cpe.protocol.Envelope;
import org.cpe.protocol.MessageType;
import org.cpe.swf.json.SdkJson;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;

/**
 * What an operator does with jobs, for the REST API: search every client's jobs, read one in full (its steps through
 * the plan, the plan's graph, the history), start one for a client, cancel, terminate, signal, and retry a job whose
 * last run did not complete. The same readers as the InputPoller's commands, without the client's isolation.
 */
@ApplicationScoped
public class OperatorJobs {

    /** Why a request cannot be carried out; {@link Kind} says how it maps onto HTTP. */
    public static final class Refused extends RuntimeException {

        /** The bad request, the missing job, or the job in the wrong state. */
        public enum Kind {
            INVALID,
            NOT_FOUND,
            CONFLICT
        }

        public final Kind kind;
        public final String reason;

        Refused(Kind kind, String reason, String message) {
            super(message, null, false, false);
            this.kind = kind;
            this.reason = reason;
        }
    }

    @Inject
    SwfClient swf;

    @Inject
    CpeConfiguration configuration;

    @Inject
    ProgressBoard board;

    @Inject
    ServerPlans serverPlans;

    /**
     * One page of jobs. {@code filter} holds {@code GET_JOB_LIST}'s filters ({@code status}, {@code workflow},
     * {@code startedAfter}, {@code startedBefore}, {@code pageSize}, {@code nextPageToken}); {@code client} and
     * {@code jobId} narrow the search, each optional.
     */
    public ObjectNode search(String client, String jobId, ObjectNode filter) {
        JobListFilter parsed;
        try {
            parsed = JobListFilter.parse(filter);
        } catch (JobListFilter.InvalidFilter e) {
            throw new Refused(Refused.Kind.INVALID, e.reason, e.getMessage());
        }
        JobLister.Scope scope;
        if (client != null && jobId != null) {
            scope = JobLister.Scope.workflow(JobLookup.workflowId(client, jobId));
        } else if (client != null) {
            scope = JobLister.Scope.client(client);
        } else if (jobId != null) {
            scope = JobLister.Scope.job(jobId);
        } else {
            scope = JobLister.Scope.all();
        }
        return new JobLister(swf, domain()).search(scope, parsed);
    }

    /**
     * The dashboard's figures, counted by SWF over every client: {@code open} jobs, the jobs closed in the last
     * {@code windowMinutes} by close status ({@code closed}), and {@code throughput}: the jobs completed in the last
     * minute, five minutes and hour.
     */
    public ObjectNode summary(int windowMinutes) {
        return new JobCounts(swf, domain()).summary(windowMinutes, Instant.now());
    }

    /**
     * The client's job (its open run, else its latest): {@code job} as {@code JOB_STATUS} has it, {@code graph} the
     * plan's step graph (null when this server does not have the plan) and, when asked, {@code history}.
     */
    public ObjectNode detail(String client, String jobId, boolean withHistory) {
        JobLookup lookup = lookup();
        WorkflowExecutionInfo info =
                lookup.latest(JobLookup.workflowId(client, jobId)).orElseThrow(() -> noSuchJob(client, jobId));
        List<HistoryEvent> history = lookup.history(info.execution());
        Optional<Plan> plan =
                plans().plan(info.workflowType().name(), info.workflowType().version());
        JobView view = plan.map(p -> JobView.of(p, history)).orElse(null);
        ObjectNode detail = JobReport.JSON.createObjectNode();
        detail.put("client", client);
        detail.put("workflowId", info.execution().workflowId());
        detail.put("runId", info.execution().runId());
        detail.set(
                "job",
                JobReport.job(
                        jobId,
                        info,
                        history,
                        view,
                        id -> board.latest(
                                info.execution().workflowId(), info.execution().runId(), id)));
        detail.set(
                "graph",
                plan.map(p -> (JsonNode)
                                JobReport.JSON.valueToTree(PlanCheck.describe(p).graph()))
                        .orElse(JobReport.JSON.nullNode()));
        if (withHistory) {
            ArrayNode events = detail.putArray("history");
            history.forEach(event -> events.add(json(SdkJson.write(event))));
        }
        return detail;
    }

    /** Starts a job for {@code client}, as its {@code START_JOB} would: the answer is {@code WORKFLOW_SCHEDULED}. */
    public ObjectNode start(String client, String jobId, ObjectNode data) {
        requireClient(client);
        Command command = new Command(CommandType.START_JOB, jobId, data, null);
        JobLookup lookup = lookup();
        ObjectNode reply = (ObjectNode)
                json(new JobStarter(swf, lookup).start(client, command).reply());
        if (!MessageType.WORKFLOW_SCHEDULED.name().equals(Envelope.type(reply))) {
            throw new Refused(
                    Refused.Kind.INVALID,
                    reply.path("data").path("reason").asText(),
                    reply.path("data").path("message").asText());
        }
        return reply;
    }

    /** Asks SWF to cancel the job's open run; the Decider then cancels its activities and the workflow. */
    public ObjectNode cancel(String client, String jobId) {
        WorkflowExecutionInfo open = open(client, jobId);
        swf.requestCancelWorkflowExecution(r -> r.domain(domain())
                .workflowId(open.execution().workflowId())
                .runId(open.execution().runId()));
        return execution("cancelRequested", open);
    }

    /** Ends the job's open run at once, as SWF's terminate does: no decision, no cleanup of running activities. */
    public ObjectNode terminate(String client, String jobId, String reason, String details) {
        WorkflowExecutionInfo open = open(client, jobId);
        swf.terminateWorkflowExecution(r -> r.domain(domain())
                .workflowId(open.execution().workflowId())
                .runId(open.execution().runId())
                .reason(reason == null ? "TERMINATED_BY_OPERATOR" : reason)
                .details(details));
        return execution("terminated", open);
    }

    /** Signals the job's open run. */
    public ObjectNode signal(String client, String jobId, String name, String input) {
        if (name == null || name.isBlank()) {
            throw new Refused(Refused.Kind.INVALID, "MISSING_FIELD", "a signal needs a name");
        }
        WorkflowExecutionInfo open = open(client, jobId);
        swf.signalWorkflowExecution(r -> r.domain(domain())
                .workflowId(open.execution().workflowId())
                .runId(open.execution().runId())
                .signalName(name)
                .input(input));
        return execution("signaled", open);
    }

    /**
     * Runs a job again whose latest run failed, timed out, was canceled or terminated: a new run of the same workflowId
     * with the same type, input, tags and timeouts.
     */
    public ObjectNode retry(String client, String jobId) {
        String workflowId = JobLookup.workflowId(client, jobId);
        JobLookup lookup = lookup();
        if (lookup.open(workflowId).isPresent()) {
            throw new Refused(Refused.Kind.CONFLICT, "JOB_OPEN", "Job " + jobId + " of " + client + " still runs");
        }
        WorkflowExecutionInfo last = lookup.latestClosed(workflowId).orElseThrow(() -> noSuchJob(client, jobId));
        if (last.closeStatus() == CloseStatus.COMPLETED || last.closeStatus() == CloseStatus.CONTINUED_AS_NEW) {
            throw new Refused(
                    Refused.Kind.CONFLICT,
                    "JOB_COMPLETED",
                    "Job " + jobId + " of " + client + " completed; only a job that did not complete is retried");
        }
        WorkflowExecutionStartedEventAttributes started =
                SwfHistories.start(swf, domain(), workflowId, last.execution().runId());
        if (started == null) {
            throw new IllegalStateException("no start event in the history of " + workflowId);
        }
        String runId = swf.startWorkflowExecution(r -> r.domain(domain())
                        .workflowId(workflowId)
                        .workflowType(last.workflowType())
                        .taskList(started.taskList())
                        .input(started.input())
                        .tagList(last.tagList())
                        .executionStartToCloseTimeout(started.executionStartToCloseTimeout())
                        .taskStartToCloseTimeout(started.taskStartToCloseTimeout())
                        .childPolicy(started.childPolicy()))
                .runId();
        ObjectNode answer = JobReport.JSON.createObjectNode();
        answer.put("workflowId", workflowId);
        answer.put("runId", runId);
        answer.put("retryOf", last.execution().runId());
        return answer;
    }

    private WorkflowExecutionInfo open(String client, String jobId) {
        JobLookup lookup = lookup();
        String workflowId = JobLookup.workflowId(client, jobId);
        return lookup.open(workflowId)
                .orElseThrow(() -> lookup.latestClosed(workflowId).isPresent()
                        ? new Refused(
                                Refused.Kind.CONFLICT, "NO_OPEN_JOB", "Job " + jobId + " of " + client + " has ended")
                        : noSuchJob(client, jobId));
    }

    private static ObjectNode execution(String what, WorkflowExecutionInfo info) {
        ObjectNode answer = JobReport.JSON.createObjectNode();
        answer.put(what, true);
        answer.put("workflowId", info.execution().workflowId());
        answer.put("runId", info.execution().runId());
        return answer;
    }

    private void requireClient(String client) {
        CpeSettings settings = configuration.settings();
        if (settings.clients().clients().stream().map(ClientDefinition::name).noneMatch(n -> n.equals(client))) {
            throw new Refused(
                    Refused.Kind.NOT_FOUND,
                    "UNKNOWN_CLIENT",
                    "No client '" + client + "' in cpe.clients; its output queue would be unknown");
        }
    }

    private static Refused noSuchJob(String client, String jobId) {
        return new Refused(Refused.Kind.NOT_FOUND, "NO_SUCH_JOB", "Client " + client + " has no job " + jobId);
    }

    private JobLookup lookup() {
        return new JobLookup(swf, domain());
    }

    private String domain() {
        return configuration.settings().decider().domain();
    }

    private PlanLibrary plans() {
        return serverPlans.library();
    }

    private static JsonNode json(String text) {
        try {
            return JobReport.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
