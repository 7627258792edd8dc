package org.cpe.decider.logic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cpe.decider.plan.Plan;
import org.cpe.decider.plan.StepEnd;
import org.cpe.protocol.Notice;
import software.amazon.awssdk.services.swf.model.Decision;
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
            WorkflowClose.failed(Reasons.WORKFLOW_INPUT_INVALID, state.inputProblem, null)
                    .addTo(decisions, notices);
            return new Outcome(decisions, notices);
        }
        if (state.cancelRequested) {
            cancel(state, decisions, notices);
            return new Outcome(decisions, notices);
        }
        cancelOnRequest(state, decisions, notices);
        boolean changed = true;
        while (changed) {
            changed = Dependencies.propagate(state);
            StepState failed = Dependencies.unhandledFailure(state);
            if (failed != null) {
                stopOthers(state, decisions);
                WorkflowClose.failed(failed.reason, failed.details, failed.name())
                        .addTo(decisions, notices);
                return new Outcome(decisions, notices);
            }
            for (StepState step : state.steps.values()) {
                if (step.phase == Phase.READY) {
                    changed |= schedule(state, step, decisions, notices);
                } else if (step.phase == Phase.RETRY_DUE) {
                    changed |= retry(step, decisions, notices);
                }
            }
        }
        if (state.steps.values().stream().allMatch(StepState::done)) {
            WorkflowClose.completed(state).addTo(decisions, notices);
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
                decisions.add(SwfDecisions.requestCancel(step));
            } else if (step.phase == Phase.WAITING && step.timerId != null) {
                decisions.add(SwfDecisions.cancelTimer(step.timerId));
            } else if (step.phase == Phase.RETRY_DUE) {
                step.end(StepEnd.CANCELED);
                notices.add(ActivityNotices.canceled(step));
            }
        }
    }

    /**
     * Renders the step's input and schedules it; a step whose input cannot be made fails instead. True when the step
     * failed, which may change what other steps can do.
     */
    private static boolean schedule(Replay state, StepState step, List<Decision> decisions, List<Notice> notices) {
        String input;
        try {
            input = StepInputs.render(state, step);
        } catch (StepInputs.StepInputException e) {
            step.reason = e.reason;
            step.details = e.getMessage();
            step.end(StepEnd.FAILED);
            return true;
        }
        decisions.add(SwfDecisions.scheduleActivity(step, input));
        notices.add(ActivityNotices.scheduled(step));
        step.phase = Phase.RUNNING;
        return false;
    }

    /** Starts the retry timer, or schedules at once when the policy waits zero (true: the step is ready again). */
    private static boolean retry(StepState step, List<Decision> decisions, List<Notice> notices) {
        int next = step.attempts + 1;
        Duration delay = step.def.retry().delayBefore(next);
        notices.add(ActivityNotices.retrying(step, next, delay));
        if (delay.isZero()) {
            step.phase = Phase.READY;
            return true;
        }
        long seconds = Math.max(1, (delay.toMillis() + 999) / 1000);
        String timerId = RetryTimers.id(step);
        decisions.add(SwfDecisions.startTimer(timerId, seconds, step.name()));
        step.phase = Phase.WAITING;
        step.timerId = timerId;
        return false;
    }

    /** A cancel request: cancel what runs and the retry timers; once nothing runs, cancel the workflow. */
    private static void cancel(Replay state, List<Decision> decisions, List<Notice> notices) {
        if (!stopOthers(state, decisions)) {
            WorkflowClose.canceled().addTo(decisions, notices);
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
                    decisions.add(SwfDecisions.requestCancel(step));
                }
            } else if (step.phase == Phase.WAITING && step.timerId != null) {
                decisions.add(SwfDecisions.cancelTimer(step.timerId));
            }
        }
        return running;
    }
}
