package org.cpe.activitypoller;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cpe.protocol.MessageType;

/**
 * The latest report of each activity this server runs ({@code ACTIVITY_STARTED}, {@code _PREPARING},
 * {@code _PROGRESS}, {@code _FINISHING}), for status queries: SWF keeps no heartbeat details a caller can read, so
 * the workers' reports are the only source of progress. An entry lives from the task's start to its answer; thread-safe.
 * It holds what runs on this server only; activities on other servers are seen through the coarser progress their
 * workers signal to the workflow.
 */
@ApplicationScoped
public class ProgressBoard {

    /** A report: the message type, its details (the activity's {@code result} member, or null) and when. */
    public record Report(MessageType type, JsonNode details, Instant at) {}

    private final Map<Key, Report> reports = new ConcurrentHashMap<>();

    private record Key(String workflowId, String runId, String activityId) {}

    public Optional<Report> latest(String workflowId, String runId, String activityId) {
        return Optional.ofNullable(reports.get(new Key(workflowId, runId, activityId)));
    }

    /** How many activities have a report now. */
    public int size() {
        return reports.size();
    }

    void report(String workflowId, String runId, String activityId, Report report) {
        reports.put(new Key(workflowId, runId, activityId), report);
    }

    void ended(String workflowId, String runId, String activityId) {
        reports.remove(new Key(workflowId, runId, activityId));
    }
}
