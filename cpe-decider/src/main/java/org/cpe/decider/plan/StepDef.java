package org.cpe.decider.plan;

import java.util.List;

/** A step of a plan: which activity it runs, what it waits for, its input template (or none) and its retry policy. */
public record StepDef(
        String name, ActivityDef activity, List<Requirement> requires, InputTemplate input, RetryPolicy retry) {

    public StepDef {
        requires = List.copyOf(requires);
    }
}
