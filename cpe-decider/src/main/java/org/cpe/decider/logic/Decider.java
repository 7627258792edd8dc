package org.cpe.decider.logic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpe.decider.plan.ActivityDef;
import org.cpe.decider.plan.InputTemplate;
import org.cpe.decider.plan.Plan;
import org.cpe.decider.plan.Requirement;
import org.cpe.decider.plan.StepEnd;
import org.cpe.protocol.MessageType;
import org.cpe.protocol.Notice;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * The decision logic: from a plan and a workflow's whole history, the decisions of the next step and the client
 * notices. Pure: same plan and history, same outcome. Steps whose requirements are met are scheduled together (fan
 * out); a requirement whose parent ended otherwise skips the step, which cascades; a failed attempt is retried after
 * an SWF timer when the policy allows; a failed step ends the workflow unless a step requires it as failed; a cancel
 * request cancels the running activities and then the workflow; when every step has ended, the workflow completes
 * with the outputs of its last steps.
 */
public final class Decider {

    /** SWF's limit on inputs, results, reasons' details. */
    static final int MAX_TEXT = 32_768;

    static final int MAX_REASON = 256;

    private Decider() {}

    /**
     * @param history the whole history, oldest first
     * @param previousStartedEventId the decision task's previousStartedEventId: events after it are new to the decider
     */
    public static Outcome decide(Plan plan, List<HistoryEvent> history, long previousStartedEventId) {
        Replay state = new Replay(plan, previousStartedEventId);
        history.forEach(state::apply);
        List<Decision> decisions = new ArrayList<>();
        List<Notice> notices = new ArrayList<>(state.notices);
        if (state.inputProblem != null) {
            close(decisions, notices, failWorkflow(Reasons.WORKFLOW_INPUT_INVALID, state.inputProblem, null));
            return new Outcome(decisions, notices);
        }
        if (state.cancelRequested) {
            cancel(state, decisions, notices);
            return new Outcome(decisions, notices);
        }
        cancelOnRequest(state, decisions, notices);
        boolean changed = true;
        while (changed) {
            changed = propagate(state);
            StepState failed = unhandledFailure(state);
            if (failed != null) {
                stopOthers(state, decisions);
                close(decisions, notices, failWorkflow(failed.reason, failed.details, failed.name()));
                return new Outcome(decisions, notices);
            }
            for (StepState step : state.steps.values()) {
                if (step.phase == Phase.READY) {
                    changed |= schedule(state, step, decisions, notices);
                } else if (step.phase == Phase.RETRY_DUE) {
                    changed |= retry(state, step, decisions, notices);
                }
            }
        }
        if (state.steps.values().stream().allMatch(StepState::done)) {
            close(decisions, notices, completeWorkflow(state));
        }
        return new Outcome(decisions, notices);
    }

    /** The steps a client asked to cancel: their activity or retry timer is canceled; a due retry is not made. */
    private static void cancelOnRequest(Replay state, List<Decision> decisions, List<Notice> notices) {
        for (StepState step : state.steps.values()) {
            if (!step.cancelWanted) {
                continue;
            }
            if (step.phase == Phase.RUNNING && !step.cancelRequested) {
                decisions.add(requestCancel(step));
            } else if (step.phase == Phase.WAITING && step.timerId != null) {
                decisions.add(cancelTimer(step.timerId));
            } else if (step.phase == Phase.RETRY_DUE) {
                step.end(StepEnd.CANCELED);
                notices.add(new Notice(MessageType.ACTIVITY_CANCELED, Replay.data(Replay.activity(step)), false));
            }
        }
    }

    private static Decision requestCancel(StepState step) {
        return Decision.builder()
                .decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
                .requestCancelActivityTaskDecisionAttributes(a -> a.activityId(step.name()))
                .build();
    }

    private static Decision cancelTimer(String timerId) {
        return Decision.builder()
                .decisionType(DecisionType.CANCEL_TIMER)
                .cancelTimerDecisionAttributes(a -> a.timerId(timerId))
                .build();
    }

