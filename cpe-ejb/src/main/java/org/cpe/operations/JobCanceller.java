package org.cpe.operations;

import java.util.Optional;
import org.cpe.decider.logic.JobView;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.protocol.MessageType;
import org.cpe.protocol.Signals;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * {@code CANCEL_JOB} and {@code CANCEL_ACTIVITY}. A job cancel asks SWF to cancel the job's open workflow; the Decider
 * then cancels its running activities and the workflow, and the client hears {@code WORKFLOW_CANCELED}. SWF lets only
 * a decision cancel a single activity, so an activity cancel signals the workflow and the Decider cancels that step
 * (its activity or its retry timer); the job goes on without it, and the client hears {@code ACTIVITY_CANCELED}.
 */
public final class JobCanceller {

    private final SwfClient swf;
    private final JobLookup jobs;
    private final PlanLibrary plans;

    public JobCanceller(SwfClient swf, JobLookup jobs, PlanLibrary plans) {
        this.swf = swf;
        this.jobs = jobs;
        this.plans = plans;
    }

    public Outcome cancelJob(String client, Command command) {
        String workflowId = JobLookup.workflowId(client, command.jobId());
        Optional<WorkflowExecutionInfo> open = jobs.open(workflowId);
        if (open.isEmpty()) {
            return noOpenJob(command, "Client " + client + " has no open job " + command.jobId());
        }
        String runId = open.get().execution().runId();
        try {
            swf.requestCancelWorkflowExecution(
                    r -> r.domain(jobs.domain()).workflowId(workflowId).runId(runId));
        } catch (UnknownResourceException e) {
            // It closed between the look and the request: nothing left to cancel.
            return noOpenJob(command, "Job " + command.jobId() + " closed before it could be canceled");
        }
        return Outcome.answered(Replies.cancelRequested(command.jobId(), workflowId, runId, Outcome.now()));
    }

    public Outcome cancelActivity(String client, Command command) {
        String activityId = Queries.activityId(command);
        if (activityId == null) {
            return Outcome.rejected(
                    MessageType.COMMAND_REJECTED,
                    command,
                    "MISSING_FIELD",
                    "CANCEL_ACTIVITY needs data.activity.activityId (or data.activityId): the step to cancel");
        }
        String workflowId = JobLookup.workflowId(client, command.jobId());
        Optional<WorkflowExecutionInfo> open = jobs.open(workflowId);
        if (open.isEmpty()) {
            return noOpenJob(command, "Client " + client + " has no open job " + command.jobId());
        }
        WorkflowExecutionInfo info = open.get();
        var plan = plans.plan(info.workflowType().name(), info.workflowType().version());
        if (plan.isPresent()) {
            // With the plan, the client learns at once whether there is anything to cancel.
            JobView view = JobView.of(plan.get(), jobs.history(info.execution()));
            Optional<JobView.Step> step = view.steps().stream()
                    .filter(s -> s.name().equals(activityId))
                    .findFirst();
            if (step.isEmpty()) {
                return Queries.noSuchActivity(command, activityId, view);
            }
            JobView.Status status = step.get().status();
            if (status != JobView.Status.SCHEDULED
                    && status != JobView.Status.RUNNING
                    && status != JobView.Status.RETRYING) {
                return Outcome.refused(
                        command,
                        "ACTIVITY_NOT_RUNNING",
                        "Step '" + activityId + "' of job " + command.jobId() + " is " + status
                                + "; only a scheduled, running or retrying step can be canceled");
            }
        }
        String runId = info.execution().runId();
        try {
            swf.signalWorkflowExecution(r -> r.domain(jobs.domain())
                    .workflowId(workflowId)
                    .runId(runId)
                    .signalName(Signals.CANCEL_ACTIVITY)
                    .input(Signals.cancelActivityInput(activityId)));
        } catch (UnknownResourceException e) {
            return noOpenJob(command, "Job " + command.jobId() + " closed before its activity could be canceled");
        }
        return Outcome.answered(
                Replies.activityCancelRequested(command.jobId(), workflowId, runId, activityId, Outcome.now()));
    }

    private static Outcome noOpenJob(Command command, String message) {
        return Outcome.refused(command, "NO_OPEN_JOB", message);
    }
}
