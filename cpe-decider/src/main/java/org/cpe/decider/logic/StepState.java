package org.cpe.decider.logic;

import com.fasterxml.jackson.databind.JsonNode;
import org.cpe.decider.plan.StepDef;
import org.cpe.decider.plan.StepEnd;

/** A step's state, rebuilt from the history on every decision task. */
final class StepState {

    final StepDef def;
    Phase phase = Phase.PENDING;
    StepEnd end;
    int attempts;
    boolean cancelRequested;
    /** The client asked to cancel this step alone ({@link Signals#CANCEL_ACTIVITY}); it ends canceled. */
    boolean cancelWanted;
    /** The current attempt was handed to a worker. */
    boolean taskStarted;

    String timerId;
    java.time.Instant scheduledAt;
    java.time.Instant startedAt;
    java.time.Instant endedAt;
    /** The ActivityTaskStarted event of the current attempt, -1 before it. */
    long startedEventId = -1;
    /** The current attempt's latest progress signaled by its worker, and when. */
    JsonNode progress;

    java.time.Instant progressAt;
    /** Its outputs ({@code outputs_spec}) once it succeeded. */
    JsonNode outputs;
    /** The last failure's reason and details. */
    String reason;

    String details;

    StepState(StepDef def) {
        this.def = def;
    }

    String name() {
        return def.name();
    }

    /** A new attempt scheduled at {@code at}: what the previous one left is cleared. */
    void scheduled(java.time.Instant at) {
        phase = Phase.RUNNING;
        attempts++;
        cancelRequested = false;
        taskStarted = false;
        timerId = null;
        scheduledAt = at;
        startedAt = null;
        startedEventId = -1;
        progress = null;
        progressAt = null;
    }

    void end(StepEnd how) {
        phase = Phase.DONE;
        end = how;
        timerId = null;
    }

    boolean done() {
        return phase == Phase.DONE;
    }
}
