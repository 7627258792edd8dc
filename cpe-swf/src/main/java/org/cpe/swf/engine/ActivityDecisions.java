package org.cpe.swf.engine;

import java.time.Instant;
import software.amazon.awssdk.services.swf.model.*;

/** The ScheduleActivityTask and RequestCancelActivityTask decisions, with the activity type's defaults. */
final class ActivityDecisions {

    private final SwfEngine engine;

    ActivityDecisions(SwfEngine engine) {
        this.engine = engine;
    }

    /** True when the decision failed, which calls for another decision task. */
    boolean schedule(Execution ex, ScheduleActivityTaskDecisionAttributes a, long completed) {
        Instant now = SwfEngine.now();
        TypeRegistry.Entry<ActivityTypeInfo, ActivityTypeConfiguration> type =
                engine.registry.findActivityType(ex.domain, a.activityType());
        ActivityTypeConfiguration d = type == null ? null : type.configuration();
        TaskList taskList = a.taskList() != null ? a.taskList() : d == null ? null : d.defaultTaskList();
        String scheduleToStart = d == null
                ? null
                : Durations.firstSet(a.scheduleToStartTimeout(), d.defaultTaskScheduleToStartTimeout());
        String scheduleToClose = d == null
                ? null
                : Durations.firstSet(a.scheduleToCloseTimeout(), d.defaultTaskScheduleToCloseTimeout());
        String startToClose =
                d == null ? null : Durations.firstSet(a.startToCloseTimeout(), d.defaultTaskStartToCloseTimeout());
        String heartbeat = d == null ? null : Durations.firstSet(a.heartbeatTimeout(), d.defaultTaskHeartbeatTimeout());
        ScheduleActivityTaskFailedCause cause;
        if (type == null) {
            cause = ScheduleActivityTaskFailedCause.ACTIVITY_TYPE_DOES_NOT_EXIST;
        } else if (type.info().status() == RegistrationStatus.DEPRECATED) {
            cause = ScheduleActivityTaskFailedCause.ACTIVITY_TYPE_DEPRECATED;
        } else if (ex.open.activity(a.activityId()) != null) {
            cause = ScheduleActivityTaskFailedCause.ACTIVITY_ID_ALREADY_IN_USE;
        } else if (ex.open.activityCount() >= Limits.OPEN_ACTIVITIES) {
            cause = ScheduleActivityTaskFailedCause.OPEN_ACTIVITIES_LIMIT_EXCEEDED;
        } else if (taskList == null) {
            cause = ScheduleActivityTaskFailedCause.DEFAULT_TASK_LIST_UNDEFINED;
        } else if (scheduleToStart == null) {
            cause = ScheduleActivityTaskFailedCause.DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED;
        } else if (scheduleToClose == null) {
            cause = ScheduleActivityTaskFailedCause.DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED;
        } else if (startToClose == null) {
            cause = ScheduleActivityTaskFailedCause.DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED;
        } else if (heartbeat == null) {
            cause = ScheduleActivityTaskFailedCause.DEFAULT_HEARTBEAT_TIMEOUT_UNDEFINED;
        } else {
            cause = null;
        }
        if (cause != null) {
            ex.record(
                    EventType.SCHEDULE_ACTIVITY_TASK_FAILED,
                    now,
                    b -> b.scheduleActivityTaskFailedEventAttributes(x -> x.activityType(a.activityType())
                            .activityId(a.activityId())
                            .cause(cause)
                            .decisionTaskCompletedEventId(completed)));
            return true;
        }
        String priority = Durations.firstSet(a.taskPriority(), d.defaultTaskPriority());
        ex.record(
                EventType.ACTIVITY_TASK_SCHEDULED,
                now,
                b -> b.activityTaskScheduledEventAttributes(x -> x.activityType(a.activityType())
                        .activityId(a.activityId())
                        .input(a.input())
                        .control(a.control())
                        .scheduleToStartTimeout(scheduleToStart)
                        .scheduleToCloseTimeout(scheduleToClose)
                        .startToCloseTimeout(startToClose)
                        .heartbeatTimeout(heartbeat)
                        .taskList(taskList)
                        .taskPriority(priority)
                        .decisionTaskCompletedEventId(completed)));
        ActivityState scheduled = ex.open.activity(a.activityId());
        engine.deadlines.armScheduled(ex, scheduled);
        engine.activityTasks.offer(ex, scheduled);
        return false;
    }

    /** A task not started yet is canceled at once; a started one learns of it from its next heartbeat. */
    boolean requestCancel(Execution ex, RequestCancelActivityTaskDecisionAttributes a, long completed) {
        Instant now = SwfEngine.now();
        ActivityState activity = ex.open.activity(a.activityId());
        if (activity == null) {
            ex.record(
                    EventType.REQUEST_CANCEL_ACTIVITY_TASK_FAILED,
                    now,
                    b -> b.requestCancelActivityTaskFailedEventAttributes(x -> x.activityId(a.activityId())
                            .cause(RequestCancelActivityTaskFailedCause.ACTIVITY_ID_UNKNOWN)
                            .decisionTaskCompletedEventId(completed)));
            return true;
        }
        long requested = ex.record(
                        EventType.ACTIVITY_TASK_CANCEL_REQUESTED,
                        now,
                        b -> b.activityTaskCancelRequestedEventAttributes(
                                x -> x.activityId(a.activityId()).decisionTaskCompletedEventId(completed)))
                .eventId();
        if (!activity.started()) {
            ex.record(
                    EventType.ACTIVITY_TASK_CANCELED,
                    now,
                    b -> b.activityTaskCanceledEventAttributes(x -> x.scheduledEventId(activity.scheduledEventId)
                            .startedEventId(0L)
                            .latestCancelRequestedEventId(requested)));
            return true;
        }
        return false;
    }
}
