package org.cpe.activitypoller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;

/** The heartbeat timeout read back from a task's scheduled event, on a history given by a fake client. */
class ScheduledTimeoutsTest {

    private static final long FALLBACK = TimeUnit.SECONDS.toNanos(60);

    @Test
    void theScheduledTimeoutIsFoundForEventIdsBeyondTheBoxingCache() {
        // 1000 is outside Long's cache of small values: each boxing makes a new object.
        SwfClient swf = history(
                HistoryEvent.builder()
                        .eventId(1000L)
                        .eventType(EventType.ACTIVITY_TASK_STARTED)
                        .activityTaskStartedEventAttributes(a -> a.scheduledEventId(999L))
                        .build(),
                HistoryEvent.builder()
                        .eventId(999L)
                        .eventType(EventType.ACTIVITY_TASK_SCHEDULED)
                        .activityTaskScheduledEventAttributes(a -> a.heartbeatTimeout("7"))
                        .build());

        long timeout = new ScheduledTimeouts(swf, "cpe").heartbeatTimeoutNanos(task(1000L), FALLBACK);

        assertThat(timeout).isEqualTo(TimeUnit.SECONDS.toNanos(7));
    }

    @Test
    void aHistoryWithoutTheTasksEventsGivesTheFallback() {
        SwfClient swf = history(HistoryEvent.builder()
                .eventId(5L)
                .eventType(EventType.WORKFLOW_EXECUTION_STARTED)
                .build());

        assertThat(new ScheduledTimeouts(swf, "cpe").heartbeatTimeoutNanos(task(1000L), FALLBACK))
                .isEqualTo(FALLBACK);
    }

    private static PollForActivityTaskResponse task(long startedEventId) {
        return PollForActivityTaskResponse.builder()
                .taskToken("t")
                .activityId("a")
                .startedEventId(startedEventId)
                .workflowExecution(e -> e.workflowId("w").runId("r"))
                .build();
    }

    /** A client whose history, read newest first, is {@code events}, on one page. */
    private static SwfClient history(HistoryEvent... events) {
        return new SwfClient() {
            @Override
            public GetWorkflowExecutionHistoryResponse getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest request) {
                return GetWorkflowExecutionHistoryResponse.builder()
                        .events(List.of(events))
                        .build();
            }

            @Override
            public String serviceName() {
                return "swf";
            }

            @Override
            public void close() {}
        };
    }
}
