package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.*;

/** Every SWF timeout fires at its moment with nobody calling, and what it closes no longer takes answers. */
class TimeoutsTest {

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
    void registerTypes() {
        wf = new Workflows(service.client());
    }

    @Test
    void workflowTimesOutAfterItsExecutionStartToCloseTimeout() {
        String runId = Runs.start(wf, "w", r -> r.executionStartToCloseTimeout("2"));

        HistoryEvent timedOut = wf.awaitEvent("w", runId, WORKFLOW_EXECUTION_TIMED_OUT, Duration.ofSeconds(6));

        assertThat(timedOut.workflowExecutionTimedOutEventAttributes().timeoutType())
                .isEqualTo(WorkflowExecutionTimeoutType.START_TO_CLOSE);
        assertThat(timedOut.workflowExecutionTimedOutEventAttributes().childPolicy())
                .isEqualTo(ChildPolicy.TERMINATE);
        List<HistoryEvent> history = wf.history("w", runId);
        Runs.assertFiredAfter(history.get(0), timedOut, Duration.ofSeconds(2));
        assertThat(history).last().isEqualTo(timedOut);
        WorkflowExecutionInfo info = wf.describe("w", runId);
        assertThat(info.executionStatus()).isEqualTo(ExecutionStatus.CLOSED);
        assertThat(info.closeStatus()).isEqualTo(CloseStatus.TIMED_OUT);
        assertThat(service.client()
                        .countPendingDecisionTasks(r -> r.domain(wf.domain).taskList(t -> t.name(wf.decisionList)))
                        .count())
                .as("the timed-out run's decision task is no longer handed out")
                .isZero();
    }

    @Test
    void unansweredDecisionTaskTimesOutAndIsScheduledAgainAndItsTokenIsRefused() {
        String runId = Runs.start(wf, "d", r -> r.taskStartToCloseTimeout("1"));
        PollForDecisionTaskResponse task = wf.decisionTask();

        HistoryEvent timedOut = wf.awaitEvent("d", runId, DECISION_TASK_TIMED_OUT, Duration.ofSeconds(5));

        DecisionTaskTimedOutEventAttributes a = timedOut.decisionTaskTimedOutEventAttributes();
        assertThat(a.timeoutType()).isEqualTo(DecisionTaskTimeoutType.START_TO_CLOSE);
        assertThat(a.startedEventId()).isEqualTo(task.startedEventId());
        assertThat(a.scheduledEventId()).isEqualTo(2L);
        List<HistoryEvent> history = wf.history("d", runId);
        Runs.assertFiredAfter(history.get(2), timedOut, Duration.ofSeconds(1));
        assertThat(history)
                .extracting(HistoryEvent::eventType)
                .containsExactly(
                        WORKFLOW_EXECUTION_STARTED,
                        DECISION_TASK_SCHEDULED,
                        DECISION_TASK_STARTED,
                        DECISION_TASK_TIMED_OUT,
                        DECISION_TASK_SCHEDULED);
        assertThatThrownBy(() -> wf.decide(task.taskToken(), Workflows.complete("late")))
                .isInstanceOf(UnknownResourceException.class);

        PollForDecisionTaskResponse again = wf.decisionTask();
        assertThat(again.taskToken()).isNotEqualTo(task.taskToken());
        assertThat(again.previousStartedEventId())
                .as("the timed-out task was never processed")
                .isZero();
        wf.decide(again.taskToken(), Workflows.complete("on time"));
        assertThat(wf.describe("d", runId).closeStatus()).isEqualTo(CloseStatus.COMPLETED);
    }

