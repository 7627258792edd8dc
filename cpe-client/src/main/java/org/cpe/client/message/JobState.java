package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A job as {@code JOB_STATUS} describes it. {@code steps} is null when the server does not have the job's plan;
 * {@code result} is set for a completed job, {@code failure} for one that failed, was canceled, terminated or timed out.
 */
public record JobState(
        String jobId,
        TypeRef workflowType,
        String status,
        boolean cancelRequested,
        Instant startTime,
        Instant closeTime,
        Progress progress,
        List<StepState> steps,
        JsonNode result,
        Failure failure) {

    /** How far the job is: ended steps count whole, running ones by their last reported percentage. */
    public record Progress(int percent, int stepsEnded, int steps) {}

    /** Why a job did not complete; {@code step} names the failed step when one did. */
    public record Failure(String reason, String details, String step) {}

    /** Whether the job still runs. */
    public boolean open() {
        return "OPEN".equals(status);
    }

    static JobState of(JsonNode job) {
        JsonNode progress = job.path("progress");
        JsonNode failure = Fields.node(job, "failure");
        JsonNode steps = Fields.node(job, "steps");
        return new JobState(
                Fields.text(job, "jobId"),
                TypeRef.of(job.get("workflowType"), null),
                Fields.text(job, "status"),
                Fields.flag(job, "cancelRequested"),
                Fields.instant(job, "startTime"),
                Fields.instant(job, "closeTime"),
                new Progress(
                        progress.path("percent").asInt(0),
                        progress.path("stepsEnded").asInt(0),
                        progress.path("steps").asInt(0)),
                steps == null ? null : StepState.list(steps),
                Fields.node(job, "result"),
                failure == null
                        ? null
                        : new Failure(
                                Fields.text(failure, "reason"),
                                Fields.text(failure, "details"),
                                Fields.text(failure, "step")));
    }
}
