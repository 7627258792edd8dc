package org.cpe.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.cpe.activitypoller.ProgressBoard;
import org.cpe.decider.logic.JobView;
import org.cpe.decider.logic.Reasons;
import org.cpe.protocol.MessageType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * A job as its client sees it, rendered from SWF's view of the workflow, its history, the plan's view of its steps
 * and the running activities' latest reports. Times are epoch seconds, as the messages' {@code time}. Pure.
 */
final class JobReport {

    static final ObjectMapper JSON = new ObjectMapper();

    /** How much of each step: a summary for the job, everything but inputs for a list, everything for one. */
    enum Detail {
        SUMMARY(1_000),
        LIST(4_000),
        FULL(Integer.MAX_VALUE);

        final int maxDetails;

        Detail(int maxDetails) {
            this.maxDetails = maxDetails;
        }
    }

    private JobReport() {}

    /** The job: its type, status, times, progress, the steps (when the plan is known), result or failure. */
    static ObjectNode job(
            String jobId,
            WorkflowExecutionInfo info,
            List<HistoryEvent> history,
            JobView view,
            Function<String, Optional<ProgressBoard.Report>> reports) {
        ObjectNode job = JSON.createObjectNode();
        job.put("jobId", jobId);
        job.putObject("workflowType")
                .put("name", info.workflowType().name())
                .put("version", info.workflowType().version());
        String status = status(info);
        job.put("status", status);
        job.put("cancelRequested", Boolean.TRUE.equals(info.cancelRequested()));
        time(job, "startTime", info.startTimestamp());
        time(job, "closeTime", info.closeTimestamp());
        ObjectNode progress = job.putObject("progress");
        if (view != null) {
            progress.put("percent", "COMPLETED".equals(status) ? 100 : percent(view, reports));
            progress.put("stepsEnded", view.endedSteps());
            progress.put("steps", view.steps().size());
            var steps = job.putArray("steps");
            view.steps().forEach(s -> steps.add(step(s, reports.apply(s.name()), Detail.SUMMARY)));
        } else {
            progress.put("percent", "COMPLETED".equals(status) ? 100 : 0);
            job.putNull("steps");
            job.put(
                    "stepsUnknown",
                    "Plan " + info.workflowType().name() + " "
                            + info.workflowType().version() + " is not loaded on this server");
        }
        closing(history).ifPresent(end -> outcome(job, end));
        return job;
    }

    /** One step; {@code report} is its latest report while it runs on this server. */
    static ObjectNode step(JobView.Step step, Optional<ProgressBoard.Report> report, Detail detail) {
        ObjectNode node = JSON.createObjectNode();
        node.put("activityId", step.name());
        node.putObject("activityType").put("name", step.activityName()).put("version", step.activityVersion());
        node.put("status", step.status().name());
        node.put("attempts", step.attempts());
        if (step.cancelRequested()) {
            node.put("cancelRequested", true);
        }
        time(node, "scheduledAt", step.scheduledAt());
        time(node, "startedAt", step.startedAt());
        time(node, "endedAt", step.endedAt());
        if (step.reason() != null) {
            node.put("reason", step.reason());
            node.put("details", cut(step.details(), detail.maxDetails));
        }
        if (!step.ended()) {
            progress(step, report).ifPresent(p -> node.set("progress", p));
        }
        if (detail != Detail.SUMMARY && step.outputs() != null) {
            node.set("outputs", step.outputs());
        }
        return node;
    }

    /** The input of the step's latest attempt, from its ActivityTaskScheduled event. */
    static JsonNode lastInput(List<HistoryEvent> history, String activityId) {
        for (int i = history.size() - 1; i >= 0; i--) {
            var scheduled = history.get(i).activityTaskScheduledEventAttributes();
            if (scheduled != null && activityId.equals(scheduled.activityId())) {
                return parse(scheduled.input());
            }
        }
        return JSON.nullNode();
    }

    static String status(WorkflowExecutionInfo info) {
        return info.closeStatus() == null ? "OPEN" : info.closeStatusAsString();
    }

