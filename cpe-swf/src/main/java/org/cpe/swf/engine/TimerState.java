package org.cpe.swf.engine;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/** An open timer of one execution. */
final class TimerState {

    final String timerId;
    final long startedEventId;
    final Instant fireAt;
    ScheduledFuture<?> timer;

    TimerState(String timerId, long startedEventId, Instant fireAt) {
        this.timerId = timerId;
        this.startedEventId = startedEventId;
        this.fireAt = fireAt;
    }
}