    @Test
    void activityNobodyPollsTimesOutScheduleToStartAndTheDeciderIsTold() {
        String runId = wf.start("s2s");
        wf.decide(
                wf.decisionTask().taskToken(),
                Runs.schedule(wf.activityType, "a1", a -> a.scheduleToStartTimeout("1")));

        HistoryEvent timedOut = wf.awaitEvent("s2s", runId, ACTIVITY_TASK_TIMED_OUT, Duration.ofSeconds(5));

        List<HistoryEvent> history = wf.history("s2s", runId);
        HistoryEvent scheduled = Runs.only(history, ACTIVITY_TASK_SCHEDULED);
        ActivityTaskTimedOutEventAttributes a = timedOut.activityTaskTimedOutEventAttributes();
        assertThat(a.timeoutType()).isEqualTo(ActivityTaskTimeoutType.SCHEDULE_TO_START);
        assertThat(a.scheduledEventId()).isEqualTo(scheduled.eventId());
        Runs.assertFiredAfter(scheduled, timedOut, Duration.ofSeconds(1));
        assertThat(history)
                .extracting(HistoryEvent::eventType)
                .endsWith(ACTIVITY_TASK_TIMED_OUT, DECISION_TASK_SCHEDULED);
        assertThat(service.client()
                        .countPendingActivityTasks(r -> r.domain(wf.domain).taskList(t -> t.name(wf.activityList)))
                        .count())
                .as("the timed-out task is off its list")
                .isZero();
        assertThat(wf.decisionTask().events())
                .extracting(HistoryEvent::eventType)
                .contains(ACTIVITY_TASK_TIMED_OUT);
    }

