package org.cpe.activitypoller;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ActivityTaskScheduledEventAttributes;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;

/**
 * The heartbeat timeout a task was really scheduled with. A plan may set it per activity, and SWF does not hand it to
 * the worker, so it is read from the end of the workflow's history: the task's started event names its scheduled
 * event. When the history cannot be read, the type's registered default stands in.
 */
final class ScheduledTimeouts {

    private static final Logger LOG = Logger.getLogger(ScheduledTimeouts.class.getName());
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 10;

    private final SwfClient swf;
    private final String domain;

    ScheduledTimeouts(SwfClient swf, String domain) {
        this.swf = swf;
        this.domain = domain;
    }

    /** In nanoseconds, {@code Long.MAX_VALUE} for none; {@code fallback} when the scheduled event is not found. */
    long heartbeatTimeoutNanos(PollForActivityTaskResponse task, long fallback) {
        try {
            Long scheduledId = null;
            String token = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                String next = token;
                GetWorkflowExecutionHistoryResponse events = swf.getWorkflowExecutionHistory(r -> r.domain(domain)
                        .execution(task.workflowExecution())
                        .reverseOrder(true)
                        .maximumPageSize(PAGE)
                        .nextPageToken(next));
                for (HistoryEvent event : events.events()) {
                    if (scheduledId == null
                            && Objects.equals(event.eventId(), task.startedEventId())
                            && event.eventType() == EventType.ACTIVITY_TASK_STARTED) {
                        scheduledId = event.activityTaskStartedEventAttributes().scheduledEventId();
                    } else if (scheduledId != null && event.eventId().equals(scheduledId)) {
                        return nanos(event.activityTaskScheduledEventAttributes());
                    }
                }
                token = events.nextPageToken();
                if (token == null || token.isEmpty()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not read the schedule of task " + task.activityId(), e);
        }
        return fallback;
    }

    private static long nanos(ActivityTaskScheduledEventAttributes scheduled) {
        String timeout = scheduled.heartbeatTimeout();
        return timeout == null || timeout.equals("NONE")
                ? Long.MAX_VALUE
                : TimeUnit.SECONDS.toNanos(Long.parseLong(timeout));
    }
}
