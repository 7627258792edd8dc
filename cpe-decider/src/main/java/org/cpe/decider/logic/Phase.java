package org.cpe.decider.logic;

/** Where a step is in its life, as the history tells it. */
enum Phase {
    /** Not tried yet. */
    PENDING,
    /** Its requirements are met and nothing failed for it: schedule it now. */
    READY,
    /** An attempt is scheduled or running. */
    RUNNING,
    /** An attempt failed and the policy wants another; no timer started yet. */
    RETRY_DUE,
    /** A retry timer runs. */
    WAITING,
    /** Ended: see its {@link org.cpe.decider.plan.StepEnd}. */
    DONE
}
