package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a job as the status answers describe it. {@code status} is {@code PENDING}, {@code SCHEDULED},
 * {@code RUNNING}, {@code RETRYING}, {@code SUCCEEDED}, {@code FAILED}, {@code SKIPPED} or {@code CANCELED};
 * {@code progress} is a running step's latest report; {@code outputs} (activity list and status) and {@code input}
 * (activity status) are null where the answer does not carry them.
 */
public record StepState(
        String activityId,
        TypeRef activityType,
        String status,
        int attempts,
        Instant scheduledAt,
        Instant startedAt,
        Instant endedAt,
        String reason,
        String details,
        Report progress,
        JsonNode outputs,
        JsonNode input) {

    /** The latest report of a running step: its message type, percentage (when it has one), details and time. */
    public record Report(String type, Integer percent, JsonNode details, Instant at) {}

    static StepState of(JsonNode step) {
        JsonNode progress = Fields.node(step, "progress");
        return new StepState(
                Fields.text(step, "activityId"),
                TypeRef.of(step.get("activityType"), null),
                Fields.text(step, "status"),
                step.path("attempts").asInt(0),
                Fields.instant(step, "scheduledAt"),
                Fields.instant(step, "startedAt"),
                Fields.instant(step, "endedAt"),
                Fields.text(step, "reason"),
                Fields.text(step, "details"),
                progress == null
                        ? null
                        : new Report(
                                Fields.text(progress, "type"),
                                Fields.integer(progress, "percent"),
                                Fields.node(progress, "details"),
                                Fields.instant(progress, "at")),
                Fields.node(step, "outputs"),
                Fields.node(step, "input"));
    }

    static List<StepState> list(JsonNode steps) {
        List<StepState> list = new ArrayList<>();
        steps.forEach(step -> list.add(of(step)));
        return List.copyOf(list);
    }
}
