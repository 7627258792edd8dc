package org.cpe.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.cpe.activitypoller.ProgressBoard;
import org.cpe.decider.logic.JobView;
import org.cpe.decider.plan.Plan;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.protocol.MessageType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * {@code GET_JOB_STATUS}, {@code GET_ACTIVITY_LIST} and {@code GET_ACTIVITY_STATUS}: the client's own job (its open
 * run, else its latest), read from SWF's history through the job's plan, with the progress its activities last
 * reported on this server. Asking about a job that does not exist, or is another client's, is refused with
 * {@code NO_SUCH_JOB}; the question was fine, so nothing goes to the dead-letter queue.
 */
public final class Queries {

    /** Under SQS's 256 KiB message limit, with room for the envelope. */
    static final int MAX_REPLY_BYTES = 250 * 1024;

    private final JobLookup jobs;
    private final PlanLibrary plans;
    private final ProgressBoard board;

    public Queries(JobLookup jobs, PlanLibrary plans, ProgressBoard board) {
        this.jobs = jobs;
        this.plans = plans;
        this.board = board;
    }

    /** What a query reads: the execution, its history and, when the plan is loaded here, its steps. */
    private record Job(WorkflowExecutionInfo info, List<HistoryEvent> history, JobView view) {

        Optional<ProgressBoard.Report> report(ProgressBoard board, String activityId) {
            return board.latest(info.execution().workflowId(), info.execution().runId(), activityId);
        }
    }

    public Outcome jobStatus(String client, Command command) {
        Optional<Job> job = find(client, command);
        if (job.isEmpty()) {
            return noSuchJob(client, command);
        }
        Job j = job.get();
        ObjectNode data = JobReport.JSON.createObjectNode();
        data.set("job", JobReport.job(command.jobId(), j.info(), j.history(), j.view(), id -> j.report(board, id)));
        return reply(MessageType.JOB_STATUS, command, j, data);
    }

    public Outcome activityList(String client, Command command) {
        Optional<Job> job = find(client, command);
        if (job.isEmpty()) {
            return noSuchJob(client, command);
        }
        Job j = job.get();
        if (j.view() == null) {
            return planUnknown(command, j);
        }
        ObjectNode data = JobReport.JSON.createObjectNode();
        data.put("status", JobReport.status(j.info()));
        ArrayNode activities = data.putArray("activities");
        j.view()
                .steps()
                .forEach(s -> activities.add(JobReport.step(s, j.report(board, s.name()), JobReport.Detail.LIST)));
        return reply(MessageType.ACTIVITY_LIST, command, j, data);
    }

    public Outcome activityStatus(String client, Command command) {
        String activityId = activityId(command);
        if (activityId == null) {
            return Outcome.rejected(
                    MessageType.COMMAND_REJECTED,
                    command,
                    "MISSING_FIELD",
                    "GET_ACTIVITY_STATUS needs data.activity.activityId (or data.activityId): the step's name");
        }
        Optional<Job> job = find(client, command);
        if (job.isEmpty()) {
            return noSuchJob(client, command);
        }
        Job j = job.get();
        if (j.view() == null) {
            return planUnknown(command, j);
        }
        Optional<JobView.Step> step = j.view().steps().stream()
                .filter(s -> s.name().equals(activityId))
                .findFirst();
        if (step.isEmpty()) {
            return noSuchActivity(command, activityId, j.view());
        }
        ObjectNode activity = JobReport.step(step.get(), j.report(board, activityId), JobReport.Detail.FULL);
        activity.set("input", JobReport.lastInput(j.history(), activityId));
        ObjectNode data = JobReport.JSON.createObjectNode();
        data.put("status", JobReport.status(j.info()));
        data.set("activity", activity);
        return reply(MessageType.ACTIVITY_STATUS, command, j, data);
    }

    /** The step a command names: {@code data.activity.activityId}, or {@code data.activityId}. */
    static String activityId(Command command) {
        JsonNode id = command.data().path("activity").path("activityId");
        if (!id.isTextual()) {
            id = command.data().path("activityId");
        }
        return id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
    }

    private Optional<Job> find(String client, Command command) {
        return jobs.latest(JobLookup.workflowId(client, command.jobId())).map(info -> {
            List<HistoryEvent> history = jobs.history(info.execution());
            Optional<Plan> plan =
                    plans.plan(info.workflowType().name(), info.workflowType().version());
            return new Job(info, history, plan.map(p -> JobView.of(p, history)).orElse(null));
        });
    }

    private static Outcome reply(MessageType type, Command command, Job job, ObjectNode data) {
        String reply = Replies.report(
                type,
                command.jobId(),
                job.info().execution().workflowId(),
                job.info().execution().runId(),
                data,
                Outcome.now());
        if (reply.getBytes(StandardCharsets.UTF_8).length > MAX_REPLY_BYTES) {
            return Outcome.refused(
                    command,
                    "REPLY_TOO_LARGE",
                    "The " + type + " reply is over SQS's 256 KiB message limit; ask GET_ACTIVITY_STATUS for one"
                            + " activity at a time");
        }
        return Outcome.answered(reply);
    }

    /** The refusal of a step the job's plan does not have, naming the ones it has. */
    static Outcome noSuchActivity(Command command, String activityId, JobView view) {
        return Outcome.refused(
                command,
                "NO_SUCH_ACTIVITY",
                "Job " + command.jobId() + " has no step '" + activityId + "'; its steps: "
                        + String.join(
                                ", ",
                                view.steps().stream().map(JobView.Step::name).toList()));
    }

    private static Outcome noSuchJob(String client, Command command) {
        return Outcome.refused(command, "NO_SUCH_JOB", "Client " + client + " has no job " + command.jobId());
    }

    private static Outcome planUnknown(Command command, Job job) {
        return Outcome.refused(
                command,
                "PLAN_UNKNOWN",
                "Plan " + job.info().workflowType().name() + " "
                        + job.info().workflowType().version()
                        + " is not loaded on this server, so its activities cannot be shown");
    }
}
