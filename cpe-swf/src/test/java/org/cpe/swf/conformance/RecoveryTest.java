package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.*;

/**
 * A restart on the same database, as after a crash, loses nothing that was committed: tasks, tokens, timers,
 * timeouts, heartbeats, registrations and closed executions carry on where they were.
 */
class RecoveryTest {

    private static SwfService service;
    /** The SDK client of whichever service instance is running, so one survives the restarts. */
    private static SwfClient swf;

    private Workflows wf;

    @BeforeAll
    static void startService() {
        service = SwfService.start();
        swf = following(() -> service.client());
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @BeforeEach
    void registerTypes() {
        wf = new Workflows(swf);
    }

    @Test
    void activityTaskTokenIssuedBeforeARestartStillCompletesItsTask() {
        String runId = wf.start("a");
        wf.decide(wf.decisionTask().taskToken(), Workflows.scheduleActivity(wf.activityType, "a1", "work"));
        PollForActivityTaskResponse task = wf.activityTask();

        service.restart();

        swf.recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken()).details("still here"));
        swf.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result("after restart"));
        PollForDecisionTaskResponse next = wf.decisionTask();
        assertThat(next.workflowExecution().runId()).isEqualTo(runId);
        assertThat(Runs.only(next.events(), ACTIVITY_TASK_COMPLETED)
                        .activityTaskCompletedEventAttributes()
                        .result())
                .isEqualTo("after restart");
    }

    @Test
    void decisionAndActivityTasksScheduledBeforeARestartArePolledAfterIt() {
        String first = wf.start("first");
        wf.decide(wf.decisionTask().taskToken(), Workflows.scheduleActivity(wf.activityType, "a1", "work"));
        String second = wf.start("second");

        service.restart();

        PollForDecisionTaskResponse decision = wf.decisionTask();
        assertThat(decision.workflowExecution().runId()).isEqualTo(second);
        assertThat(decision.events())
                .extracting(HistoryEvent::eventType)
                .containsExactly(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED);
        wf.decide(decision.taskToken(), Workflows.complete("done"));
        PollForActivityTaskResponse activity = wf.activityTask();
        assertThat(activity.workflowExecution().runId()).isEqualTo(first);
        assertThat(activity.input()).isEqualTo("work");
    }

    @Test
    void decisionTaskTokenIssuedBeforeARestartIsAnsweredAfterIt() {
        String runId = wf.start("d");
        PollForDecisionTaskResponse task = wf.decisionTask();

        service.restart();

        wf.decide(task.taskToken(), Workflows.complete("after restart"));
        assertThat(wf.describe("d", runId).closeStatus()).isEqualTo(CloseStatus.COMPLETED);
    }

    @Test
    void eventsThatArrivedDuringAStartedDecisionTaskStillCallForAnotherAfterARestart() {
        String runId = wf.start("busy");
        PollForDecisionTaskResponse task = wf.decisionTask();
        swf.signalWorkflowExecution(r -> r.domain(wf.domain).workflowId("busy").signalName("meanwhile"));

        service.restart();

        wf.decide(task.taskToken());
        PollForDecisionTaskResponse next = wf.decisionTask();
        assertThat(next.workflowExecution().runId()).isEqualTo(runId);
        assertThat(next.previousStartedEventId()).isEqualTo(task.startedEventId());
        assertThat(next.events()).extracting(HistoryEvent::eventType).contains(WORKFLOW_EXECUTION_SIGNALED);
    }

    @Test
    void cancellationRequestedOfAnActivityBeforeARestartIsReportedByHeartbeatsAfterIt() {
        wf.start("cancel");
        wf.decide(wf.decisionTask().taskToken(), Workflows.scheduleActivity(wf.activityType, "a1", "work"));
        PollForActivityTaskResponse task = wf.activityTask();
        swf.signalWorkflowExecution(
                r -> r.domain(wf.domain).workflowId("cancel").signalName("stop"));
        wf.decide(
                wf.decisionTask().taskToken(),
                Decision.builder()
                        .decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
                        .requestCancelActivityTaskDecisionAttributes(a -> a.activityId("a1"))
                        .build());

        service.restart();

        assertThat(swf.recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken()))
                        .cancelRequested())
                .isTrue();
        swf.respondActivityTaskCanceled(r -> r.taskToken(task.taskToken()).details("stopped"));
        assertThat(Runs.only(wf.decisionTask().events(), ACTIVITY_TASK_CANCELED)
                        .activityTaskCanceledEventAttributes()
                        .details())
                .isEqualTo("stopped");
    }

    @Test
    void startedDecisionTaskStillTimesOutAfterARestart() {
        String runId = Runs.start(wf, "dt", r -> r.taskStartToCloseTimeout("2"));
        PollForDecisionTaskResponse task = wf.decisionTask();

        service.restart();

        HistoryEvent timedOut = wf.awaitEvent("dt", runId, DECISION_TASK_TIMED_OUT, Duration.ofSeconds(8));
        assertThat(timedOut.decisionTaskTimedOutEventAttributes().startedEventId())
                .isEqualTo(task.startedEventId());
        Runs.assertFiredAfter(wf.history("dt", runId).get(2), timedOut, Duration.ofSeconds(2));
        assertThatThrownBy(() -> wf.decide(task.taskToken())).isInstanceOf(UnknownResourceException.class);
        assertThat(wf.decisionTask().workflowExecution().runId()).isEqualTo(runId);
    }

    @Test
    void startedActivityTaskStillTimesOutAfterARestart() {
        String runId = wf.start("at");
        wf.decide(wf.decisionTask().taskToken(), Runs.schedule(wf.activityType, "a1", a -> a.startToCloseTimeout("2")));
        PollForActivityTaskResponse task = wf.activityTask();

        service.restart();

        HistoryEvent timedOut = wf.awaitEvent("at", runId, ACTIVITY_TASK_TIMED_OUT, Duration.ofSeconds(8));
        assertThat(timedOut.activityTaskTimedOutEventAttributes().timeoutType())
                .isEqualTo(ActivityTaskTimeoutType.START_TO_CLOSE);
        Runs.assertFiredAfter(
                wf.history("at", runId).get(task.startedEventId().intValue() - 1), timedOut, Duration.ofSeconds(2));
        assertThat(wf.eventTypes("at", runId)).endsWith(ACTIVITY_TASK_TIMED_OUT, DECISION_TASK_SCHEDULED);
    }

    @Test
    void workflowStillTimesOutAfterARestart() {
        String runId = Runs.start(wf, "wt", r -> r.executionStartToCloseTimeout("2"));

        service.restart();

        HistoryEvent timedOut = wf.awaitEvent("wt", runId, WORKFLOW_EXECUTION_TIMED_OUT, Duration.ofSeconds(8));
        Runs.assertFiredAfter(wf.history("wt", runId).get(0), timedOut, Duration.ofSeconds(2));
        assertThat(wf.describe("wt", runId).closeStatus()).isEqualTo(CloseStatus.TIMED_OUT);
    }

    @Test
    void pendingTimerFiresAfterARestart() {
        String runId = wf.start("timer");
        wf.decide(wf.decisionTask().taskToken(), Runs.startTimer("t1", "2"));

        service.restart();

        HistoryEvent fired = wf.awaitEvent("timer", runId, TIMER_FIRED, Duration.ofSeconds(8));
        HistoryEvent started = Runs.only(wf.history("timer", runId), TIMER_STARTED);
        assertThat(fired.timerFiredEventAttributes().startedEventId()).isEqualTo(started.eventId());
        Runs.assertFiredAfter(started, fired, Duration.ofSeconds(2));
        assertThat(wf.decisionTask().events())
                .extracting(HistoryEvent::eventType)
                .contains(TIMER_FIRED);
    }

    @Test
    void heartbeatDetailsRecordedBeforeARestartAreTheDetailsOfTheTimeoutAfterIt() {
        String runId = wf.start("hb");
        wf.decide(wf.decisionTask().taskToken(), Runs.schedule(wf.activityType, "a1", a -> a.heartbeatTimeout("2")));
        PollForActivityTaskResponse task = wf.activityTask();
        swf.recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken()).details("progress 42%"));

        service.restart();

        HistoryEvent timedOut = wf.awaitEvent("hb", runId, ACTIVITY_TASK_TIMED_OUT, Duration.ofSeconds(8));
        assertThat(timedOut.activityTaskTimedOutEventAttributes().timeoutType())
                .isEqualTo(ActivityTaskTimeoutType.HEARTBEAT);
        assertThat(timedOut.activityTaskTimedOutEventAttributes().details()).isEqualTo("progress 42%");
    }

    @Test
    void registeredDomainsAndTypesSurviveARestart() {
        swf.registerActivityType(r -> r.domain(wf.domain)
                .name("old")
                .version("1")
                .description("an old one")
                .defaultTaskList(t -> t.name("old-list"))
                .defaultTaskHeartbeatTimeout("30"));
        swf.deprecateActivityType(
                r -> r.domain(wf.domain).activityType(t -> t.name("old").version("1")));
        DescribeDomainResponse domain = swf.describeDomain(r -> r.name(wf.domain));
        DescribeWorkflowTypeResponse workflowType =
                swf.describeWorkflowType(r -> r.domain(wf.domain).workflowType(wf.workflowType));
        DescribeActivityTypeResponse activityType =
                swf.describeActivityType(r -> r.domain(wf.domain).activityType(wf.activityType));
        DescribeActivityTypeResponse deprecated = swf.describeActivityType(
                r -> r.domain(wf.domain).activityType(t -> t.name("old").version("1")));

        service.restart();

        DescribeDomainResponse domainAfter = swf.describeDomain(r -> r.name(wf.domain));
        assertThat(domainAfter.domainInfo()).isEqualTo(domain.domainInfo());
        assertThat(domainAfter.configuration()).isEqualTo(domain.configuration());
        DescribeWorkflowTypeResponse workflowTypeAfter =
                swf.describeWorkflowType(r -> r.domain(wf.domain).workflowType(wf.workflowType));
        assertThat(workflowTypeAfter.typeInfo()).isEqualTo(workflowType.typeInfo());
        assertThat(workflowTypeAfter.configuration()).isEqualTo(workflowType.configuration());
        DescribeActivityTypeResponse activityTypeAfter =
                swf.describeActivityType(r -> r.domain(wf.domain).activityType(wf.activityType));
        assertThat(activityTypeAfter.typeInfo()).isEqualTo(activityType.typeInfo());
        assertThat(activityTypeAfter.configuration()).isEqualTo(activityType.configuration());
        DescribeActivityTypeResponse deprecatedAfter = swf.describeActivityType(
                r -> r.domain(wf.domain).activityType(t -> t.name("old").version("1")));
        assertThat(deprecatedAfter.typeInfo()).isEqualTo(deprecated.typeInfo());
        assertThat(deprecatedAfter.configuration()).isEqualTo(deprecated.configuration());
        assertThat(deprecated.typeInfo().status()).isEqualTo(RegistrationStatus.DEPRECATED);
        assertThat(swf.listActivityTypes(r -> r.domain(wf.domain).registrationStatus(RegistrationStatus.REGISTERED))
                        .typeInfos())
                .extracting(i -> i.activityType().name())
                .containsExactly("act");
        assertThatThrownBy(() -> swf.registerDomain(r -> r.name(wf.domain).workflowExecutionRetentionPeriodInDays("1")))
                .isInstanceOf(DomainAlreadyExistsException.class);
        String runId = wf.start("after");
        assertThat(wf.decisionTask().workflowExecution().runId()).isEqualTo(runId);
    }

    @Test
    void closedExecutionsStayDescribableAndListableAfterARestart() {
        Instant since = Instant.now().minusSeconds(60);
        String completed = wf.start("completed");
        wf.decide(wf.decisionTask().taskToken(), Workflows.complete("result"));
        String terminated = wf.start("terminated");
        swf.terminateWorkflowExecution(r -> r.domain(wf.domain).workflowId("terminated"));
        List<HistoryEvent> completedHistory = wf.history("completed", completed);
        WorkflowExecutionInfo completedInfo = wf.describe("completed", completed);

        service.restart();

        assertThat(wf.describe("completed", completed)).isEqualTo(completedInfo);
        assertThat(wf.describe("terminated", terminated).closeStatus()).isEqualTo(CloseStatus.TERMINATED);
        assertThat(wf.history("completed", completed)).isEqualTo(completedHistory);
        assertThat(swf.listClosedWorkflowExecutions(r -> r.domain(wf.domain).startTimeFilter(f -> f.oldestDate(since)))
                        .executionInfos())
                .extracting(i -> i.execution().runId())
                .containsExactlyInAnyOrder(completed, terminated);
        assertThat(swf.countClosedWorkflowExecutions(r -> r.domain(wf.domain).startTimeFilter(f -> f.oldestDate(since)))
                        .count())
                .isEqualTo(2);
        assertThat(swf.listOpenWorkflowExecutions(r -> r.domain(wf.domain).startTimeFilter(f -> f.oldestDate(since)))
                        .executionInfos())
                .isEmpty();
        assertThat(wf.start("terminated")).as("the id is free again").isNotEqualTo(terminated);
    }

    @Test
    void nothingCommittedIsLostByARestart() {
        int runs = 50;
        Map<String, String> runIds = new LinkedHashMap<>();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            String id = "run-" + i;
            runIds.put(id, Runs.start(wf, id, r -> r.taskList(t -> t.name(id))));
            String token = advance(id, i % 10);
            if (token != null) {
                tokens.put(id, token);
            }
        }
        Map<String, List<HistoryEvent>> histories = new LinkedHashMap<>();
        Map<String, DescribeWorkflowExecutionResponse> descriptions = new LinkedHashMap<>();
        runIds.forEach((id, runId) -> {
            histories.put(id, wf.history(id, runId));
            descriptions.put(id, describe(id, runId));
        });

        service.restart();

        runIds.forEach((id, runId) -> {
            assertThat(wf.history(id, runId)).as(id).isEqualTo(histories.get(id));
            DescribeWorkflowExecutionResponse after = describe(id, runId);
            DescribeWorkflowExecutionResponse before = descriptions.get(id);
            assertThat(after.executionInfo()).as(id).isEqualTo(before.executionInfo());
            assertThat(after.executionConfiguration()).as(id).isEqualTo(before.executionConfiguration());
            assertThat(after.openCounts()).as(id).isEqualTo(before.openCounts());
            assertThat(after.latestActivityTaskTimestamp()).as(id).isEqualTo(before.latestActivityTaskTimestamp());
            assertThat(after.latestExecutionContext()).as(id).isEqualTo(before.latestExecutionContext());
        });
        // and every open run carries on from where it was
        for (int i = 0; i < runs; i++) {
            String id = "run-" + i;
            switch (i % 10) {
                case 0, 5, 7 -> wf.decide(Runs.decisionTask(wf, id).taskToken(), Workflows.complete("late"));
                case 1 -> wf.decide(tokens.get(id), Workflows.complete("late"));
                case 2 -> assertThat(Runs.activityTask(wf, "a-" + id).activityId())
                        .isEqualTo("a1");
                case 3, 4 -> swf.respondActivityTaskCompleted(r -> r.taskToken(tokens.get(id)));
                default -> {
                    // timers wait an hour; closed runs stay closed
                }
            }
        }
        assertThat(wf.describe("run-0", runIds.get("run-0")).closeStatus()).isEqualTo(CloseStatus.COMPLETED);
    }

    /**
     * Takes a run (on a task list named after it) to one of ten stages; the task token it holds open, if any.
     * 0 decision scheduled, 1 decision started, 2 activity scheduled, 3 activity started, 4 activity heartbeating,
     * 5 activity completed, 6 timer running, 7 signaled and asked to cancel, 8 completed, 9 terminated.
     */
    private String advance(String id, int stage) {
        if (stage == 0) {
            return null;
        }
        if (stage == 9) {
            swf.terminateWorkflowExecution(
                    r -> r.domain(wf.domain).workflowId(id).reason("stage 9"));
            return null;
        }
        PollForDecisionTaskResponse decision = Runs.decisionTask(wf, id);
        switch (stage) {
            case 1 -> {
                return decision.taskToken();
            }
            case 6 -> {
                wf.decide(decision.taskToken(), Runs.startTimer("t", "3600"));
                return null;
            }
            case 7 -> {
                wf.swf.respondDecisionTaskCompleted(
                        r -> r.taskToken(decision.taskToken()).executionContext("ctx-" + id));
                swf.signalWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId(id).signalName("one"));
                swf.signalWorkflowExecution(r ->
                        r.domain(wf.domain).workflowId(id).signalName("two").input("2"));
                swf.requestCancelWorkflowExecution(r -> r.domain(wf.domain).workflowId(id));
                return null;
            }
            case 8 -> {
                wf.decide(decision.taskToken(), Workflows.complete("stage 8"));
                return null;
            }
            default -> {
                // stages 2 to 5 schedule an activity
            }
        }
        wf.decide(decision.taskToken(), Runs.schedule(wf.activityType, "a1", a -> a.taskList(t -> t.name("a-" + id))
                .input(id)));
        if (stage == 2) {
            return null;
        }
        PollForActivityTaskResponse activity = Runs.activityTask(wf, "a-" + id);
        if (stage == 4) {
            swf.recordActivityTaskHeartbeat(
                    r -> r.taskToken(activity.taskToken()).details("beat " + id));
        }
        if (stage == 5) {
            swf.respondActivityTaskCompleted(
                    r -> r.taskToken(activity.taskToken()).result("done " + id));
            return null;
        }
        return activity.taskToken();
    }

    private DescribeWorkflowExecutionResponse describe(String workflowId, String runId) {
        return swf.describeWorkflowExecution(r -> r.domain(wf.domain).execution(wf.execution(workflowId, runId)));
    }

    /** A client that sends each call to the client the supplier names at that moment. */
    private static SwfClient following(Supplier<SwfClient> current) {
        return (SwfClient) Proxy.newProxyInstance(
                SwfClient.class.getClassLoader(), new Class<?>[] {SwfClient.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "SwfClient following the running service";
                        };
                    }
                    try {
                        return method.invoke(current.get(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
