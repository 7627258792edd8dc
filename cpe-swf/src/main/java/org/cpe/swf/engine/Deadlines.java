package org.cpe.swf.engine;

import java.time.Instant;
import software.amazon.awssdk.services.swf.model.*;

/**
 * Every timeout and timer: armed when its task or timer begins, re-armed for the open executions at restart, and
 * applied when it fires if the thing it guards is still waiting.
 */
final class Deadlines {

    private final SwfEngine engine;

    Deadlines(SwfEngine engine) {
        this.engine = engine;
    }

    void armWorkflow(Execution ex) {
        ex.workflowTimer = engine.timeouts.after(
                ex.startedAt,
                ex.start.executionStartToCloseTimeout(),
                () -> engine.updateQuietly(ex, engine.outcomes::timeOut));
    }

    void armDecision(Execution ex) {
        long started = ex.decisionStartedId;
        String timeout = ex.start.taskStartToCloseTimeout();
        ex.decisionTimer = engine.timeouts.after(
                ex.decisionStartedAt,
                timeout,
                () -> engine.updateQuietly(ex, (e, w) -> {
                    if (e.decisionStartedId == started) {
                        long scheduled = e.decisionScheduledId;
                        e.record(
                                EventType.DECISION_TASK_TIMED_OUT,
                                SwfEngine.now(),
                                b -> b.decisionTaskTimedOutEventAttributes(
                                        a -> a.timeoutType(DecisionTaskTimeoutType.START_TO_CLOSE)
                                                .scheduledEventId(scheduled)
                                                .startedEventId(started)));
                        engine.needDecision(e);
                    }
                }));
    }

    /** The deadlines of a scheduled activity task: schedule-to-start and schedule-to-close. */
    void armScheduled(Execution ex, ActivityState a) {
        long id = a.scheduledEventId;
        a.scheduleToStartTimer = engine.timeouts.after(
                a.scheduledAt,
                a.attributes.scheduleToStartTimeout(),
                () -> engine.updateQuietly(ex, (e, w) -> {
                    ActivityState now = e.open.activityByScheduled(id);
                    if (now != null && !now.started()) {
                        timeOut(e, now, ActivityTaskTimeoutType.SCHEDULE_TO_START);
                    }
                }));
        a.scheduleToCloseTimer = engine.timeouts.after(
                a.scheduledAt,
                a.attributes.scheduleToCloseTimeout(),
                () -> engine.updateQuietly(ex, (e, w) -> {
                    ActivityState now = e.open.activityByScheduled(id);
                    if (now != null) {
                        timeOut(e, now, ActivityTaskTimeoutType.SCHEDULE_TO_CLOSE);
                    }
                }));
    }

    /** The deadlines of a started activity task: start-to-close and heartbeat. */
    void armStarted(Execution ex, ActivityState a) {
        long id = a.scheduledEventId;
        long started = a.startedEventId;
        a.startToCloseTimer = engine.timeouts.after(
                a.startedAt,
                a.attributes.startToCloseTimeout(),
                () -> engine.updateQuietly(ex, (e, w) -> {
                    ActivityState now = e.open.activityByScheduled(id);
                    if (now != null && now.startedEventId == started) {
                        timeOut(e, now, ActivityTaskTimeoutType.START_TO_CLOSE);
                    }
                }));
        armHeartbeat(ex, a, a.lastHeartbeat);
    }

    /**
     * The heartbeat deadline counts from the last heartbeat. Heartbeats do not move it; when it fires it checks
     * the last heartbeat and sets itself again if one came in time, which costs far less than re-arming per call.
     */
    private void armHeartbeat(Execution ex, ActivityState a, Instant from) {
        long id = a.scheduledEventId;
        long started = a.startedEventId;
        a.heartbeatTimer = engine.timeouts.after(
                from,
                a.attributes.heartbeatTimeout(),
                () -> engine.updateQuietly(ex, (e, w) -> {
                    ActivityState now = e.open.activityByScheduled(id);
                    if (now == null || now.startedEventId != started) {
                        return;
                    }
                    Instant deadline = now.lastHeartbeat.plus(Durations.of(now.attributes.heartbeatTimeout()));
                    if (!SwfEngine.now().isBefore(deadline)) {
                        timeOut(e, now, ActivityTaskTimeoutType.HEARTBEAT);
                    } else {
                        armHeartbeat(e, now, now.lastHeartbeat);
                    }
                }));
    }

    void armTimer(Execution ex, TimerState t) {
        String timerId = t.timerId;
        long started = t.startedEventId;
        t.timer = engine.timeouts.at(
                t.fireAt,
                () -> engine.updateQuietly(ex, (e, w) -> {
                    TimerState now = e.open.timer(timerId);
                    if (now != null && now.startedEventId == started) {
                        e.record(
                                EventType.TIMER_FIRED,
                                SwfEngine.now(),
                                b -> b.timerFiredEventAttributes(
                                        a -> a.timerId(timerId).startedEventId(started)));
                        engine.needDecision(e);
                    }
                }));
    }

    private void timeOut(Execution ex, ActivityState a, ActivityTaskTimeoutType type) {
        ex.record(
                EventType.ACTIVITY_TASK_TIMED_OUT,
                SwfEngine.now(),
                b -> b.activityTaskTimedOutEventAttributes(x -> x.timeoutType(type)
                        .scheduledEventId(a.scheduledEventId)
                        .startedEventId(a.startedEventId)
                        .details(a.heartbeatDetails)));
        engine.needDecision(ex);
    }

    /** After a restart: every task back on its list, every deadline armed again, pending hand-offs redone. */
    void rearm(Execution ex, Work work) {
        armWorkflow(ex);
        if (ex.decisionScheduledId != 0 && ex.decisionStartedId == 0) {
            engine.offerDecision(ex, ex.decisionScheduledId);
        } else if (ex.decisionStartedId != 0) {
            armDecision(ex);
        }
        for (ActivityState a : ex.open.activities()) {
            armScheduled(ex, a);
            if (a.started()) {
                armStarted(ex, a);
            } else {
                engine.activityTasks.offer(ex, a);
            }
        }
        ex.open.timers().forEach(t -> armTimer(ex, t));
        engine.outcomes.resume(ex, work);
    }
}
