package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One job of a {@code JOB_LIST} page. {@code status} is {@code OPEN} or the close status. */
public record JobSummary(
        String jobId,
        String workflowId,
        String runId,
        TypeRef workflowType,
        String status,
        boolean cancelRequested,
        Instant startTime,
        Instant closeTime) {

    static List<JobSummary> list(JsonNode jobs) {
        List<JobSummary> list = new ArrayList<>();
        jobs.forEach(job -> list.add(new JobSummary(
                Fields.text(job, "jobId"),
                Fields.text(job, "workflowId"),
                Fields.text(job, "runId"),
                TypeRef.of(job.get("workflowType"), null),
                Fields.text(job, "status"),
                Fields.flag(job, "cancelRequested"),
                Fields.instant(job, "startTime"),
                Fields.instant(job, "closeTime"))));
        return List.copyOf(list);
    }
}
