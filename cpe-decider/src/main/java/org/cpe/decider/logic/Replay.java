package org.cpe.decider.logic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpe.decider.plan.OutputPath;
import org.cpe.decider.plan.Plan;
import org.cpe.decider.plan.StepDef;
import org.cpe.decider.plan.StepEnd;
import org.cpe.protocol.Notice;
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
    /** The time of the event being applied. */
    private Instant clock;

    Replay(Plan plan, long previousStartedEventId) {
        this.plan = plan;
        this.previousStartedEventId = previousStartedEventId;
        for (StepDef step : plan.steps()) {
            steps.put(step.name(), new StepState(step));
        }
    }

    void apply(HistoryEvent event) {
        clock = event.eventTimestamp();
        switch (event.eventType()) {
            case WORKFLOW_EXECUTION_STARTED -> started(
                    event.workflowExecutionStartedEventAttributes().input());
            case WORKFLOW_EXECUTION_CANCEL_REQUESTED -> cancelRequested = true;
            case ACTIVITY_TASK_SCHEDULED -> {
                var a = event.activityTaskScheduledEventAttributes();
                StepState step = steps.get(a.activityId());
                if (step != null) {
                    step.scheduled(event.eventTimestamp());
                    byScheduledEvent.put(event.eventId(), step);
                }
            }
            case ACTIVITY_TASK_STARTED -> {
                StepState step = byScheduledEvent.get(
                        event.activityTaskStartedEventAttributes().scheduledEventId());
                if (step != null && step.phase == Phase.RUNNING) {
                    step.taskStarted = true;
                    step.startedAt = event.eventTimestamp();
                    step.startedEventId = event.eventId();
                }
            }
            case WORKFLOW_EXECUTION_SIGNALED -> StepSignals.apply(
                    steps, event.workflowExecutionSignaledEventAttributes(), clock);
            case REQUEST_CANCEL_ACTIVITY_TASK_FAILED -> {
                // The activity closed before the request reached it: there is nothing left to ask.
                StepState step = steps.get(
                        event.requestCancelActivityTaskFailedEventAttributes().activityId());
                if (step != null) {
                    step.cancelRequested = true;
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
                        notices.add(ActivityNotices.timedOut(step, type, a.details()));
                    }
                    fail(step, type, "The activity timed out (" + type + ")", true);
                }
            }
            case ACTIVITY_TASK_CANCELED -> {
                var a = event.activityTaskCanceledEventAttributes();
                StepState step = byScheduledEvent.get(a.scheduledEventId());
                if (step != null && step.phase == Phase.RUNNING) {
                    ended(step, StepEnd.CANCELED);
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
                    step.timerId = null;
                    if (step.cancelWanted) {
                        canceledOnRequest(step, event);
                    } else {
                        step.phase = Phase.READY;
                    }
                }
            }
            case TIMER_CANCELED -> {
                StepState step =
                        byTimer.remove(event.timerCanceledEventAttributes().timerId());
                if (step != null && step.phase == Phase.WAITING) {
                    if (step.cancelWanted) {
                        canceledOnRequest(step, event);
                    } else {
                        ended(step, StepEnd.CANCELED);
                        step.reason = Reasons.CANCELED;
                    }
                }
            }
            case START_TIMER_FAILED -> {
                // Without the timer, retry at once rather than never.
                StepState step = steps.get(RetryTimers.stepOf(
                        event.startTimerFailedEventAttributes().timerId()));
                if (step != null && step.phase == Phase.RETRY_DUE) {
                    step.phase = Phase.READY;
                }
            }
            default -> {
                // Decision task events, markers and the rest do not change a step.
            }
        }
    }

    /** A step canceled on the client's request while it waited for a retry: the worker never hears of it. */
    private void canceledOnRequest(StepState step, HistoryEvent event) {
        ended(step, StepEnd.CANCELED);
        if (step.reason == null) {
            step.reason = Reasons.CANCELED;
        }
        if (isNew(event)) {
            notices.add(ActivityNotices.canceled(step));
        }
    }

    private void ended(StepState step, StepEnd how) {
        step.end(how);
        step.endedAt = clock;
    }

    private boolean isNew(HistoryEvent event) {
        return event.eventId() > previousStartedEventId;
    }

    private void started(String text) {
        WorkflowInput given = WorkflowInput.parse(plan, text);
        input = given.value();
        inputProblem = given.problem();
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
        ended(step, StepEnd.SUCCEEDED);
    }

    /** A failed attempt: another one when the policy allows and the workflow is not being canceled, else the end. */
    private void fail(StepState step, String reason, String details, boolean retryable) {
        step.reason = reason;
        step.details = details;
        if (step.cancelWanted) {
            // The client wanted it stopped: no further attempt, whatever the policy says.
            ended(step, StepEnd.CANCELED);
        } else if (retryable && !cancelRequested && step.def.retry().retries(step.attempts, reason)) {
            step.phase = Phase.RETRY_DUE;
        } else {
            ended(step, StepEnd.FAILED);
        }
    }
}
