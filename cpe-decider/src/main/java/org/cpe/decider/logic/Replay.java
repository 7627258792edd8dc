package org.cpe.decider.logic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpe.decider.plan.ActivityDef;
import org.cpe.decider.plan.OutputPath;
import org.cpe.decider.plan.Plan;
import org.cpe.decider.plan.StepDef;
import org.cpe.decider.plan.StepEnd;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Rebuilds a workflow's state from its history, event by event, as the original did on every decision task. The
 * notices that events call for (an activity timed out) are collected for the events the decider has not seen yet.
 */
final class Replay {

    static final ObjectMapper JSON = new ObjectMapper();

    final Plan plan;
    final Map<String, StepState> steps = new LinkedHashMap<>();
    final List<Notice> notices = new ArrayList<>();
    private final Map<Long, StepState> byScheduledEvent = new HashMap<>();
    private final Map<String, StepState> byTimer = new HashMap<>();
    private final long previousStartedEventId;
    JsonNode input = NullNode.getInstance();
    String inputProblem;
    boolean cancelRequested;
    boolean started;

    Replay(Plan plan, long previousStartedEventId) {
        this.plan = plan;
        this.previousStartedEventId = previousStartedEventId;
        for (StepDef step : plan.steps()) {
            steps.put(step.name(), new StepState(step));
        }
    }

    void apply(HistoryEvent event) {
        switch (event.eventType()) {
            case WORKFLOW_EXECUTION_STARTED -> started(
                    event.workflowExecutionStartedEventAttributes().input());
            case WORKFLOW_EXECUTION_CANCEL_REQUESTED -> cancelRequested = true;
            case ACTIVITY_TASK_SCHEDULED -> {
                var a = event.activityTaskScheduledEventAttributes();
                StepState step = steps.get(a.activityId());
                if (step != null) {
                    step.phase = Phase.RUNNING;
                    step.attempts++;
                    step.cancelRequested = false;
                    step.timerId = null;
                    byScheduledEvent.put(event.eventId(), step);
                }
            }
            case SCHEDULE_ACTIVITY_TASK_FAILED -> {
                var a = event.scheduleActivityTaskFailedEventAttributes();
                StepState step = steps.get(a.activityId());
                if (step != null) {
                    fail(step, a.causeAsString(), "SWF refused to schedule the activity: " + a.causeAsString(), false);
                }
            }
            case ACTIVITY_TASK_COMPLETED -> {
                var a = event.activityTaskCompletedEventAttributes();
                StepState step = byScheduledEvent.get(a.scheduledEventId());
                if (step != null && step.phase == Phase.RUNNING) {
                    completed(step, a.result());
                }
            }
            case ACTIVITY_TASK_FAILED -> {
                var a = event.activityTaskFailedEventAttributes();
                StepState step = byScheduledEvent.get(a.scheduledEventId());
                if (step != null && step.phase == Phase.RUNNING) {
                    fail(step, a.reason() == null ? Reasons.ACTIVITY_FAILED : a.reason(), a.details(), true);
                }
            }
            case ACTIVITY_TASK_TIMED_OUT -> {
                var a = event.activityTaskTimedOutEventAttributes();
                StepState step = byScheduledEvent.get(a.scheduledEventId());
                if (step != null && step.phase == Phase.RUNNING) {
                    String type = a.timeoutTypeAsString();
                    if (isNew(event)) {
                        ObjectNode activity = activity(step);
                        activity.put("timeoutType", type);
                        activity.put("attempt", step.attempts);
                        if (a.details() != null) {
                            activity.put("details", a.details());
                        }
                        notices.add(new Notice("ACTIVITY_TIMEOUT", data(activity), false));
                    }
                    fail(step, type, "The activity timed out (" + type + ")", true);
                }
            }
            case ACTIVITY_TASK_CANCELED -> {
                var a = event.activityTaskCanceledEventAttributes();
                StepState step = byScheduledEvent.get(a.scheduledEventId());
                if (step != null && step.phase == Phase.RUNNING) {
                    step.end(StepEnd.CANCELED);
                    step.reason = Reasons.CANCELED;
                    step.details = a.details();
                }
            }
            case ACTIVITY_TASK_CANCEL_REQUESTED -> {
                StepState step = steps.get(
                        event.activityTaskCancelRequestedEventAttributes().activityId());
                if (step != null) {
                    step.cancelRequested = true;
                }
            }
            case TIMER_STARTED -> {
                String timerId = event.timerStartedEventAttributes().timerId();
                StepState step = steps.get(event.timerStartedEventAttributes().control());
                if (step != null) {
                    step.phase = Phase.WAITING;
                    step.timerId = timerId;
                    byTimer.put(timerId, step);
                }
            }
            case TIMER_FIRED -> {
                StepState step =
                        byTimer.remove(event.timerFiredEventAttributes().timerId());
                if (step != null && step.phase == Phase.WAITING) {
                    step.phase = Phase.READY;
                    step.timerId = null;
                }
            }
            case TIMER_CANCELED -> {
                StepState step =
                        byTimer.remove(event.timerCanceledEventAttributes().timerId());
                if (step != null && step.phase == Phase.WAITING) {
                    step.end(StepEnd.CANCELED);
                    step.reason = Reasons.CANCELED;
                }
            }
            case START_TIMER_FAILED -> {
                // Without the timer, retry at once rather than never.
                StepState step = steps.get(
                        stepOfTimer(event.startTimerFailedEventAttributes().timerId()));
                if (step != null && step.phase == Phase.RETRY_DUE) {
                    step.phase = Phase.READY;
                }
            }
            default -> {
                // Decision task events, markers, signals and the rest do not change a step.
            }
        }
    }

