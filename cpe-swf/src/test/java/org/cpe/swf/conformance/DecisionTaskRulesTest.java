package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.swf.model.*;

/**
 * The rules SWF keeps around decision tasks, through the AWS SDK v2 over HTTP: one decision task open per execution,
 * events batched into the next task, close decisions refused while events are unhandled or when not last, and a
 * token that answers once.
 */
class DecisionTaskRulesTest {

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

    @Test
    void aSignalWhileTheDecisionTaskIsStartedWaitsForTheNextDecisionTask() {
        String runId = wf.start("w");
        PollForDecisionTaskResponse first = wf.decisionTask();

        service.client()
                .signalWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("w").signalName("s").input("x"));

        assertThat(wf.pollDecision().taskToken())
                .as("no second decision task while the first is started")
                .isEmpty();
        wf.decide(first.taskToken());

        PollForDecisionTaskResponse second = wf.decisionTask();
        assertThat(second.workflowExecution().runId()).isEqualTo(runId);
        assertThat(second.previousStartedEventId()).isEqualTo(first.startedEventId());
        assertThat(Workflows.newEvents(second))
                .extracting(HistoryEvent::eventType)
                .containsExactly(
                        WORKFLOW_EXECUTION_SIGNALED,
                        DECISION_TASK_COMPLETED,
                        DECISION_TASK_SCHEDULED,
                        DECISION_TASK_STARTED);
        HistoryEvent signaled = Workflows.newEvents(second).get(0);
        assertThat(signaled.workflowExecutionSignaledEventAttributes().signalName())
                .isEqualTo("s");
        assertThat(signaled.workflowExecutionSignaledEventAttributes().input()).isEqualTo("x");
    }

    @Test
    void eventsArrivingWhileADecisionTaskIsScheduledJoinThatSameTask() {
        String runId = wf.start("w");
        service.client()
                .signalWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("w").signalName("s1"));
        service.client()
                .signalWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("w").signalName("s2"));

        PollForDecisionTaskResponse task = wf.decisionTask();
        assertThat(task.events())
                .extracting(HistoryEvent::eventType)
                .containsExactly(
                        WORKFLOW_EXECUTION_STARTED,
                        DECISION_TASK_SCHEDULED,
                        WORKFLOW_EXECUTION_SIGNALED,
                        WORKFLOW_EXECUTION_SIGNALED,
                        DECISION_TASK_STARTED);
        wf.decide(task.taskToken(), Workflows.complete("done"));

        assertThat(wf.eventTypes("w", runId))
                .as("the signals were handled by the one task, so it may close the execution")
                .containsExactly(
                        WORKFLOW_EXECUTION_STARTED,
                        DECISION_TASK_SCHEDULED,
                        WORKFLOW_EXECUTION_SIGNALED,
                        WORKFLOW_EXECUTION_SIGNALED,
                        DECISION_TASK_STARTED,
                        DECISION_TASK_COMPLETED,
                        WORKFLOW_EXECUTION_COMPLETED);
    }

    static Stream<Arguments> closeDecisions() {
        return Stream.of(
                Arguments.of(Workflows.complete("done"), COMPLETE_WORKFLOW_EXECUTION_FAILED),
                Arguments.of(
                        Decision.builder()
                                .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
                                .failWorkflowExecutionDecisionAttributes(a -> a.reason("r"))
                                .build(),
                        FAIL_WORKFLOW_EXECUTION_FAILED),
                Arguments.of(
                        Decision.builder()
                                .decisionType(DecisionType.CANCEL_WORKFLOW_EXECUTION)
                                .cancelWorkflowExecutionDecisionAttributes(a -> a.details("d"))
                                .build(),
                        CANCEL_WORKFLOW_EXECUTION_FAILED),
                Arguments.of(
                        Decision.builder()
                                .decisionType(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
                                .continueAsNewWorkflowExecutionDecisionAttributes(a -> a.input("again"))
                                .build(),
                        CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED));
    }

    @ParameterizedTest
    @MethodSource("closeDecisions")
    void aCloseDecisionWhileEventsAreUnhandledFailsWithUnhandledDecision(Decision close, EventType failed) {
        String runId = wf.start("w");
        PollForDecisionTaskResponse first = wf.decisionTask();
        service.client()
                .signalWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("w").signalName("late"));

        wf.decide(first.taskToken(), close);

        HistoryEvent failure = wf.awaitEvent("w", runId, failed, Duration.ofSeconds(2));
        assertThat(cause(failure)).isEqualTo("UNHANDLED_DECISION");
        assertThat(wf.describe("w", runId).executionStatus()).isEqualTo(ExecutionStatus.OPEN);

        PollForDecisionTaskResponse next = wf.decisionTask();
        assertThat(Workflows.newEvents(next))
                .extracting(HistoryEvent::eventType)
                .containsSubsequence(
                        WORKFLOW_EXECUTION_SIGNALED, DECISION_TASK_COMPLETED, failed, DECISION_TASK_STARTED);
        wf.decide(next.taskToken(), Workflows.complete("now"));
        assertThat(wf.describe("w", runId).closeStatus()).isEqualTo(CloseStatus.COMPLETED);
    }

    @Test
    void aCloseDecisionThatIsNotLastIsRefusedAndTheTaskStaysOpen() {
        String runId = wf.start("w");
        PollForDecisionTaskResponse task = wf.decisionTask();
        Decision marker = Decision.builder()
                .decisionType(DecisionType.RECORD_MARKER)
                .recordMarkerDecisionAttributes(a -> a.markerName("m"))
                .build();

        assertThatThrownBy(() -> wf.decide(task.taskToken(), Workflows.complete("early"), marker))
                .isInstanceOfSatisfying(
                        SwfException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThat(wf.eventTypes("w", runId))
                .as("nothing of the refused decisions is recorded")
                .containsExactly(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED);

        wf.decide(task.taskToken(), marker, Workflows.complete("done"));
        assertThat(wf.eventTypes("w", runId))
                .containsExactly(
                        WORKFLOW_EXECUTION_STARTED,
                        DECISION_TASK_SCHEDULED,
                        DECISION_TASK_STARTED,
                        DECISION_TASK_COMPLETED,
                        MARKER_RECORDED,
                        WORKFLOW_EXECUTION_COMPLETED);
    }

    @Test
    void aDecisionTaskTokenAnswersOnlyOnce() {
        String runId = wf.start("w");
        PollForDecisionTaskResponse task = wf.decisionTask();
        wf.decide(task.taskToken());

        assertThatThrownBy(() -> wf.decide(task.taskToken())).isInstanceOf(UnknownResourceException.class);
        assertThat(wf.eventTypes("w", runId)).containsOnlyOnce(DECISION_TASK_COMPLETED);
    }

    @Test
    void aDecisionTaskTokenOfAClosedExecutionIsUnknown() {
        wf.start("w");
        PollForDecisionTaskResponse task = wf.decisionTask();
        wf.decide(task.taskToken(), Workflows.complete("done"));

        assertThatThrownBy(() -> wf.decide(task.taskToken(), Workflows.complete("again")))
                .isInstanceOf(UnknownResourceException.class);
    }

    private static String cause(HistoryEvent e) {
        return switch (e.eventType()) {
            case COMPLETE_WORKFLOW_EXECUTION_FAILED -> e.completeWorkflowExecutionFailedEventAttributes()
                    .causeAsString();
            case FAIL_WORKFLOW_EXECUTION_FAILED -> e.failWorkflowExecutionFailedEventAttributes()
                    .causeAsString();
            case CANCEL_WORKFLOW_EXECUTION_FAILED -> e.cancelWorkflowExecutionFailedEventAttributes()
                    .causeAsString();
            default -> e.continueAsNewWorkflowExecutionFailedEventAttributes().causeAsString();
        };
    }
}