    @Test
    void startedActivityTimesOutStartToCloseAndItsTokenIsRefusedAfterwards() {
        String runId = wf.start("s2c");
        wf.decide(wf.decisionTask().taskToken(), Runs.schedule(wf.activityType, "a1", a -> a.startToCloseTimeout("1")));
        PollForActivityTaskResponse task = wf.activityTask();

        HistoryEvent timedOut = wf.awaitEvent("s2c", runId, ACTIVITY_TASK_TIMED_OUT, Duration.ofSeconds(5));

        ActivityTaskTimedOutEventAttributes a = timedOut.activityTaskTimedOutEventAttributes();
        assertThat(a.timeoutType()).isEqualTo(ActivityTaskTimeoutType.START_TO_CLOSE);
        assertThat(a.startedEventId()).isEqualTo(task.startedEventId());
        List<HistoryEvent> history = wf.history("s2c", runId);
        Runs.assertFiredAfter(history.get(task.startedEventId().intValue() - 1), timedOut, Duration.ofSeconds(1));
        assertThat(history)
                .extracting(HistoryEvent::eventType)
                .endsWith(ACTIVITY_TASK_TIMED_OUT, DECISION_TASK_SCHEDULED);
        assertThatThrownBy(() -> service.client().respondActivityTaskCompleted(r -> r.taskToken(task.taskToken())
                        .result("late")))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> service.client().recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken())))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> service.client().respondActivityTaskFailed(r -> r.taskToken(task.taskToken())))
                .isInstanceOf(UnknownResourceException.class);
        assertThat(wf.history("s2c", runId)).hasSameSizeAs(history);
    }

    @Test
    void startedActivityTimesOutScheduleToCloseCountedFromItsScheduling() {
        String runId = wf.start("sc");
        wf.decide(
                wf.decisionTask().taskToken(),
                Runs.schedule(wf.activityType, "a1", a -> a.scheduleToCloseTimeout("2")));
        PollForActivityTaskResponse task = wf.activityTask();

        HistoryEvent timedOut = wf.awaitEvent("sc", runId, ACTIVITY_TASK_TIMED_OUT, Duration.ofSeconds(6));

        ActivityTaskTimedOutEventAttributes a = timedOut.activityTaskTimedOutEventAttributes();
        assertThat(a.timeoutType()).isEqualTo(ActivityTaskTimeoutType.SCHEDULE_TO_CLOSE);
        assertThat(a.startedEventId()).isEqualTo(task.startedEventId());
        HistoryEvent scheduled = Runs.only(wf.history("sc", runId), ACTIVITY_TASK_SCHEDULED);
        Runs.assertFiredAfter(scheduled, timedOut, Duration.ofSeconds(2));
        assertThatThrownBy(() -> service.client().respondActivityTaskCompleted(r -> r.taskToken(task.taskToken())))
                .isInstanceOf(UnknownResourceException.class);
    }

    @Test
    void heartbeatsKeepAnActivityAliveAndItTimesOutWithTheLastDetailsWhenTheyStop() throws Exception {
        String runId = wf.start("hb");
        wf.decide(wf.decisionTask().taskToken(), Runs.schedule(wf.activityType, "a1", a -> a.heartbeatTimeout("1")));
        PollForActivityTaskResponse task = wf.activityTask();
        AtomicInteger beats = new AtomicInteger();
        AtomicReference<String> lastDetails = new AtomicReference<>();
        ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor();
        try {
            heart.scheduleAtFixedRate(
                    () -> {
                        String details = "beat-" + beats.incrementAndGet();
                        service.client().recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken())
                                .details(details));
                        lastDetails.set(details);
                    },
                    0,
                    300,
                    TimeUnit.MILLISECONDS);

            await().during(Duration.ofMillis(2500))
                    .atMost(Duration.ofSeconds(4))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !wf.eventTypes("hb", runId).contains(ACTIVITY_TASK_TIMED_OUT));
        } finally {
            heart.shutdown();
            assertThat(heart.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(beats.get()).as("heartbeats sent").isGreaterThanOrEqualTo(8);

        HistoryEvent timedOut = wf.awaitEvent("hb", runId, ACTIVITY_TASK_TIMED_OUT, Duration.ofSeconds(4));

        ActivityTaskTimedOutEventAttributes a = timedOut.activityTaskTimedOutEventAttributes();
        assertThat(a.timeoutType()).isEqualTo(ActivityTaskTimeoutType.HEARTBEAT);
        assertThat(a.details()).isEqualTo(lastDetails.get()).isNotNull();
        assertThat(a.startedEventId()).isEqualTo(task.startedEventId());
        assertThat(wf.history("hb", runId))
                .extracting(HistoryEvent::eventType)
                .as("heartbeats write no events")
                .containsExactly(
                        WORKFLOW_EXECUTION_STARTED,
                        DECISION_TASK_SCHEDULED,
                        DECISION_TASK_STARTED,
                        DECISION_TASK_COMPLETED,
                        ACTIVITY_TASK_SCHEDULED,
                        ACTIVITY_TASK_STARTED,
                        ACTIVITY_TASK_TIMED_OUT,
                        DECISION_TASK_SCHEDULED);
        assertThatThrownBy(() -> service.client().recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken())))
                .isInstanceOf(UnknownResourceException.class);
    }

    @Test
    void noneMeansNoTimeoutFiresForDecisionOrActivityTasks() {
        String runId = Runs.start(wf, "none", r -> r.taskStartToCloseTimeout("NONE"));
        wf.decide(
                wf.decisionTask().taskToken(),
                Runs.schedule(wf.activityType, "started", Runs::unlimited),
                Runs.schedule(wf.activityType, "waiting", Runs::unlimited));
        PollForActivityTaskResponse started = wf.activityTask();
        assertThat(started.activityId()).isEqualTo("started");
        service.client()
                .signalWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("none").signalName("go"));
        PollForDecisionTaskResponse decision = wf.decisionTask();
        int events = wf.history("none", runId).size();

        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> wf.history("none", runId).size() == events);

        service.client().respondActivityTaskCompleted(r -> r.taskToken(started.taskToken()));
        wf.decide(decision.taskToken());
        assertThat(wf.eventTypes("none", runId))
                .doesNotContain(DECISION_TASK_TIMED_OUT, ACTIVITY_TASK_TIMED_OUT, WORKFLOW_EXECUTION_TIMED_OUT);
    }
}
