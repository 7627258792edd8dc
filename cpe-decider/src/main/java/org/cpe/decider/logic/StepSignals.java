package org.cpe.decider.logic;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.cpe.protocol.Signals;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionSignaledEventAttributes;

/**
 * The signals that concern one step: a client's {@link Signals#CANCEL_ACTIVITY} and a worker's {@link
 * Signals#PROGRESS}. Other signals change no step.
 */
final class StepSignals {

    private StepSignals() {}

    /** Applies the signal to the step it names; {@code at} is the time of its event. */
    static void apply(Map<String, StepState> steps, WorkflowExecutionSignaledEventAttributes a, Instant at) {
        if (Signals.CANCEL_ACTIVITY.equals(a.signalName())) {
            // It holds for the attempt that runs or waits now; a step that has not started or has ended is left alone.
            StepState step = steps.get(Signals.activityIdOf(Signals.parse(a.input())));
            if (step != null
                    && (step.phase == Phase.RUNNING || step.phase == Phase.WAITING || step.phase == Phase.RETRY_DUE)) {
                step.cancelWanted = true;
            }
        } else if (Signals.PROGRESS.equals(a.signalName())) {
            // Only the progress of the attempt that runs now: a late signal of an earlier one is dropped.
            JsonNode input = Signals.parse(a.input());
            StepState step = steps.get(Signals.activityIdOf(input));
            if (step != null
                    && step.phase == Phase.RUNNING
                    && step.startedEventId == input.path("startedEventId").asLong(-1)) {
                step.progress = input.get("progress");
                step.progressAt = at;
            }
        }
    }
}