    /** Marks steps ready or skipped from their parents' ends, until nothing changes; true if anything did. */
    static boolean propagate(Replay state) {
        boolean any = false;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (StepState step : state.steps.values()) {
                if (step.phase != Phase.PENDING) {
                    continue;
                }
                boolean allEnded = true;
                boolean unmet = false;
                for (Requirement r : step.def.requires()) {
                    StepState parent = state.steps.get(r.step());
                    if (!parent.done()) {
                        allEnded = false;
                    } else if (!r.status().satisfiedBy(parent.end)) {
                        unmet = true;
                    }
                }
                if (unmet && allEnded || unmet && anyParentCanceled(state, step)) {
                    step.end(StepEnd.SKIPPED);
                    changed = true;
                } else if (allEnded) {
                    step.phase = Phase.READY;
                    changed = true;
                }
            }
            any |= changed;
        }
        return any;
    }

    private static boolean anyParentCanceled(Replay state, StepState step) {
        return step.def.requires().stream().anyMatch(r -> state.steps.get(r.step()).end == StepEnd.CANCELED);
    }

    private static StepState unhandledFailure(Replay state) {
        for (StepState step : state.steps.values()) {
            if (step.end == StepEnd.FAILED && !state.plan.handlesFailureOf(step.name())) {
                return step;
            }
        }
        return null;
    }

    /** Renders the step's input and schedules it; a step whose input cannot be made fails instead. */
    private static boolean schedule(Replay state, StepState step, List<Decision> decisions, List<Notice> notices) {
        String input;
        try {
            input = input(state, step);
        } catch (StepInputException e) {
            step.reason = e.reason;
            step.details = e.getMessage();
            step.end(StepEnd.FAILED);
            return true;
        }
        ActivityDef activity = step.def.activity();
        decisions.add(Decision.builder()
                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(a -> a.activityId(step.name())
                        .activityType(t -> t.name(activity.name()).version(activity.version()))
                        .taskList(t -> t.name(activity.taskList()))
                        .input(input)
                        .heartbeatTimeout(activity.heartbeatTimeout())
                        .scheduleToCloseTimeout(activity.scheduleToCloseTimeout())
                        .scheduleToStartTimeout(activity.scheduleToStartTimeout())
                        .startToCloseTimeout(activity.startToCloseTimeout()))
                .build());
        // The original decider's shape: activityType as the name and activityVersion beside it.
        ObjectNode described = Replay.JSON.createObjectNode();
        described.put("activityId", step.name());
        described.put("activityType", activity.name());
        described.put("activityVersion", activity.version());
        described.put("attempt", step.attempts + 1);
        notices.add(new Notice(MessageType.ACTIVITY_SCHEDULED, Replay.data(described), false));
        step.phase = Phase.RUNNING;
        return false;
    }

    /** Starts the retry timer, or schedules at once when the policy waits zero. */
    private static boolean retry(Replay state, StepState step, List<Decision> decisions, List<Notice> notices) {
        int next = step.attempts + 1;
        Duration delay = step.def.retry().delayBefore(next);
        ObjectNode activity = Replay.activity(step);
        activity.put("attempt", step.attempts);
        activity.put("nextAttempt", next);
        activity.put("delaySeconds", delay.toMillis() / 1000.0);
        activity.put("reason", step.reason);
        if (step.details != null) {
            activity.put("details", truncate(step.details, 2_048));
        }
        notices.add(new Notice(MessageType.ACTIVITY_RETRYING, Replay.data(activity), false));
        if (delay.isZero()) {
            step.phase = Phase.READY;
            return true;
        }
        long seconds = Math.max(1, (delay.toMillis() + 999) / 1000);
        String timerId = Replay.timerId(step);
        decisions.add(Decision.builder()
                .decisionType(DecisionType.START_TIMER)
                .startTimerDecisionAttributes(a -> a.timerId(timerId)
                        .startToFireTimeout(Long.toString(seconds))
                        .control(step.name()))
                .build());
        step.phase = Phase.WAITING;
        step.timerId = timerId;
        return false;
    }

    private static String input(Replay state, StepState step) throws StepInputException {
        InputTemplate template = step.def.input();
        if (template == null) {
            return null;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("__input__", plain(state.input));
        for (Requirement r : step.def.requires()) {
            StepState parent = state.steps.get(r.step());
            variables.put(r.step(), plain(parentValue(parent)));
        }
        String rendered;
        try {
            rendered = template.render(variables);
        } catch (InputTemplate.TemplateException e) {
            throw new StepInputException(Reasons.TEMPLATE_ERROR, "The input template failed: " + e.getMessage());
        }
        JsonNode json;
        try {
            json = Replay.JSON.readTree(rendered);
        } catch (JsonProcessingException e) {
            throw new StepInputException(
                    Reasons.TEMPLATE_ERROR,
                    "The input template did not render JSON (" + e.getOriginalMessage() + "): "
                            + truncate(rendered, 1_000));
        }
        if (step.def.activity().inputSpec() != null) {
            var violations = step.def.activity().inputSpec().violations(json);
            if (violations.isPresent()) {
                throw new StepInputException(
                        Reasons.INPUT_INVALID,
                        "The step's input does not meet the activity's input_spec: " + violations.get());
            }
        }
        String text = json.toString();
        if (text.length() > MAX_TEXT) {
            throw new StepInputException(
                    Reasons.INPUT_TOO_LARGE,
                    "The step's input has " + text.length() + " characters; SWF allows " + MAX_TEXT);
        }
        return text;
    }

    /** What a later step sees of a parent: its outputs, or for a failed one its reason and details. */
    private static JsonNode parentValue(StepState parent) {
        if (parent.end == StepEnd.SUCCEEDED) {
            return parent.outputs;
        }
        ObjectNode value = Replay.JSON.createObjectNode();
        if (parent.end == StepEnd.FAILED) {
            value.put("reason", parent.reason);
            value.put("details", parent.details);
        }
        return value;
    }

    private static Object plain(JsonNode node) {
        return Replay.JSON.convertValue(node, Object.class);
    }

    /** A cancel request: cancel what runs and the retry timers; once nothing runs, cancel the workflow. */
    private static void cancel(Replay state, List<Decision> decisions, List<Notice> notices) {
        if (!stopOthers(state, decisions)) {
            decisions.add(Decision.builder()
                    .decisionType(DecisionType.CANCEL_WORKFLOW_EXECUTION)
                    .cancelWorkflowExecutionDecisionAttributes(a -> a.details("Canceled on request"))
                    .build());
            notices.add(new Notice(MessageType.WORKFLOW_CANCELED, Replay.JSON.createObjectNode(), true));
        }
    }

    /**
     * Requests the cancellation of the activities still running (once each) and cancels the retry timers; true when
     * an activity still runs.
     */
    private static boolean stopOthers(Replay state, List<Decision> decisions) {
        boolean running = false;
        for (StepState step : state.steps.values()) {
            if (step.phase == Phase.RUNNING) {
                running = true;
                if (!step.cancelRequested) {
                    decisions.add(requestCancel(step));
                }
            } else if (step.phase == Phase.WAITING && step.timerId != null) {
                decisions.add(cancelTimer(step.timerId));
            }
        }
        return running;
    }

    private record Close(Decision decision, Notice notice) {}

    private static void close(List<Decision> decisions, List<Notice> notices, Close close) {
        decisions.add(close.decision());
        notices.add(close.notice());
    }

    private static Close failWorkflow(String reason, String details, String stepName) {
        ObjectNode detail = Replay.JSON.createObjectNode();
        if (stepName != null) {
            detail.put("step", stepName);
        }
        detail.put("reason", reason);
        detail.put("details", details == null ? null : truncate(details, MAX_TEXT - 1_000));
        String shortReason = truncate(reason == null ? Reasons.ACTIVITY_FAILED : reason, MAX_REASON);
        Decision decision = Decision.builder()
                .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
                .failWorkflowExecutionDecisionAttributes(
                        a -> a.reason(shortReason).details(detail.toString()))
                .build();
        return new Close(decision, new Notice(MessageType.WORKFLOW_FAILED, detail.deepCopy(), true));
    }

    private static Close completeWorkflow(Replay state) {
        ObjectNode result = Replay.JSON.createObjectNode();
        state.plan.lastSteps().forEach(step -> {
            StepState s = state.steps.get(step.name());
            if (s.end == StepEnd.SUCCEEDED) {
                result.set(step.name(), s.outputs);
            }
        });
        String text = result.toString();
        if (text.length() > MAX_TEXT) {
            ObjectNode tooLarge = Replay.JSON.createObjectNode();
            tooLarge.put(
                    "truncated",
                    "The result of " + text.length() + " characters is over SWF's " + MAX_TEXT
                            + "; read the steps' results from the history");
            text = tooLarge.toString();
        }
        String finalText = text;
        Decision decision = Decision.builder()
                .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                .completeWorkflowExecutionDecisionAttributes(a -> a.result(finalText))
                .build();
        ObjectNode data = Replay.JSON.createObjectNode();
        try {
            data.set("result", Replay.JSON.readTree(finalText));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Close(decision, new Notice(MessageType.WORKFLOW_COMPLETED, data, true));
    }

    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String marker = "…[truncated]";
        return text.substring(0, max - marker.length()) + marker;
    }

    /** A step input that could not be made, with the reason code its step fails with. */
    private static final class StepInputException extends Exception {
        private static final long serialVersionUID = 1L;
        final String reason;

        StepInputException(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }
}
