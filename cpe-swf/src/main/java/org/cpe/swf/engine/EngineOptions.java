package org.cpe.swf.engine;

import java.time.Duration;

/**
 * How the engine behaves where SWF leaves room: how long a poll waits for a task (SWF: 60 s), and the history size
 * at which an execution is terminated (SWF: 25,000 events; tests lower it).
 */
public record EngineOptions(Duration pollTimeout, int maxHistoryEvents) {

    public EngineOptions {
        if (pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("pollTimeout must be positive, was " + pollTimeout);
        }
        if (maxHistoryEvents < 10) {
            throw new IllegalArgumentException("maxHistoryEvents must be at least 10, was " + maxHistoryEvents);
        }
    }

    /** SWF's own figures. */
    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofSeconds(60), Limits.HISTORY_EVENTS);
    }

    public EngineOptions withPollTimeout(Duration timeout) {
        return new EngineOptions(timeout, maxHistoryEvents);
    }

    public EngineOptions withMaxHistoryEvents(int max) {
        return new EngineOptions(pollTimeout, max);
    }
}
