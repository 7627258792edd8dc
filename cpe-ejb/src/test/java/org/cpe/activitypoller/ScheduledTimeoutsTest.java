package org.cpe.activitypoller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;

class ScheduledTimeoutsTest {

    private static final long FALLBACK = 7;

    /**
     * Event ids are boxed {@code Long}s: compared with {@code ==}, two equal ids past the JVM's small-value cache
     * (above 127) are different objects, and a task started late in a long history got the registered default
     * instead of the timeout its plan scheduled it with.
     */
    @Test
    void findsTheScheduleOfATaskStartedLateInALongHistory() {
        assertThat(heartbeatTimeout(1_000, 1_001)).isEqualTo(TimeUnit.SECONDS.toNanos(42));
    }

    @Test
    void findsTheScheduleOfATaskStartedEarly() {
        assertThat(heartbeatTimeout(5, 6)).isEqualTo(TimeUnit.SECONDS.toNanos(42));
    }

    private static long heartbeatTimeout(long scheduledId, long startedId) {
        HistoryEvent started = HistoryEvent.builder()
                .eventId(startedId)
                .eventType(EventType.ACTIVITY_TASK_STARTED)
                .activityTaskStartedEventAttributes(a -> a.scheduledEventId(scheduledId))
                .build();
        HistoryEvent scheduled = HistoryEvent.builder()
                .eventId(scheduledId)
                .eventType(EventType.ACTIVITY_TASK_SCHEDULED)
                .activityTaskScheduledEventAttributes(a -> a.heartbeatTimeout("42"))
                .build();
        SwfClient swf = new SwfClient() {
            @Override
            public GetWorkflowExecutionHistoryResponse getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest request) {
                return GetWorkflowExecutionHistoryResponse.builder()
                        .events(started, scheduled)
                        .build();
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {}
        };
        PollForActivityTaskResponse task = PollForActivityTaskResponse.builder()
                .activityId("a-1")
                .startedEventId(startedId)
                .workflowExecution(e -> e.workflowId("w").runId("r"))
                .build();
        return new ScheduledTimeouts(swf, "cpe").heartbeatTimeoutNanos(task, FALLBACK);
    }
}
