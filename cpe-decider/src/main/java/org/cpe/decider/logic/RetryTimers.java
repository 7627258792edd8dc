package org.cpe.decider.logic;

/**
 * The ids of retry timers, {@code retry<attempt>-<step>}: the decision logic names a timer after the step it
 * retries, and reads the step back from the id when SWF reports a timer it could not start.
 */
final class RetryTimers {

    /** SWF's limit on a timer id. */
    private static final int MAX_ID = 256;

    private RetryTimers() {}

    /** The id of the timer before the step's next attempt. */
    static String id(StepState step) {
        String id = "retry" + (step.attempts + 1) + "-" + step.name();
        return id.length() <= MAX_ID ? id : id.substring(0, MAX_ID);
    }

    /** The step a timer id names, or null when it is not a retry timer's. */
    static String stepOf(String timerId) {
        int dash = timerId.indexOf('-');
        return dash < 0 ? null : timerId.substring(dash + 1);
    }
}
