package org.cpe.decider.logic;

import org.cpe.decider.plan.Requirement;
import org.cpe.decider.plan.StepEnd;

/**
 * How steps' ends flow along their requirements: a step whose parents have ended is ready or, when a requirement is
 * unmet, skipped (which cascades); a failed step that no step requires as failed fails the workflow.
 */
final class Dependencies {

    private Dependencies() {}

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

    /** The first failed step that no step requires as failed, or null. */
    static StepState unhandledFailure(Replay state) {
        for (StepState step : state.steps.values()) {
            if (step.end == StepEnd.FAILED && !state.plan.handlesFailureOf(step.name())) {
                return step;
            }
        }
        return null;
    }
}
