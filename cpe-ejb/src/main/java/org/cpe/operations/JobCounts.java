package org.cpe.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.CloseStatus;

/** The dashboard's figures over every client's jobs, as SWF counts them: open, closed by status, and throughput. */
final class JobCounts {

    private static final List<CloseStatus> CLOSE_STATUSES = List.of(
            CloseStatus.COMPLETED,
            CloseStatus.FAILED,
            CloseStatus.CANCELED,
            CloseStatus.TERMINATED,
            CloseStatus.TIMED_OUT,
            CloseStatus.CONTINUED_AS_NEW);

    private final SwfClient swf;
    private final String domain;

    JobCounts(SwfClient swf, String domain) {
        this.swf = swf;
        this.domain = domain;
    }

    /** {@code open}, {@code closed} in the last {@code windowMinutes} by status, {@code throughput}, and {@code at}. */
    ObjectNode summary(int windowMinutes, Instant now) {
        ObjectNode data = JobReport.JSON.createObjectNode();
        data.put(
                "open",
                swf.countOpenWorkflowExecutions(r -> r.domain(domain).startTimeFilter(t -> t.oldestDate(Instant.EPOCH)))
                        .count());
        data.put("windowMinutes", windowMinutes);
        ObjectNode closed = data.putObject("closed");
        for (CloseStatus status : CLOSE_STATUSES) {
            closed.put(status.toString(), closedSince(now.minus(Duration.ofMinutes(windowMinutes)), status));
        }
        ObjectNode throughput = data.putObject("throughput");
        throughput.put("completedLastMinute", closedSince(now.minus(Duration.ofMinutes(1)), CloseStatus.COMPLETED));
        throughput.put("completedLast5Minutes", closedSince(now.minus(Duration.ofMinutes(5)), CloseStatus.COMPLETED));
        throughput.put("completedLastHour", closedSince(now.minus(Duration.ofHours(1)), CloseStatus.COMPLETED));
        data.put("at", now.toString());
        return data;
    }

    private int closedSince(Instant since, CloseStatus status) {
        return swf.countClosedWorkflowExecutions(r -> r.domain(domain)
                        .closeTimeFilter(t -> t.oldestDate(since))
                        .closeStatusFilter(f -> f.status(status)))
                .count();
    }
}