    /**
     * A running step's latest progress: the report of a worker on this server (fresher), else the one its worker
     * signaled to the workflow ({@code CPE_PROGRESS}, at coarse steps, from any server).
     */
    private static Optional<ObjectNode> progress(JobView.Step step, Optional<ProgressBoard.Report> report) {
        JsonNode details;
        Instant at;
        MessageType type;
        if (report.isPresent()) {
            details = report.get().details();
            at = report.get().at();
            type = report.get().type();
        } else if (step.progress() != null) {
            details = step.progress();
            at = step.progressAt();
            type = MessageType.ACTIVITY_PROGRESS;
        } else {
            return Optional.empty();
        }
        ObjectNode progress = JSON.createObjectNode();
        progress.put("type", type.name());
        percentOf(details).ifPresent(p -> progress.put("percent", p));
        progress.set("details", details);
        time(progress, "at", at);
        return Optional.of(progress);
    }

    /** Ended steps count whole, running ones by their reported percentage. */
    private static int percent(JobView view, Function<String, Optional<ProgressBoard.Report>> reports) {
        if (view.steps().isEmpty()) {
            return 0;
        }
        double done = 0;
        for (JobView.Step step : view.steps()) {
            if (step.ended()) {
                done += 1;
            } else if (step.status() == JobView.Status.RUNNING) {
                done += progress(step, reports.apply(step.name()))
                                .map(p -> p.path("percent").asInt(0))
                                .orElse(0)
                        / 100.0;
            }
        }
        return (int) Math.floor(100 * done / view.steps().size());
    }

    /** {@code progress} of a report's details: the SPI's {@code progress(int)} and the original's transcoder. */
    private static Optional<Integer> percentOf(JsonNode details) {
        if (details != null && details.path("progress").isNumber()) {
            return Optional.of(
                    Math.max(0, Math.min(100, details.path("progress").asInt())));
        }
        return Optional.empty();
    }

    private static Optional<HistoryEvent> closing(List<HistoryEvent> history) {
        if (history.isEmpty()) {
            return Optional.empty();
        }
        HistoryEvent last = history.get(history.size() - 1);
        return switch (last.eventType()) {
            case WORKFLOW_EXECUTION_COMPLETED,
                    WORKFLOW_EXECUTION_FAILED,
                    WORKFLOW_EXECUTION_CANCELED,
                    WORKFLOW_EXECUTION_TERMINATED,
                    WORKFLOW_EXECUTION_TIMED_OUT,
                    WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> Optional.of(last);
            default -> Optional.empty();
        };
    }

    private static void outcome(ObjectNode job, HistoryEvent end) {
        switch (end.eventType()) {
            case WORKFLOW_EXECUTION_COMPLETED -> job.set(
                    "result",
                    parse(end.workflowExecutionCompletedEventAttributes().result()));
            case WORKFLOW_EXECUTION_FAILED -> {
                var a = end.workflowExecutionFailedEventAttributes();
                ObjectNode failure = job.putObject("failure");
                failure.put("reason", a.reason());
                JsonNode details = parse(a.details());
                // The Decider's details are {step, reason, details}: shown as they are.
                failure.set("details", details.isObject() && details.has("details") ? details.get("details") : details);
                if (details.path("step").isTextual()) {
                    failure.put("step", details.path("step").asText());
                }
            }
            case WORKFLOW_EXECUTION_CANCELED -> job.putObject("failure")
                    .put("reason", "CANCELED")
                    .put(
                            "details",
                            end.workflowExecutionCanceledEventAttributes().details());
            case WORKFLOW_EXECUTION_TERMINATED -> {
                var a = end.workflowExecutionTerminatedEventAttributes();
                job.putObject("failure")
                        .put("reason", a.reason() == null ? "TERMINATED" : a.reason())
                        .put("details", a.details())
                        .put("cause", a.causeAsString());
            }
            case WORKFLOW_EXECUTION_TIMED_OUT -> job.putObject("failure")
                    .put("reason", Reasons.WORKFLOW_TIMED_OUT)
                    .put("details", "The workflow ran past its executionStartToCloseTimeout");
            default -> job.put(
                    "continuedAsNewRunId",
                    end.workflowExecutionContinuedAsNewEventAttributes().newExecutionRunId());
        }
    }

    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    static void time(ObjectNode node, String field, Instant time) {
        if (time != null) {
            node.put(field, BigDecimal.valueOf(time.toEpochMilli(), 3));
        }
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "…[cut " + (text.length() - max) + " characters]";
    }
}
