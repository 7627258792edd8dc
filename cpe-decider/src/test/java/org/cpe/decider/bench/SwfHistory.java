package org.cpe.decider.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Builds a workflow history with the events and attributes SWF records: the decision task of every decider turn
 * (scheduled, started, completed), and each activity scheduled, started by a worker and completed with its result,
 * each event numbered and linked to the events it refers to.
 */
final class SwfHistory {

    private static final String DECISIONS = "decisions";

    private final List<HistoryEvent> events = new ArrayList<>();
    private final Map<String, Long> scheduled = new HashMap<>();
    private final Map<String, Long> started = new HashMap<>();
    private long decisionScheduled;
    private long decisionStarted;
    private long previousDecisionStarted;
    private long decisionCompleted;

    private SwfHistory() {}

    /** WorkflowExecutionStarted with {@code input}, then the first decision task scheduled and started. */
    static SwfHistory started(String workflowType, String input) {
        SwfHistory h = new SwfHistory();
        h.add(HistoryEvent.builder()
                .eventType(EventType.WORKFLOW_EXECUTION_STARTED)
                .workflowExecutionStartedEventAttributes(a -> a.input(input)
                        .childPolicy("TERMINATE")
                        .executionStartToCloseTimeout("86400")
                        .taskStartToCloseTimeout("60")
                        .taskList(t -> t.name(DECISIONS))
                        .workflowType(t -> t.name(workflowType).version("1")))
                .build());
        return h.decisionTask();
    }

    /** A decision task scheduled and started: where the decider is asked. */
    SwfHistory decisionTask() {
        decisionScheduled = add(HistoryEvent.builder()
                .eventType(EventType.DECISION_TASK_SCHEDULED)
                .decisionTaskScheduledEventAttributes(
                        a -> a.taskList(t -> t.name(DECISIONS)).startToCloseTimeout("60"))
                .build());
        long scheduledId = decisionScheduled;
        previousDecisionStarted = decisionStarted;
        decisionStarted = add(HistoryEvent.builder()
                .eventType(EventType.DECISION_TASK_STARTED)
                .decisionTaskStartedEventAttributes(
                        a -> a.scheduledEventId(scheduledId).identity("decider-1"))
                .build());
        return this;
    }

    /** The decider's answer to the open decision task; the events of its decisions follow. */
    SwfHistory decided() {
        long scheduledId = decisionScheduled;
        long startedId = decisionStarted;
        decisionCompleted = add(HistoryEvent.builder()
                .eventType(EventType.DECISION_TASK_COMPLETED)
                .decisionTaskCompletedEventAttributes(
                        a -> a.scheduledEventId(scheduledId).startedEventId(startedId))
                .build());
        return this;
    }

    /** ActivityTaskScheduled, as a ScheduleActivityTask decision of the last completed decision task makes it. */
    SwfHistory scheduled(String activityId, String activityName, String input) {
        long completedId = decisionCompleted;
        long id = add(HistoryEvent.builder()
                .eventType(EventType.ACTIVITY_TASK_SCHEDULED)
                .activityTaskScheduledEventAttributes(a -> a.activityId(activityId)
                        .activityType(t -> t.name(activityName).version("1"))
                        .taskList(t -> t.name(activityName + "-1"))
                        .input(input)
                        .heartbeatTimeout("60")
                        .scheduleToCloseTimeout("432000")
                        .scheduleToStartTimeout("432000")
                        .startToCloseTimeout("432000")
                        .decisionTaskCompletedEventId(completedId))
                .build());
        scheduled.put(activityId, id);
        return this;
    }

    /** ActivityTaskStarted: a worker polled the task. */
    SwfHistory activityStarted(String activityId) {
        long scheduledId = scheduled.get(activityId);
        long id = add(HistoryEvent.builder()
                .eventType(EventType.ACTIVITY_TASK_STARTED)
                .activityTaskStartedEventAttributes(
                        a -> a.scheduledEventId(scheduledId).identity("worker-" + (scheduledId % 8)))
                .build());
        started.put(activityId, id);
        return this;
    }

    SwfHistory completed(String activityId, String result) {
        long scheduledId = scheduled.get(activityId);
        long startedId = started.get(activityId);
        add(HistoryEvent.builder()
                .eventType(EventType.ACTIVITY_TASK_COMPLETED)
                .activityTaskCompletedEventAttributes(a -> a.scheduledEventId(scheduledId)
                        .startedEventId(startedId)
                        .result(result))
                .build());
        return this;
    }

    List<HistoryEvent> events() {
        return List.copyOf(events);
    }

    int size() {
        return events.size();
    }

    /** The open decision task's previousStartedEventId: the DecisionTaskStarted of the decider's last turn. */
    long previousStartedEventId() {
        return previousDecisionStarted;
    }

    private long add(HistoryEvent event) {
        long id = events.size() + 1;
        events.add(event.toBuilder()
                .eventId(id)
                .eventTimestamp(Instant.EPOCH.plusMillis(250 * id))
                .build());
        return id;
    }
}
