package org.cpe.decider.logic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Builds workflow histories as SWF would record them, for decision tests without a server. */
final class History {

    private final List<HistoryEvent> events = new ArrayList<>();
    private final Map<String, Long> scheduled = new HashMap<>();
    private long lastDecisionStarted;

    static History started(String input) {
        History h = new History();
        h.add(HistoryEvent.builder()
                .eventType(EventType.WORKFLOW_EXECUTION_STARTED)
                .workflowExecutionStartedEventAttributes(a -> a.input(input)
                        .childPolicy("TERMINATE")
                        .taskList(t -> t.name("decisions"))
                        .workflowType(t -> t.name("wf").version("1")))
                .build());
        return h.decisionTask();
    }

    /** A decision task scheduled and started: the point at which the decider is asked. */
    History decisionTask() {
        add(HistoryEvent.builder()
                .eventType(EventType.DECISION_TASK_SCHEDULED)
                .decisionTaskScheduledEventAttributes(a -> a.taskList(t -> t.name("decisions")))
                .build());
        long scheduledId = events.size();
        lastDecisionStarted = add(HistoryEvent.builder()
                .eventType(EventType.DECISION_TASK_STARTED)
                .decisionTaskStartedEventAttributes(a -> a.scheduledEventId(scheduledId))
                .build());
        return this;
    }

    /** The decider's answer: completed, then the events its decisions made. */
    History decided() {
        long started = lastDecisionStarted;
        add(HistoryEvent.builder()
                .eventType(EventType.DECISION_TASK_COMPLETED)
                .decisionTaskCompletedEventAttributes(
                        a -> a.startedEventId(started).scheduledEventId(started - 1))
                .build());
        return this;
    }

    History scheduled(String step) {
        long id = add(HistoryEvent.builder()
                .eventType(EventType.ACTIVITY_TASK_SCHEDULED)
                .activityTaskScheduledEventAttributes(a -> a.activityId(step)
                        .activityType(t -> t.name("A").version("1"))
                        .taskList(t -> t.name("A-1"))
                        .decisionTaskCompletedEventId(lastDecisionStarted + 1))
                .build());
        scheduled.put(step, id);
        return this;
    }

    History completed(String step, String result) {
        long id = scheduled.get(step);
        add(HistoryEvent.builder()
                .eventType(EventType.ACTIVITY_TASK_COMPLETED)
                .activityTaskCompletedEventAttributes(
                        a -> a.scheduledEventId(id).result(result))
                .build());
        return this;
    }

    History failed(String step, String reason, String details) {
        long id = scheduled.get(step);
        add(HistoryEvent.builder()
                .eventType(EventType.ACTIVITY_TASK_FAILED)
                .activityTaskFailedEventAttributes(
                        a -> a.scheduledEventId(id).reason(reason).details(details))
                .build());
        return this;
    }

    History timedOut(String step, ActivityTaskTimeoutType type) {
        long id = scheduled.get(step);
        add(HistoryEvent.builder()
                .eventType(EventType.ACTIVITY_TASK_TIMED_OUT)
                .activityTaskTimedOutEventAttributes(a -> a.scheduledEventId(id).timeoutType(type))
                .build());
        return this;
    }

    History canceled(String step) {
        long id = scheduled.get(step);
        add(HistoryEvent.builder()
                .eventType(EventType.ACTIVITY_TASK_CANCELED)
                .activityTaskCanceledEventAttributes(a -> a.scheduledEventId(id))
                .build());
        return this;
    }

    History cancelRequestedFor(String step) {
        add(HistoryEvent.builder()
                .eventType(EventType.ACTIVITY_TASK_CANCEL_REQUESTED)
                .activityTaskCancelRequestedEventAttributes(a -> a.activityId(step))
                .build());
        return this;
    }

    History timerStarted(String timerId, String step) {
        add(HistoryEvent.builder()
                .eventType(EventType.TIMER_STARTED)
                .timerStartedEventAttributes(
                        a -> a.timerId(timerId).control(step).startToFireTimeout("1"))
                .build());
        return this;
    }

    History timerFired(String timerId) {
        add(HistoryEvent.builder()
                .eventType(EventType.TIMER_FIRED)
                .timerFiredEventAttributes(a -> a.timerId(timerId))
                .build());
        return this;
    }

    History timerCanceled(String timerId) {
        add(HistoryEvent.builder()
                .eventType(EventType.TIMER_CANCELED)
                .timerCanceledEventAttributes(a -> a.timerId(timerId))
                .build());
        return this;
    }

    History taskStarted(String step) {
        long id = scheduled.get(step);
        add(HistoryEvent.builder()
                .eventType(EventType.ACTIVITY_TASK_STARTED)
                .activityTaskStartedEventAttributes(a -> a.scheduledEventId(id).identity("worker"))
                .build());
        return this;
    }

    History signaled(String name, String input) {
        add(HistoryEvent.builder()
                .eventType(EventType.WORKFLOW_EXECUTION_SIGNALED)
                .workflowExecutionSignaledEventAttributes(
                        a -> a.signalName(name).input(input))
                .build());
        return this;
    }

    History cancelRequested() {
        add(HistoryEvent.builder()
                .eventType(EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED)
                .workflowExecutionCancelRequestedEventAttributes(a -> a.cause((String) null))
                .build());
        return this;
    }

    List<HistoryEvent> events() {
        return List.copyOf(events);
    }

    /** The previousStartedEventId of the current decision task: the decision task started before it. */
    long previousStarted() {
        long previous = 0;
        for (HistoryEvent e : events) {
            if (e.eventType() == EventType.DECISION_TASK_STARTED && e.eventId() < lastDecisionStarted) {
                previous = e.eventId();
            }
        }
        return previous;
    }

    private long add(HistoryEvent event) {
        long id = events.size() + 1;
        events.add(event.toBuilder()
                .eventId(id)
                .eventTimestamp(Instant.EPOCH.plusSeconds(id))
                .build());
        return id;
    }
}
