package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.*;

/**
 * Each of SWF's thirteen decision types, through the AWS SDK v2 over HTTP: the events a valid decision records, and
 * for an invalid one the {@code *Failed} event with SWF's cause plus a new decision task, never a request error.
 */
class DecisionTypesTest {

    private static final Duration WITHIN = Duration.ofSeconds(3);

    private static SwfService service;
    private Workflows wf;

    @BeforeAll
    static void startService() {
        service = SwfService.start();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @BeforeEach
    void newDomain() {
        wf = new Workflows(service.client());
    }

    // --- ScheduleActivityTask --------------------------------------------------------------------------------

    @Test
    void scheduleActivityTaskRecordsTheTaskWithTheTypeDefaultsAndHandsItToAWorker() {
        String runId = wf.start("w");
        PollForDecisionTaskResponse first = wf.decisionTask();
        wf.decide(first.taskToken(), Workflows.scheduleActivity(wf.activityType, "a1", "work"));

        HistoryEvent scheduled = wf.awaitEvent("w", runId, ACTIVITY_TASK_SCHEDULED, WITHIN);
        ActivityTaskScheduledEventAttributes a = scheduled.activityTaskScheduledEventAttributes();
        assertThat(a.activityId()).isEqualTo("a1");
        assertThat(a.activityType()).isEqualTo(wf.activityType);
        assertThat(a.input()).isEqualTo("work");
        assertThat(a.taskList().name()).isEqualTo(wf.activityList);
        assertThat(a.scheduleToStartTimeout()).isEqualTo("300");
        assertThat(a.scheduleToCloseTimeout()).isEqualTo("600");
        assertThat(a.startToCloseTimeout()).isEqualTo("300");
        assertThat(a.heartbeatTimeout()).isEqualTo("NONE");
        assertThat(a.decisionTaskCompletedEventId()).isEqualTo(scheduled.eventId() - 1);

        PollForActivityTaskResponse task = wf.activityTask();
        assertThat(task.activityId()).isEqualTo("a1");
        assertThat(task.input()).isEqualTo("work");
    }

    @Test
    void scheduleActivityTaskOfAnUnknownTypeFailsWithActivityTypeDoesNotExist() {
        ActivityType unknown = ActivityType.builder().name("nope").version("1").build();
        assertScheduleFails(
                Workflows.scheduleActivity(unknown, "a1", "x"),
                ScheduleActivityTaskFailedCause.ACTIVITY_TYPE_DOES_NOT_EXIST);
    }

    @Test
    void scheduleActivityTaskOfADeprecatedTypeFailsWithActivityTypeDeprecated() {
        service.client().deprecateActivityType(r -> r.domain(wf.domain).activityType(wf.activityType));
        assertScheduleFails(
                Workflows.scheduleActivity(wf.activityType, "a1", "x"),
                ScheduleActivityTaskFailedCause.ACTIVITY_TYPE_DEPRECATED);
    }

    @Test
    void scheduleActivityTaskWithAnOpenActivityIdFailsWithActivityIdAlreadyInUse() {
        String runId = wf.start("w");
        PollForDecisionTaskResponse first = wf.decisionTask();
        wf.decide(
                first.taskToken(),
                Workflows.scheduleActivity(wf.activityType, "a1", "one"),
                Workflows.scheduleActivity(wf.activityType, "a1", "two"));

        HistoryEvent failed = wf.awaitEvent("w", runId, SCHEDULE_ACTIVITY_TASK_FAILED, WITHIN);
        assertThat(failed.scheduleActivityTaskFailedEventAttributes().cause())
                .isEqualTo(ScheduleActivityTaskFailedCause.ACTIVITY_ID_ALREADY_IN_USE);
        assertThat(failed.scheduleActivityTaskFailedEventAttributes().activityId())
                .isEqualTo("a1");
        assertThat(wf.eventTypes("w", runId)).containsOnlyOnce(ACTIVITY_TASK_SCHEDULED);
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(SCHEDULE_ACTIVITY_TASK_FAILED);
        assertThat(wf.activityTask().input()).as("the first one stands").isEqualTo("one");
    }

    @Test
    void scheduleActivityTaskWithoutTaskListOfATypeWithoutDefaultsFailsWithDefaultTaskListUndefined() {
        service.client()
                .registerActivityType(r -> r.domain(wf.domain).name("bare").version("1"));
        Decision schedule = Decision.builder()
                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(
                        a -> a.activityType(t -> t.name("bare").version("1"))
                                .activityId("a1")
                                .scheduleToStartTimeout("60")
                                .scheduleToCloseTimeout("60")
                                .startToCloseTimeout("60")
                                .heartbeatTimeout("NONE"))
                .build();
        assertScheduleFails(schedule, ScheduleActivityTaskFailedCause.DEFAULT_TASK_LIST_UNDEFINED);
    }

    private void assertScheduleFails(Decision schedule, ScheduleActivityTaskFailedCause cause) {
        String runId = wf.start("w");
        PollForDecisionTaskResponse first = wf.decisionTask();

        wf.decide(first.taskToken(), schedule);

        HistoryEvent failed = wf.awaitEvent("w", runId, SCHEDULE_ACTIVITY_TASK_FAILED, WITHIN);
        ScheduleActivityTaskFailedEventAttributes a = failed.scheduleActivityTaskFailedEventAttributes();
        assertThat(a.cause()).isEqualTo(cause);
        assertThat(a.activityId()).isEqualTo("a1");
        assertThat(a.activityType())
                .isEqualTo(schedule.scheduleActivityTaskDecisionAttributes().activityType());
        assertThat(a.decisionTaskCompletedEventId()).isEqualTo(failed.eventId() - 1);
        assertThat(wf.eventTypes("w", runId)).doesNotContain(ACTIVITY_TASK_SCHEDULED);
        PollForDecisionTaskResponse next = wf.decisionTask();
        assertThat(Workflows.newEvents(next))
                .extracting(HistoryEvent::eventType)
                .containsExactly(
                        DECISION_TASK_COMPLETED,
                        SCHEDULE_ACTIVITY_TASK_FAILED,
                        DECISION_TASK_SCHEDULED,
                        DECISION_TASK_STARTED);
    }

    // --- RequestCancelActivityTask ---------------------------------------------------------------------------

    @Test
    void requestCancelActivityTaskOfATaskNotStartedCancelsItAtOnce() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken(), Workflows.scheduleActivity(wf.activityType, "a1", "x"));
        signal("w", "cancel-it");
        PollForDecisionTaskResponse second = wf.decisionTask();

