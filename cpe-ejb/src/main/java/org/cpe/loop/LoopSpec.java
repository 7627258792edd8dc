package org.cpe.loop;

/**
 * One loop a role runs: the name it logs and reports under, its turn, and whether pausing the role holds it (the loops
 * that poll for work pause; those that deliver what running work produced, such as client notices, go on).
 */
public record LoopSpec(String name, PollCycle cycle, boolean pausable) {

    /** A loop that polls for work: pausing the role holds it. */
    public static LoopSpec polling(String name, PollCycle cycle) {
        return new LoopSpec(name, cycle, true);
    }

    /** A loop that delivers or watches what running work produced: it goes on while the role is paused. */
    public static LoopSpec delivering(String name, PollCycle cycle) {
        return new LoopSpec(name, cycle, false);
    }
}
