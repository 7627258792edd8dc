package org.cpe.intake;

import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * {@code CANCEL_JOB}: asks SWF to cancel the job's open workflow; the Decider then cancels its running activities and
 * the workflow, and the client hears {@code WORKFLOW_CANCELED}. The workflowId is built from the sending client's own
 * name, so a client reaches only its own jobs; another client's jobId is simply not found.
 */
final class JobCanceller {

    private final SwfClient swf;
    private final String domain;

    JobCanceller(SwfClient swf, String domain) {
        this.swf = swf;
        this.domain = domain;
    }

    JobStarter.Outcome cancel(String client, Command command) {
        String workflowId = JobStarter.workflowId(client, command.jobId());
        Instant now = Instant.now();
        Optional<WorkflowExecutionInfo> open = JobStarter.open(swf, domain, workflowId);
        if (open.isEmpty()) {
            return noOpenJob(command, "Client " + client + " has no open job " + command.jobId(), now);
        }
        String runId = open.get().execution().runId();
        try {
            swf.requestCancelWorkflowExecution(
                    r -> r.domain(domain).workflowId(workflowId).runId(runId));
        } catch (UnknownResourceException e) {
            // It closed between the look and the request: nothing left to cancel.
            return noOpenJob(command, "Job " + command.jobId() + " closed before it could be canceled", now);
        }
        return new JobStarter.Outcome(Replies.cancelRequested(command.jobId(), workflowId, runId, now), null);
    }

    private static JobStarter.Outcome noOpenJob(Command command, String message, Instant now) {
        return new JobStarter.Outcome(
                Replies.rejected("COMMAND_REJECTED", command.jobId(), command.type(), "NO_OPEN_JOB", message, now),
                "NO_OPEN_JOB");
    }
}
