package org.cpe.decider.plan;

/** How a step ended. Canceled steps belong to a canceled workflow and satisfy no requirement. */
public enum StepEnd {
    SUCCEEDED,
    FAILED,
    SKIPPED,
    CANCELED
}
