package org.cpe.swf.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.swf.model.ActivityTaskScheduledEventAttributes;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.StartChildWorkflowExecutionInitiatedEventAttributes;

/**
 * What one execution has open, as its history leaves it: activity tasks by activity id, timers by timer id, child runs
 * and requests to other executions by the id of the event that initiated them. Guarded by the execution's monitor.
 */
final class OpenItems {

    private final Map<String, ActivityState> activities = new LinkedHashMap<>();
    private final Map<String, TimerState> timers = new LinkedHashMap<>();
    private final Map<Long, ChildState> children = new HashMap<>();
    /** Signal and cancel requests to other executions whose outcome is not recorded yet. */
    private final Map<Long, HistoryEvent> requests = new LinkedHashMap<>();

    // --- activity tasks ---------------------------------------------------------------------------------------

    ActivityState activity(String activityId) {
        return activities.get(activityId);
    }

    ActivityState activityByScheduled(long scheduledEventId) {
        for (ActivityState a : activities.values()) {
            if (a.scheduledEventId == scheduledEventId) {
                return a;
            }
        }
        return null;
    }

    int activityCount() {
        return activities.size();
    }

    /** The open activity tasks in the order they were scheduled; a view, read under the execution's lock. */
    Collection<ActivityState> activities() {
        return Collections.unmodifiableCollection(activities.values());
    }

    void activityScheduled(long scheduledEventId, ActivityTaskScheduledEventAttributes a, Instant at) {
        activities.put(a.activityId(), new ActivityState(scheduledEventId, a, at));
    }

    /** The task ended (completed, failed, timed out or canceled): its timeouts are cancelled with it. */
    void activityClosed(long scheduledEventId) {
        ActivityState a = activityByScheduled(scheduledEventId);
        if (a != null) {
            a.cancelTimers();
            activities.remove(a.attributes.activityId());
        }
    }

    // --- timers -----------------------------------------------------------------------------------------------

    TimerState timer(String timerId) {
        return timers.get(timerId);
    }

    int timerCount() {
        return timers.size();
    }

    /** The open timers in the order they were started; a view, read under the execution's lock. */
    Collection<TimerState> timers() {
        return Collections.unmodifiableCollection(timers.values());
    }

    void timerStarted(TimerState timer) {
        timers.put(timer.timerId, timer);
    }

    /** The timer fired or was canceled: its scheduled firing is cancelled with it. */
    void timerEnded(String timerId) {
        TimerState t = timers.remove(timerId);
        if (t != null) {
            Timeouts.cancel(t.timer);
        }
    }

    // --- child runs -------------------------------------------------------------------------------------------

    ChildState child(long initiatedEventId) {
        return children.get(initiatedEventId);
    }

    int childCount() {
        return children.size();
    }

    /** A copy of the open children, for work that may change them. */
    List<ChildState> childrenCopy() {
        return List.copyOf(children.values());
    }

    void childInitiated(long initiatedEventId, StartChildWorkflowExecutionInitiatedEventAttributes a) {
        children.put(initiatedEventId, new ChildState(initiatedEventId, a));
    }

    void childStarted(long initiatedEventId, String runId, long startedEventId) {
        ChildState child = children.get(initiatedEventId);
        child.runId = runId;
        child.startedEventId = startedEventId;
    }

    /** The child closed, or could not start. */
    void childEnded(long initiatedEventId) {
        children.remove(initiatedEventId);
    }

    // --- requests to other executions -------------------------------------------------------------------------

    /** The initiated event of a signal or cancel request whose outcome is not recorded yet, or null. */
    HistoryEvent request(long initiatedEventId) {
        return requests.get(initiatedEventId);
    }

    boolean awaitsOutcome(long initiatedEventId) {
        return requests.containsKey(initiatedEventId);
    }

    /** A copy of the initiated event ids of the requests awaiting their outcome, in order. */
    List<Long> requestsCopy() {
        return List.copyOf(requests.keySet());
    }

    void requestInitiated(HistoryEvent initiated) {
        requests.put(initiated.eventId(), initiated);
    }

    void requestResolved(long initiatedEventId) {
        requests.remove(initiatedEventId);
    }

    // --- the execution closed ---------------------------------------------------------------------------------

    /** Cancels every timeout and timer still scheduled; the items stay as the history left them. */
    void cancelScheduled() {
        activities.values().forEach(ActivityState::cancelTimers);
        timers.values().forEach(t -> Timeouts.cancel(t.timer));
    }
}
