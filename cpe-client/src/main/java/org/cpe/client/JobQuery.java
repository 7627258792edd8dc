package org.cpe.client;

import java.time.Instant;

/**
 * The filters of a job listing ({@code GET_JOB_LIST}); every one is optional. {@code status} is {@code OPEN},
 * {@code CLOSED} or a close status ({@code COMPLETED}, {@code FAILED}, {@code CANCELED}, {@code TERMINATED},
 * {@code TIMED_OUT}); {@code pageSize} is 1 to 100 (CPE's default 20); {@code nextPageToken} comes from the previous
 * page.
 */
public record JobQuery(
        String status,
        String workflowName,
        String workflowVersion,
        Instant startedAfter,
        Instant startedBefore,
        Integer pageSize,
        String nextPageToken) {

    /** Every job of the client, the first page. */
    public static JobQuery all() {
        return new JobQuery(null, null, null, null, null, null, null);
    }

    public JobQuery withStatus(String value) {
        return new JobQuery(value, workflowName, workflowVersion, startedAfter, startedBefore, pageSize, nextPageToken);
    }

    public JobQuery withWorkflow(String name, String version) {
        return new JobQuery(status, name, version, startedAfter, startedBefore, pageSize, nextPageToken);
    }

    public JobQuery withStartedAfter(Instant value) {
        return new JobQuery(status, workflowName, workflowVersion, value, startedBefore, pageSize, nextPageToken);
    }

    public JobQuery withStartedBefore(Instant value) {
        return new JobQuery(status, workflowName, workflowVersion, startedAfter, value, pageSize, nextPageToken);
    }

    public JobQuery withPageSize(Integer value) {
        return new JobQuery(status, workflowName, workflowVersion, startedAfter, startedBefore, value, nextPageToken);
    }

    /** The page after the one that returned {@code token}. */
    public JobQuery withNextPageToken(String token) {
        return new JobQuery(status, workflowName, workflowVersion, startedAfter, startedBefore, pageSize, token);
    }
}
