package org.cpe.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.cpe.protocol.JobRoute;
import org.cpe.protocol.MessageType;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.TypeDeprecatedException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;

/**
 * {@code START_JOB}: starts the job's workflow once. The workflowId is {@code <client>.<jobId>} (a client name has no
 * dot), so a redelivered or repeated command finds the workflow it started, open or closed, and is answered with it
 * instead of starting a second one. SWF's own refusals become {@code JOB_START_FAILED} replies; an unreachable SWF
 * throws, so that the message stays in its queue and is tried again.
 */
public final class JobStarter {

    /** SWF's limit on a workflow input. */
    static final int MAX_INPUT = 32_768;

    private final SwfClient swf;
    private final String domain;
    private final JobLookup jobs;

    public JobStarter(SwfClient swf, JobLookup jobs) {
        this.swf = swf;
        this.domain = jobs.domain();
        this.jobs = jobs;
    }

    public Outcome start(String client, Command command) {
        String jobId = command.jobId();
        Instant now = Instant.now();
        if (jobId.length() > 200 || !jobId.matches("[^:/|\\p{Cntrl}]+") || jobId.contains("arn")) {
            return failed(
                    MessageType.COMMAND_REJECTED,
                    command,
                    "INVALID_JOB_ID",
                    "A jobId is 1-200 characters without ':', '/'," + " '|', control characters or 'arn'");
        }
        JsonNode workflow = command.data().path("workflow");
        String name = workflow.path("name").asText("");
        String version = workflow.path("version").asText("");
        if (name.isBlank() || version.isBlank()) {
            return failed(
                    MessageType.COMMAND_REJECTED,
                    command,
                    "MISSING_FIELD",
                    "START_JOB needs data.workflow.name and data.workflow.version (the plan's name and version)");
        }
        String workflowId = JobLookup.workflowId(client, jobId);
        // An open run shows itself as WorkflowExecutionAlreadyStarted; only a closed one needs a look first, which
        // saves a call per start (the InputPoller's throughput is its SWF calls).
        var earlier = jobs.latestClosed(workflowId);
        if (earlier.isPresent()) {
            return scheduled(command, workflowId, earlier.get().execution().runId(), name, version, true, now);
        }
        String input = command.data().toString();
        if (input.length() > MAX_INPUT) {
            return failed(
                    MessageType.JOB_START_FAILED,
                    command,
                    "INPUT_TOO_LARGE",
                    "The job's data is " + input.length() + " characters of JSON; SWF takes at most " + MAX_INPUT);
        }
        JsonNode timeout = workflow.get("executionStartToCloseTimeout");
        try {
            StartWorkflowExecutionResponse started = swf.startWorkflowExecution(r -> r.domain(domain)
                    .workflowId(workflowId)
                    .workflowType(t -> t.name(name).version(version))
                    .tagList(JobRoute.JOB_TAG + jobId, JobRoute.CLIENT_TAG + client)
                    .input(input)
                    .executionStartToCloseTimeout(timeout == null || timeout.isNull() ? null : timeout.asText()));
            return scheduled(command, workflowId, started.runId(), name, version, false, now);
        } catch (WorkflowExecutionAlreadyStartedException e) {
            // It runs: started earlier, or by another InputPoller between the look and the start.
            return jobs.latest(workflowId)
                    .map(info -> scheduled(command, workflowId, info.execution().runId(), name, version, true, now))
                    .orElseThrow(() -> e);
        } catch (UnknownResourceException e) {
            return failed(
                    MessageType.JOB_START_FAILED,
                    command,
                    "UNKNOWN_WORKFLOW_TYPE",
                    "No workflow type " + name + " " + version + " in domain " + domain + " ("
                            + e.awsErrorDetails().errorMessage() + ")");
        } catch (TypeDeprecatedException e) {
            return failed(
                    MessageType.JOB_START_FAILED,
                    command,
                    "WORKFLOW_TYPE_DEPRECATED",
                    "Workflow type " + name + " " + version + " is deprecated");
        } catch (SwfException e) {
            if (e.statusCode() >= 400 && e.statusCode() < 500 && e.statusCode() != 429 && !throttled(e)) {
                return failed(
                        MessageType.JOB_START_FAILED,
                        command,
                        "START_REJECTED",
                        "SWF refused the start: " + e.awsErrorDetails().errorMessage());
            }
            throw e;
        }
    }

    private static boolean throttled(SwfException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code != null && code.contains("Throttl");
    }

    private static Outcome scheduled(
            Command command, String workflowId, String runId, String name, String version, boolean again, Instant now) {
        return new Outcome(
                Replies.scheduled(command.jobId(), workflowId, runId, name, version, command.data(), again, now), null);
    }

    private static Outcome failed(MessageType type, Command command, String reason, String message) {
        return Outcome.rejected(type, command, reason, message);
    }
}