        wf.decide(second.taskToken(), requestCancelActivity("a1"));

        HistoryEvent requested = wf.awaitEvent("w", runId, ACTIVITY_TASK_CANCEL_REQUESTED, WITHIN);
        assertThat(requested.activityTaskCancelRequestedEventAttributes().activityId())
                .isEqualTo("a1");
        HistoryEvent canceled = wf.awaitEvent("w", runId, ACTIVITY_TASK_CANCELED, WITHIN);
        assertThat(canceled.eventId()).isEqualTo(requested.eventId() + 1);
        assertThat(canceled.activityTaskCanceledEventAttributes().latestCancelRequestedEventId())
                .isEqualTo(requested.eventId());
        assertThat(canceled.activityTaskCanceledEventAttributes().scheduledEventId())
                .isEqualTo(wf.awaitEvent("w", runId, ACTIVITY_TASK_SCHEDULED, WITHIN)
                        .eventId());
        assertThat(service.client()
                        .countPendingActivityTasks(r -> r.domain(wf.domain).taskList(t -> t.name(wf.activityList)))
                        .count())
                .as("no worker will get the canceled task")
                .isZero();
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(ACTIVITY_TASK_CANCEL_REQUESTED, ACTIVITY_TASK_CANCELED);
    }

    @Test
    void requestCancelActivityTaskOfAStartedTaskReachesItsWorkerThroughTheHeartbeat() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken(), Workflows.scheduleActivity(wf.activityType, "a1", "x"));
        PollForActivityTaskResponse task = wf.activityTask();
        assertThat(service.client()
                        .recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken()))
                        .cancelRequested())
                .isFalse();
        signal("w", "cancel-it");
        wf.decide(wf.decisionTask().taskToken(), requestCancelActivity("a1"));

        HistoryEvent requested = wf.awaitEvent("w", runId, ACTIVITY_TASK_CANCEL_REQUESTED, WITHIN);
        assertThat(wf.eventTypes("w", runId))
                .as("a started task stays open until its worker answers")
                .doesNotContain(ACTIVITY_TASK_CANCELED)
                .endsWith(ACTIVITY_TASK_CANCEL_REQUESTED);
        assertThat(service.client()
                        .recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken()))
                        .cancelRequested())
                .isTrue();

        service.client()
                .respondActivityTaskCanceled(r -> r.taskToken(task.taskToken()).details("undone"));

        HistoryEvent canceled = wf.awaitEvent("w", runId, ACTIVITY_TASK_CANCELED, WITHIN);
        ActivityTaskCanceledEventAttributes a = canceled.activityTaskCanceledEventAttributes();
        assertThat(a.details()).isEqualTo("undone");
        assertThat(a.startedEventId()).isEqualTo(task.startedEventId());
        assertThat(a.latestCancelRequestedEventId()).isEqualTo(requested.eventId());
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(ACTIVITY_TASK_CANCELED);
    }

    @Test
    void requestCancelActivityTaskOfAnUnknownIdFailsWithActivityIdUnknown() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken(), requestCancelActivity("ghost"));

        HistoryEvent failed = wf.awaitEvent("w", runId, REQUEST_CANCEL_ACTIVITY_TASK_FAILED, WITHIN);
        assertThat(failed.requestCancelActivityTaskFailedEventAttributes().cause())
                .isEqualTo(RequestCancelActivityTaskFailedCause.ACTIVITY_ID_UNKNOWN);
        assertThat(failed.requestCancelActivityTaskFailedEventAttributes().activityId())
                .isEqualTo("ghost");
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(REQUEST_CANCEL_ACTIVITY_TASK_FAILED);
    }

    // --- closing the execution -------------------------------------------------------------------------------

    @Test
    void completeWorkflowExecutionRecordsTheResultAndClosesCompleted() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken(), Workflows.complete("result"));

        HistoryEvent completed = wf.awaitEvent("w", runId, WORKFLOW_EXECUTION_COMPLETED, WITHIN);
        assertThat(completed.workflowExecutionCompletedEventAttributes().result())
                .isEqualTo("result");
        WorkflowExecutionInfo info = wf.describe("w", runId);
        assertThat(info.executionStatus()).isEqualTo(ExecutionStatus.CLOSED);
        assertThat(info.closeStatus()).isEqualTo(CloseStatus.COMPLETED);
    }

    @Test
    void failWorkflowExecutionRecordsReasonAndDetailsAndClosesFailed() {
        String runId = wf.start("w");
        wf.decide(
                wf.decisionTask().taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
                        .failWorkflowExecutionDecisionAttributes(
                                a -> a.reason("broken").details("stack"))
                        .build());

        HistoryEvent failed = wf.awaitEvent("w", runId, WORKFLOW_EXECUTION_FAILED, WITHIN);
        assertThat(failed.workflowExecutionFailedEventAttributes().reason()).isEqualTo("broken");
        assertThat(failed.workflowExecutionFailedEventAttributes().details()).isEqualTo("stack");
        assertThat(wf.describe("w", runId).closeStatus()).isEqualTo(CloseStatus.FAILED);
    }

    @Test
    void cancelWorkflowExecutionAfterACancelRequestClosesCanceled() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken());
        service.client().requestCancelWorkflowExecution(r -> r.domain(wf.domain).workflowId("w"));

        PollForDecisionTaskResponse task = wf.decisionTask();
        assertThat(Workflows.newEvents(task))
                .extracting(HistoryEvent::eventType)
                .containsSubsequence(WORKFLOW_EXECUTION_CANCEL_REQUESTED, DECISION_TASK_STARTED);
        wf.decide(
                task.taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.CANCEL_WORKFLOW_EXECUTION)
                        .cancelWorkflowExecutionDecisionAttributes(a -> a.details("as asked"))
                        .build());

        HistoryEvent canceled = wf.awaitEvent("w", runId, WORKFLOW_EXECUTION_CANCELED, WITHIN);
        assertThat(canceled.workflowExecutionCanceledEventAttributes().details())
                .isEqualTo("as asked");
        WorkflowExecutionInfo info = wf.describe("w", runId);
        assertThat(info.closeStatus()).isEqualTo(CloseStatus.CANCELED);
        assertThat(info.cancelRequested()).isTrue();
    }

    @Test
    void continueAsNewClosesTheRunAndStartsANewRunOfTheSameWorkflowId() {
        String oldRun = wf.start("w");
        wf.decide(
                wf.decisionTask().taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
                        .continueAsNewWorkflowExecutionDecisionAttributes(a -> a.input("round 2"))
                        .build());

        HistoryEvent continued = wf.awaitEvent("w", oldRun, WORKFLOW_EXECUTION_CONTINUED_AS_NEW, WITHIN);
        String newRun =
                continued.workflowExecutionContinuedAsNewEventAttributes().newExecutionRunId();
        assertThat(newRun).isNotBlank().isNotEqualTo(oldRun);
        assertThat(continued.workflowExecutionContinuedAsNewEventAttributes().input())
                .isEqualTo("round 2");
        assertThat(wf.describe("w", oldRun).closeStatus()).isEqualTo(CloseStatus.CONTINUED_AS_NEW);

        WorkflowExecutionInfo next = wf.describe("w", newRun);
        assertThat(next.executionStatus()).isEqualTo(ExecutionStatus.OPEN);
        assertThat(next.execution().workflowId()).isEqualTo("w");
        WorkflowExecutionStartedEventAttributes started =
                wf.history("w", newRun).get(0).workflowExecutionStartedEventAttributes();
        assertThat(started.continuedExecutionRunId()).isEqualTo(oldRun);
        assertThat(started.input()).isEqualTo("round 2");
        assertThat(started.taskList().name()).isEqualTo(wf.decisionList);

        PollForDecisionTaskResponse task = wf.decisionTask();
        assertThat(task.workflowExecution().runId()).isEqualTo(newRun);
        assertThat(task.previousStartedEventId()).isZero();
    }

    @Test
    void continueAsNewToAnUnregisteredVersionFailsWithWorkflowTypeDoesNotExist() {
        String runId = wf.start("w");
        wf.decide(
                wf.decisionTask().taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
                        .continueAsNewWorkflowExecutionDecisionAttributes(a -> a.workflowTypeVersion("99"))
                        .build());

        HistoryEvent failed = wf.awaitEvent("w", runId, CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED, WITHIN);
        assertThat(failed.continueAsNewWorkflowExecutionFailedEventAttributes().cause())
                .isEqualTo(ContinueAsNewWorkflowExecutionFailedCause.WORKFLOW_TYPE_DOES_NOT_EXIST);
        assertThat(wf.describe("w", runId).executionStatus()).isEqualTo(ExecutionStatus.OPEN);
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED);
    }

    // --- markers and timers ----------------------------------------------------------------------------------

    @Test
    void recordMarkerRecordsMarkerRecordedWithoutANewDecisionTask() {
        String runId = wf.start("w");
        wf.decide(
                wf.decisionTask().taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.RECORD_MARKER)
                        .recordMarkerDecisionAttributes(
                                a -> a.markerName("checkpoint").details("42"))
                        .build());

        HistoryEvent marker = wf.awaitEvent("w", runId, MARKER_RECORDED, WITHIN);
        assertThat(marker.markerRecordedEventAttributes().markerName()).isEqualTo("checkpoint");
        assertThat(marker.markerRecordedEventAttributes().details()).isEqualTo("42");
        assertThat(marker.markerRecordedEventAttributes().decisionTaskCompletedEventId())
                .isEqualTo(marker.eventId() - 1);
        assertThat(wf.eventTypes("w", runId)).endsWith(DECISION_TASK_COMPLETED, MARKER_RECORDED);
    }

    @Test
    void startTimerFiresAfterItsTimeoutAndSchedulesADecisionTask() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken(), startTimer("t", "1"));

        HistoryEvent started = wf.awaitEvent("w", runId, TIMER_STARTED, WITHIN);
        assertThat(started.timerStartedEventAttributes().timerId()).isEqualTo("t");
        assertThat(started.timerStartedEventAttributes().startToFireTimeout()).isEqualTo("1");
        assertThat(started.timerStartedEventAttributes().control()).isEqualTo("ctl");

        HistoryEvent fired = wf.awaitEvent("w", runId, TIMER_FIRED, WITHIN);
        assertThat(fired.timerFiredEventAttributes().timerId()).isEqualTo("t");
        assertThat(fired.timerFiredEventAttributes().startedEventId()).isEqualTo(started.eventId());
        assertThat(Duration.between(started.eventTimestamp(), fired.eventTimestamp()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .endsWith(TIMER_FIRED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED);
    }

    @Test
    void startTimerWithAnOpenTimerIdFailsWithTimerIdAlreadyInUse() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken(), startTimer("t", "60"), startTimer("t", "60"));

        HistoryEvent failed = wf.awaitEvent("w", runId, START_TIMER_FAILED, WITHIN);
        assertThat(failed.startTimerFailedEventAttributes().cause())
                .isEqualTo(StartTimerFailedCause.TIMER_ID_ALREADY_IN_USE);
        assertThat(failed.startTimerFailedEventAttributes().timerId()).isEqualTo("t");
        assertThat(wf.eventTypes("w", runId)).containsOnlyOnce(TIMER_STARTED);
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(START_TIMER_FAILED);
    }

    @Test
    void cancelTimerRecordsTimerCanceledAndTheTimerNeverFires() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken(), startTimer("t", "2"));
        HistoryEvent started = wf.awaitEvent("w", runId, TIMER_STARTED, WITHIN);
        signal("w", "cancel-it");

        // a probe timer started after the cancel fires no earlier than the canceled one would have
        wf.decide(wf.decisionTask().taskToken(), cancelTimer("t"), startTimer("probe", "2"));

        HistoryEvent canceled = wf.awaitEvent("w", runId, TIMER_CANCELED, WITHIN);
        assertThat(canceled.timerCanceledEventAttributes().timerId()).isEqualTo("t");
        assertThat(canceled.timerCanceledEventAttributes().startedEventId()).isEqualTo(started.eventId());
        assertThat(canceled.timerCanceledEventAttributes().decisionTaskCompletedEventId())
                .isEqualTo(canceled.eventId() - 1);
        wf.awaitEvent("w", runId, TIMER_FIRED, WITHIN);
        assertThat(wf.history("w", runId).stream()
                        .filter(e -> e.eventType() == TIMER_FIRED)
                        .map(e -> e.timerFiredEventAttributes().timerId()))
                .containsExactly("probe");
    }

    @Test
    void cancelTimerOfAnUnknownIdFailsWithTimerIdUnknown() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken(), cancelTimer("ghost"));

        HistoryEvent failed = wf.awaitEvent("w", runId, CANCEL_TIMER_FAILED, WITHIN);
        assertThat(failed.cancelTimerFailedEventAttributes().cause())
                .isEqualTo(CancelTimerFailedCause.TIMER_ID_UNKNOWN);
        assertThat(failed.cancelTimerFailedEventAttributes().timerId()).isEqualTo("ghost");
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(CANCEL_TIMER_FAILED);
    }

    // --- other executions ------------------------------------------------------------------------------------

    @Test
    void signalExternalWorkflowExecutionSignalsTheTargetAndTellsTheSource() {
        String targetList = "targets-" + wf.decisionList;
        String targetRun = wf.startOn("target", targetList, ChildPolicy.TERMINATE);
        String sourceRun = wf.start("source");
        WorkflowExecution source = wf.execution("source", sourceRun);

        wf.decide(
                wf.decisionTask().taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION)
                        .signalExternalWorkflowExecutionDecisionAttributes(a -> a.workflowId("target")
                                .signalName("ping")
                                .input("hello")
                                .control("c"))
                        .build());

        HistoryEvent initiated =
                wf.awaitEvent("source", sourceRun, SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, WITHIN);
        assertThat(initiated
                        .signalExternalWorkflowExecutionInitiatedEventAttributes()
                        .workflowId())
                .isEqualTo("target");
        HistoryEvent signaled = wf.awaitEvent("target", targetRun, WORKFLOW_EXECUTION_SIGNALED, WITHIN);
        WorkflowExecutionSignaledEventAttributes s = signaled.workflowExecutionSignaledEventAttributes();
        assertThat(s.signalName()).isEqualTo("ping");
        assertThat(s.input()).isEqualTo("hello");
        assertThat(s.externalWorkflowExecution()).isEqualTo(source);
        assertThat(s.externalInitiatedEventId()).isEqualTo(initiated.eventId());

        HistoryEvent delivered = wf.awaitEvent("source", sourceRun, EXTERNAL_WORKFLOW_EXECUTION_SIGNALED, WITHIN);
        assertThat(delivered.externalWorkflowExecutionSignaledEventAttributes().workflowExecution())
                .isEqualTo(wf.execution("target", targetRun));
        assertThat(delivered.externalWorkflowExecutionSignaledEventAttributes().initiatedEventId())
                .isEqualTo(initiated.eventId());
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(EXTERNAL_WORKFLOW_EXECUTION_SIGNALED);
        assertThat(Workflows.newEvents(wf.decisionTaskOn(targetList)))
                .extracting(HistoryEvent::eventType)
                .contains(WORKFLOW_EXECUTION_SIGNALED);
    }

    @Test
    void signalExternalWorkflowExecutionOfAnUnknownTargetFailsWithUnknownExternalWorkflowExecution() {
        String runId = wf.start("source");
        wf.decide(
                wf.decisionTask().taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION)
                        .signalExternalWorkflowExecutionDecisionAttributes(
                                a -> a.workflowId("nobody").signalName("ping").control("c"))
                        .build());

        HistoryEvent failed = wf.awaitEvent("source", runId, SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, WITHIN);
        SignalExternalWorkflowExecutionFailedEventAttributes a =
                failed.signalExternalWorkflowExecutionFailedEventAttributes();
        assertThat(a.cause()).isEqualTo(SignalExternalWorkflowExecutionFailedCause.UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION);
        assertThat(a.workflowId()).isEqualTo("nobody");
        assertThat(a.control()).isEqualTo("c");
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED);
    }

    @Test
    void requestCancelExternalWorkflowExecutionRequestsCancelOfTheTargetAndTellsTheSource() {
        String targetList = "targets-" + wf.decisionList;
        String targetRun = wf.startOn("target", targetList, ChildPolicy.TERMINATE);
        String sourceRun = wf.start("source");

        wf.decide(
                wf.decisionTask().taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION)
                        .requestCancelExternalWorkflowExecutionDecisionAttributes(
                                a -> a.workflowId("target").runId(targetRun))
                        .build());

        HistoryEvent initiated =
                wf.awaitEvent("source", sourceRun, REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, WITHIN);
        HistoryEvent requested = wf.awaitEvent("target", targetRun, WORKFLOW_EXECUTION_CANCEL_REQUESTED, WITHIN);
        assertThat(requested.workflowExecutionCancelRequestedEventAttributes().externalWorkflowExecution())
                .isEqualTo(wf.execution("source", sourceRun));
        assertThat(requested.workflowExecutionCancelRequestedEventAttributes().externalInitiatedEventId())
                .isEqualTo(initiated.eventId());
        HistoryEvent told = wf.awaitEvent("source", sourceRun, EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED, WITHIN);
        assertThat(told.externalWorkflowExecutionCancelRequestedEventAttributes()
                        .workflowExecution())
                .isEqualTo(wf.execution("target", targetRun));
        assertThat(told.externalWorkflowExecutionCancelRequestedEventAttributes()
                        .initiatedEventId())
                .isEqualTo(initiated.eventId());
        assertThat(wf.describe("target", targetRun).cancelRequested()).isTrue();
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
    }

    @Test
    void requestCancelExternalWorkflowExecutionOfAnUnknownTargetFailsWithUnknownExternalWorkflowExecution() {
        String runId = wf.start("source");
        wf.decide(
                wf.decisionTask().taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION)
                        .requestCancelExternalWorkflowExecutionDecisionAttributes(
                                a -> a.workflowId("nobody").control("c"))
                        .build());

        HistoryEvent failed = wf.awaitEvent("source", runId, REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, WITHIN);
        RequestCancelExternalWorkflowExecutionFailedEventAttributes a =
                failed.requestCancelExternalWorkflowExecutionFailedEventAttributes();
        assertThat(a.cause())
                .isEqualTo(RequestCancelExternalWorkflowExecutionFailedCause.UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION);
        assertThat(a.workflowId()).isEqualTo("nobody");
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED);
    }

    // --- children --------------------------------------------------------------------------------------------

    @Test
    void startChildWorkflowExecutionStartsALinkedChildWhoseResultReachesTheParent() {
        String childList = "children-" + wf.decisionList;
        String parentRun = wf.start("parent");
        WorkflowExecution parent = wf.execution("parent", parentRun);

        wf.decide(wf.decisionTask().taskToken(), startChild("child", childList, wf.workflowType));

        HistoryEvent initiated = wf.awaitEvent("parent", parentRun, START_CHILD_WORKFLOW_EXECUTION_INITIATED, WITHIN);
        StartChildWorkflowExecutionInitiatedEventAttributes ci =
                initiated.startChildWorkflowExecutionInitiatedEventAttributes();
        assertThat(ci.workflowId()).isEqualTo("child");
        assertThat(ci.taskList().name()).isEqualTo(childList);
        assertThat(ci.childPolicy())
                .as("the type's default, resolved when initiated")
                .isEqualTo(ChildPolicy.TERMINATE);
        assertThat(ci.executionStartToCloseTimeout()).isEqualTo("3600");
        assertThat(ci.taskStartToCloseTimeout()).isEqualTo("60");
        assertThat(ci.decisionTaskCompletedEventId()).isEqualTo(initiated.eventId() - 1);
        HistoryEvent childStarted = wf.awaitEvent("parent", parentRun, CHILD_WORKFLOW_EXECUTION_STARTED, WITHIN);
        ChildWorkflowExecutionStartedEventAttributes cs = childStarted.childWorkflowExecutionStartedEventAttributes();
        assertThat(cs.initiatedEventId()).isEqualTo(initiated.eventId());
        assertThat(cs.workflowType()).isEqualTo(wf.workflowType);
        assertThat(cs.workflowExecution().workflowId()).isEqualTo("child");
        String childRun = cs.workflowExecution().runId();
        WorkflowExecutionStartedEventAttributes start =
                wf.history("child", childRun).get(0).workflowExecutionStartedEventAttributes();
        assertThat(start.parentWorkflowExecution()).isEqualTo(parent);
        assertThat(start.parentInitiatedEventId()).isEqualTo(initiated.eventId());
        assertThat(start.input()).isEqualTo("child input");
        assertThat(start.taskList().name()).isEqualTo(childList);
        assertThat(wf.describe("child", childRun).parent()).isEqualTo(parent);
        PollForDecisionTaskResponse parentTask = wf.decisionTask();
        assertThat(Workflows.newEvents(parentTask))
                .extracting(HistoryEvent::eventType)
                .contains(CHILD_WORKFLOW_EXECUTION_STARTED);
        wf.decide(parentTask.taskToken());

        PollForDecisionTaskResponse childTask = wf.decisionTaskOn(childList);
        assertThat(childTask.workflowExecution().runId()).isEqualTo(childRun);
        wf.decide(childTask.taskToken(), Workflows.complete("child result"));

        HistoryEvent completed = wf.awaitEvent("parent", parentRun, CHILD_WORKFLOW_EXECUTION_COMPLETED, WITHIN);
        ChildWorkflowExecutionCompletedEventAttributes cc = completed.childWorkflowExecutionCompletedEventAttributes();
        assertThat(cc.result()).isEqualTo("child result");
        assertThat(cc.workflowExecution()).isEqualTo(cs.workflowExecution());
        assertThat(cc.initiatedEventId()).isEqualTo(initiated.eventId());
        assertThat(cc.startedEventId()).isEqualTo(childStarted.eventId());
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(CHILD_WORKFLOW_EXECUTION_COMPLETED);
    }

    @Test
    void startChildWorkflowExecutionOfAnUnknownTypeFailsWithWorkflowTypeDoesNotExist() {
        String runId = wf.start("parent");
        WorkflowType unknown = WorkflowType.builder().name("nope").version("1").build();
        wf.decide(wf.decisionTask().taskToken(), startChild("child", "children-" + wf.decisionList, unknown));

        HistoryEvent failed = wf.awaitEvent("parent", runId, START_CHILD_WORKFLOW_EXECUTION_FAILED, WITHIN);
        StartChildWorkflowExecutionFailedEventAttributes a = failed.startChildWorkflowExecutionFailedEventAttributes();
        assertThat(a.cause()).isEqualTo(StartChildWorkflowExecutionFailedCause.WORKFLOW_TYPE_DOES_NOT_EXIST);
        assertThat(a.workflowId()).isEqualTo("child");
        assertThat(a.workflowType()).isEqualTo(unknown);
        assertThat(a.initiatedEventId()).as("refused before it was initiated").isZero();
        assertThat(a.decisionTaskCompletedEventId()).isEqualTo(failed.eventId() - 1);
        assertThat(a.control()).isEqualTo("c");
        assertThat(wf.eventTypes("parent", runId)).doesNotContain(START_CHILD_WORKFLOW_EXECUTION_INITIATED);
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(START_CHILD_WORKFLOW_EXECUTION_FAILED);
    }

    @Test
    void childPolicyTerminateTerminatesTheChildWhenTheParentIsTerminated() {
        String childRun = startParentWithChild(ChildPolicy.TERMINATE);

        service.client()
                .terminateWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("parent").reason("stop"));

        Awaitility.await().atMost(WITHIN).untilAsserted(() -> assertThat(
                        wf.describe("child", childRun).closeStatus())
                .isEqualTo(CloseStatus.TERMINATED));
        HistoryEvent terminated = wf.awaitEvent("child", childRun, WORKFLOW_EXECUTION_TERMINATED, WITHIN);
        assertThat(terminated.workflowExecutionTerminatedEventAttributes().cause())
                .isEqualTo(WorkflowExecutionTerminatedCause.CHILD_POLICY_APPLIED);
    }

    @Test
    void childPolicyRequestCancelRequestsCancelOfTheChildWhenTheParentIsTerminated() {
        String childRun = startParentWithChild(ChildPolicy.REQUEST_CANCEL);

        service.client()
                .terminateWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("parent").reason("stop"));

        HistoryEvent requested = wf.awaitEvent("child", childRun, WORKFLOW_EXECUTION_CANCEL_REQUESTED, WITHIN);
        assertThat(requested.workflowExecutionCancelRequestedEventAttributes().cause())
                .isEqualTo(WorkflowExecutionCancelRequestedCause.CHILD_POLICY_APPLIED);
        WorkflowExecutionInfo child = wf.describe("child", childRun);
        assertThat(child.executionStatus()).as("the child decides itself").isEqualTo(ExecutionStatus.OPEN);
        assertThat(child.cancelRequested()).isTrue();
    }

    @Test
    void startChildWorkflowExecutionWithAnOpenWorkflowIdFailsWithWorkflowAlreadyRunning() {
        wf.startOn("taken", "others-" + wf.decisionList, ChildPolicy.TERMINATE);
        String runId = wf.start("parent");
        wf.decide(wf.decisionTask().taskToken(), startChild("taken", "children-" + wf.decisionList, wf.workflowType));

        HistoryEvent initiated = wf.awaitEvent("parent", runId, START_CHILD_WORKFLOW_EXECUTION_INITIATED, WITHIN);
        HistoryEvent failed = wf.awaitEvent("parent", runId, START_CHILD_WORKFLOW_EXECUTION_FAILED, WITHIN);
        assertThat(failed.startChildWorkflowExecutionFailedEventAttributes().cause())
                .isEqualTo(StartChildWorkflowExecutionFailedCause.WORKFLOW_ALREADY_RUNNING);
        assertThat(failed.startChildWorkflowExecutionFailedEventAttributes().initiatedEventId())
                .isEqualTo(initiated.eventId());
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(START_CHILD_WORKFLOW_EXECUTION_FAILED);
    }

    @Test
    void aTerminatedChildIsReportedToItsParent() {
        String childRun = startParentWithChild(ChildPolicy.TERMINATE);
        String parentRun = wf.describe("child", childRun).parent().runId();

        service.client()
                .terminateWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("child").reason("enough"));

        HistoryEvent told = wf.awaitEvent("parent", parentRun, CHILD_WORKFLOW_EXECUTION_TERMINATED, WITHIN);
        assertThat(told.childWorkflowExecutionTerminatedEventAttributes().workflowExecution())
                .isEqualTo(wf.execution("child", childRun));
        assertThat(service.client()
                        .describeWorkflowExecution(
                                r -> r.domain(wf.domain).execution(wf.execution("parent", parentRun)))
                        .openCounts()
                        .openChildWorkflowExecutions())
                .isZero();
    }

    @Test
    void theParentsChildPolicyReachesAChildThatContinuedAsNew() {
        String childList = "children-" + wf.decisionList;
        String firstChildRun = startParentWithChild(ChildPolicy.TERMINATE);
        wf.decide(
                wf.decisionTaskOn(childList).taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
                        .continueAsNewWorkflowExecutionDecisionAttributes(a -> a.taskList(t -> t.name(childList)))
                        .build());
        String nextChildRun = wf.awaitEvent("child", firstChildRun, WORKFLOW_EXECUTION_CONTINUED_AS_NEW, WITHIN)
                .workflowExecutionContinuedAsNewEventAttributes()
                .newExecutionRunId();

        service.client()
                .terminateWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("parent").reason("stop"));

        Awaitility.await().atMost(WITHIN).untilAsserted(() -> assertThat(
                        wf.describe("child", nextChildRun).closeStatus())
                .isEqualTo(CloseStatus.TERMINATED));
    }

    /** A parent running with the child policy, and its started child on a task list of its own; the child's run. */
    private String startParentWithChild(ChildPolicy policy) {
        String parentList = "parents-" + wf.decisionList;
        String parentRun = wf.startOn("parent", parentList, policy);
        wf.decide(
                wf.decisionTaskOn(parentList).taskToken(),
                startChild("child", "children-" + wf.decisionList, wf.workflowType));
        return wf.awaitEvent("parent", parentRun, CHILD_WORKFLOW_EXECUTION_STARTED, WITHIN)
                .childWorkflowExecutionStartedEventAttributes()
                .workflowExecution()
                .runId();
    }

    // --- Lambda ----------------------------------------------------------------------------------------------

    @Test
    void scheduleLambdaFunctionFailsAsWithoutLambdaAndSchedulesADecisionTask() {
        String runId = wf.start("w");
        wf.decide(
                wf.decisionTask().taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.SCHEDULE_LAMBDA_FUNCTION)
                        .scheduleLambdaFunctionDecisionAttributes(
                                a -> a.id("l1").name("fn").input("x"))
                        .build());

        HistoryEvent failed = wf.awaitEvent("w", runId, SCHEDULE_LAMBDA_FUNCTION_FAILED, WITHIN);
        ScheduleLambdaFunctionFailedEventAttributes a = failed.scheduleLambdaFunctionFailedEventAttributes();
        assertThat(a.id()).isEqualTo("l1");
        assertThat(a.name()).isEqualTo("fn");
        assertThat(a.cause()).isEqualTo(ScheduleLambdaFunctionFailedCause.LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION);
        assertThat(a.decisionTaskCompletedEventId()).isEqualTo(failed.eventId() - 1);
        assertThat(wf.eventTypes("w", runId)).doesNotContain(LAMBDA_FUNCTION_SCHEDULED);
        assertThat(Workflows.newEvents(wf.decisionTask()))
                .extracting(HistoryEvent::eventType)
                .contains(SCHEDULE_LAMBDA_FUNCTION_FAILED);
    }

    // --- decisions -------------------------------------------------------------------------------------------

    private void signal(String workflowId, String name) {
        service.client()
                .signalWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId(workflowId).signalName(name));
    }

    private static Decision requestCancelActivity(String activityId) {
        return Decision.builder()
                .decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
                .requestCancelActivityTaskDecisionAttributes(a -> a.activityId(activityId))
                .build();
    }

    private static Decision startTimer(String timerId, String seconds) {
        return Decision.builder()
                .decisionType(DecisionType.START_TIMER)
                .startTimerDecisionAttributes(
                        a -> a.timerId(timerId).startToFireTimeout(seconds).control("ctl"))
                .build();
    }

    private static Decision cancelTimer(String timerId) {
        return Decision.builder()
                .decisionType(DecisionType.CANCEL_TIMER)
                .cancelTimerDecisionAttributes(a -> a.timerId(timerId))
                .build();
    }

    private static Decision startChild(String workflowId, String taskList, WorkflowType type) {
        return Decision.builder()
                .decisionType(DecisionType.START_CHILD_WORKFLOW_EXECUTION)
                .startChildWorkflowExecutionDecisionAttributes(a -> a.workflowId(workflowId)
                        .workflowType(type)
                        .taskList(t -> t.name(taskList))
                        .input("child input")
                        .control("c"))
                .build();
    }
}