    private boolean isNew(HistoryEvent event) {
        return event.eventId() > previousStartedEventId;
    }

    private void started(String text) {
        started = true;
        if (text == null || text.isBlank()) {
            input = NullNode.getInstance();
        } else {
            try {
                input = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                inputProblem = "The workflow input is not JSON: " + e.getOriginalMessage();
                return;
            }
        }
        if (plan.inputSpec() != null) {
            plan.inputSpec()
                    .violations(input)
                    .ifPresent(v -> inputProblem = "The workflow input does not meet the plan's input_spec: " + v);
        }
    }

    private void completed(StepState step, String result) {
        JsonNode value;
        try {
            value = result == null || result.isBlank() ? NullNode.getInstance() : JSON.readTree(result);
        } catch (JsonProcessingException e) {
            fail(step, Reasons.RESULT_INVALID, "The activity's result is not JSON: " + e.getOriginalMessage(), false);
            return;
        }
        ObjectNode outputs = JSON.createObjectNode();
        for (Map.Entry<String, OutputPath> output :
                step.def.activity().outputs().entrySet()) {
            outputs.set(output.getKey(), output.getValue().apply(value));
        }
        step.outputs = outputs;
        step.end(StepEnd.SUCCEEDED);
    }

    /** A failed attempt: another one when the policy allows and the workflow is not being canceled, else the end. */
    private void fail(StepState step, String reason, String details, boolean retryable) {
        step.reason = reason;
        step.details = details;
        if (retryable && !cancelRequested && step.def.retry().retries(step.attempts, reason)) {
            step.phase = Phase.RETRY_DUE;
        } else {
            step.end(StepEnd.FAILED);
        }
    }

    /** Timer ids are {@code retry<attempt>-<step>}. */
    static String timerId(StepState step) {
        String id = "retry" + (step.attempts + 1) + "-" + step.name();
        return id.length() <= 256 ? id : id.substring(0, 256);
    }

    private String stepOfTimer(String timerId) {
        int dash = timerId.indexOf('-');
        return dash < 0 ? null : timerId.substring(dash + 1);
    }

    /** {@code activity} as the original's messages show it. */
    static ObjectNode activity(StepState step) {
        ActivityDef def = step.def.activity();
        ObjectNode activity = JSON.createObjectNode();
        activity.put("activityId", step.name());
        ObjectNode type = activity.putObject("activityType");
        type.put("name", def.name());
        type.put("version", def.version());
        return activity;
    }

    static ObjectNode data(ObjectNode activity) {
        ObjectNode data = JSON.createObjectNode();
        data.set("activity", activity);
        return data;
    }
}
