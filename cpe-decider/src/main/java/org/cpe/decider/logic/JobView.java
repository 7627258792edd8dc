package org.cpe.decider.logic;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.cpe.decider.plan.Plan;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * What a job's history says about its steps, for people asking about it rather than for deciding: every step of the
 * plan with its status, attempts, times, last failure and outputs. Pure, like the decider: the same replay, without
 * scheduling anything.
 */
public record JobView(boolean cancelRequested, List<Step> steps) {

    public JobView {
        steps = List.copyOf(steps);
    }

    /** Where a step is. The ends are the plan's step ends; the rest say what it waits for. */
    public enum Status {
        /** Its requirements have not all ended yet, or the Decider has yet to schedule it. */
        PENDING,
        /** Scheduled, waiting for a worker. */
        SCHEDULED,
        /** A worker runs it. */
        RUNNING,
        /** An attempt failed; the next one waits for its retry timer. */
        RETRYING,
        SUCCEEDED,
        FAILED,
        SKIPPED,
        CANCELED
    }

    /**
     * One step.
     *
     * @param reason the last failure's reason (or the cancellation), null when none
     * @param outputs its outputs ({@code outputs_spec}) once it succeeded, else null
     * @param progress the running attempt's latest progress its worker signaled ({@code CPE_PROGRESS}), else null
     */
    public record Step(
            String name,
            String activityName,
            String activityVersion,
            Status status,
            int attempts,
            boolean cancelRequested,
            Instant scheduledAt,
            Instant startedAt,
            Instant endedAt,
            String reason,
            String details,
            JsonNode outputs,
            JsonNode progress,
            Instant progressAt) {

        public boolean ended() {
            return status.ordinal() >= Status.SUCCEEDED.ordinal();
        }
    }

    /** The view of a workflow of this plan from its history, oldest event first. */
    public static JobView of(Plan plan, List<HistoryEvent> history) {
        Replay state = new Replay(plan, Long.MAX_VALUE);
        history.forEach(state::apply);
        if (!state.cancelRequested) {
            // Skips follow from the ends, as the Decider sees them; a canceled workflow's steps stay as they were.
            Dependencies.propagate(state);
        }
        List<Step> steps = state.steps.values().stream()
                .map(s -> new Step(
                        s.name(),
                        s.def.activity().name(),
                        s.def.activity().version(),
                        status(s),
                        s.attempts,
                        s.cancelRequested || s.cancelWanted,
                        s.scheduledAt,
                        s.startedAt,
                        s.endedAt,
                        s.reason,
                        s.details,
                        s.outputs,
                        s.phase == Phase.RUNNING ? s.progress : null,
                        s.phase == Phase.RUNNING ? s.progressAt : null))
                .toList();
        return new JobView(state.cancelRequested, steps);
    }

    /** The steps that ended, of all. */
    public long endedSteps() {
        return steps.stream().filter(Step::ended).count();
    }

    private static Status status(StepState step) {
        return switch (step.phase) {
            case PENDING, READY -> Status.PENDING;
            case RUNNING -> step.taskStarted ? Status.RUNNING : Status.SCHEDULED;
            case RETRY_DUE, WAITING -> Status.RETRYING;
            case DONE -> Status.valueOf(step.end.name());
        };
    }
}
