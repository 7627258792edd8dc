package org.cpe.swf.json;

import java.time.Instant;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.ScheduleActivityTaskFailedCause;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/** Realistic SWF model objects shared by the codec and HTTP tests. */
public final class SwfSamples {

    public static final Instant STARTED = Instant.ofEpochMilli(1_700_000_000_123L);

    private static final WorkflowType WORKFLOW =
            WorkflowType.builder().name("process").version("1").build();
    private static final ActivityType ACTIVITY =
            ActivityType.builder().name("transcode").version("2").build();
    private static final TaskList TASKS = TaskList.builder().name("cpe-tasks").build();

    private SwfSamples() {}

    /** A decision task completion with one decision of each kind CPE makes, and a few more. */
    public static RespondDecisionTaskCompletedRequest decisions() {
        return RespondDecisionTaskCompletedRequest.builder()
                .taskToken("token-1")
                .executionContext("{\"step\":3}")
                .decisions(
                        Decision.builder()
                                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                                .scheduleActivityTaskDecisionAttributes(a -> a.activityType(ACTIVITY)
                                        .activityId("a-1")
                                        .input("{\"file\":\"in.mp4\"}")
                                        .taskList(TASKS)
                                        .taskPriority("5")
                                        .scheduleToCloseTimeout("3600")
                                        .scheduleToStartTimeout("NONE")
                                        .startToCloseTimeout("600")
                                        .heartbeatTimeout("60"))
                                .build(),
                        Decision.builder()
                                .decisionType(DecisionType.START_TIMER)
                                .startTimerDecisionAttributes(t -> t.timerId("retry-1")
                                        .startToFireTimeout("30")
                                        .control("backoff"))
                                .build(),
                        Decision.builder()
                                .decisionType(DecisionType.RECORD_MARKER)
                                .recordMarkerDecisionAttributes(
                                        m -> m.markerName("progress").details("héllo \"quoted\" \n line"))
                                .build(),
                        Decision.builder()
                                .decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
                                .requestCancelActivityTaskDecisionAttributes(c -> c.activityId("a-0"))
                                .build(),
                        Decision.builder()
                                .decisionType(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
                                .continueAsNewWorkflowExecutionDecisionAttributes(c -> c.input("next")
                                        .childPolicy(ChildPolicy.ABANDON)
                                        .tagList("cpe", "batch-7")
                                        .taskList(TASKS))
                                .build(),
                        Decision.builder()
                                .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
                                .failWorkflowExecutionDecisionAttributes(
                                        f -> f.reason("bad input").details("line 3"))
                                .build())
                .build();
    }

    /** A decision task with a history of several event types, timestamps and enum members. */
    public static PollForDecisionTaskResponse decisionTask() {
        WorkflowExecution execution =
                WorkflowExecution.builder().workflowId("wf-1").runId("run-1").build();
        return PollForDecisionTaskResponse.builder()
                .taskToken("token-1")
                .startedEventId(6L)
                .previousStartedEventId(3L)
                .workflowExecution(execution)
                .workflowType(WORKFLOW)
                .nextPageToken("page-2")
                .events(
                        event(1, EventType.WORKFLOW_EXECUTION_STARTED, 0)
                                .workflowExecutionStartedEventAttributes(a -> a.input("{\"job\":42}")
                                        .workflowType(WORKFLOW)
                                        .taskList(TASKS)
                                        .childPolicy(ChildPolicy.TERMINATE)
                                        .executionStartToCloseTimeout("86400")
                                        .taskStartToCloseTimeout("NONE")
                                        .tagList("cpe", "batch-7"))
                                .build(),
                        event(2, EventType.DECISION_TASK_SCHEDULED, 1)
                                .decisionTaskScheduledEventAttributes(
                                        a -> a.taskList(TASKS).startToCloseTimeout("60"))
                                .build(),
                        event(3, EventType.DECISION_TASK_STARTED, 2)
                                .decisionTaskStartedEventAttributes(
                                        a -> a.identity("decider@host").scheduledEventId(2L))
                                .build(),
                        event(4, EventType.SCHEDULE_ACTIVITY_TASK_FAILED, 3)
                                .scheduleActivityTaskFailedEventAttributes(a -> a.activityType(ACTIVITY)
                                        .activityId("a-1")
                                        .cause(ScheduleActivityTaskFailedCause.ACTIVITY_TYPE_DOES_NOT_EXIST)
                                        .decisionTaskCompletedEventId(3L))
                                .build(),
                        event(5, EventType.ACTIVITY_TASK_TIMED_OUT, 999)
                                .activityTaskTimedOutEventAttributes(
                                        a -> a.timeoutType(ActivityTaskTimeoutType.HEARTBEAT)
                                                .scheduledEventId(4L)
                                                .startedEventId(5L)
                                                .details("50%"))
                                .build(),
                        event(6, EventType.TIMER_FIRED, 1000)
                                .timerFiredEventAttributes(
                                        a -> a.timerId("retry-1").startedEventId(4L))
                                .build())
                .build();
    }

    private static HistoryEvent.Builder event(long id, EventType type, long millisAfterStart) {
        return HistoryEvent.builder().eventId(id).eventType(type).eventTimestamp(STARTED.plusMillis(millisAfterStart));
    }
}
