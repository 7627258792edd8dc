package org.cpe.swf.engine;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import software.amazon.awssdk.services.swf.model.ActivityTaskScheduledEventAttributes;

/** An open activity task of one execution: scheduled, perhaps started, perhaps asked to cancel. */
final class ActivityState {

    final long scheduledEventId;
    final ActivityTaskScheduledEventAttributes attributes;
    final Instant scheduledAt;
    long startedEventId;
    Instant startedAt;
    Instant lastHeartbeat;
    String heartbeatDetails;
    boolean cancelRequested;
    long cancelRequestedEventId;
    ScheduledFuture<?> scheduleToStartTimer;
    ScheduledFuture<?> scheduleToCloseTimer;
    ScheduledFuture<?> startToCloseTimer;
    ScheduledFuture<?> heartbeatTimer;

    ActivityState(long scheduledEventId, ActivityTaskScheduledEventAttributes attributes, Instant scheduledAt) {
        this.scheduledEventId = scheduledEventId;
        this.attributes = attributes;
        this.scheduledAt = scheduledAt;
    }

    boolean started() {
        return startedEventId != 0;
    }

    void cancelTimers() {
        Timeouts.cancel(scheduleToStartTimer);
        Timeouts.cancel(scheduleToCloseTimer);
        Timeouts.cancel(startToCloseTimer);
        Timeouts.cancel(heartbeatTimer);
    }
}
