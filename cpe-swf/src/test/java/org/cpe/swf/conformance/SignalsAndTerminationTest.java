package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.*;

/**
 * The calls that reach an execution from outside, through the AWS SDK v2 over HTTP: SignalWorkflowExecution,
 * RequestCancelWorkflowExecution and TerminateWorkflowExecution, on open, closed and unknown executions.
 */
class SignalsAndTerminationTest {

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

    @Test
    void signalRecordsWorkflowExecutionSignaledAndSchedulesADecisionTask() {
        String runId = wf.start("w");
        PollForDecisionTaskResponse first = wf.decisionTask();
        wf.decide(first.taskToken());

        service.client().signalWorkflowExecution(r -> r.domain(wf.domain)
                .workflowId("w")
                .runId(runId)
                .signalName("go")
                .input("payload"));

        PollForDecisionTaskResponse task = wf.decisionTask();
        assertThat(task.previousStartedEventId()).isEqualTo(first.startedEventId());
        assertThat(Workflows.newEvents(task))
                .extracting(HistoryEvent::eventType)
                .containsExactly(
                        DECISION_TASK_COMPLETED,
                        WORKFLOW_EXECUTION_SIGNALED,
                        DECISION_TASK_SCHEDULED,
                        DECISION_TASK_STARTED);
        WorkflowExecutionSignaledEventAttributes s =
                Workflows.newEvents(task).get(1).workflowExecutionSignaledEventAttributes();
        assertThat(s.signalName()).isEqualTo("go");
        assertThat(s.input()).isEqualTo("payload");
        assertThat(s.externalWorkflowExecution())
                .as("signaled by a client, not an execution")
                .isNull();
    }

    @Test
    void signalWithoutRunIdReachesTheOpenRunOfTheWorkflowId() {
        String runId = wf.start("w");
        service.client()
                .signalWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("w").signalName("go"));

        assertThat(wf.awaitEvent("w", runId, WORKFLOW_EXECUTION_SIGNALED, WITHIN)
                        .workflowExecutionSignaledEventAttributes()
                        .signalName())
                .isEqualTo("go");
    }

    @Test
    void requestCancelRecordsWorkflowExecutionCancelRequestedForTheDecider() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken());

        service.client()
                .requestCancelWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("w").runId(runId));

        PollForDecisionTaskResponse task = wf.decisionTask();
        HistoryEvent requested = Workflows.newEvents(task).get(1);
        assertThat(requested.eventType()).isEqualTo(WORKFLOW_EXECUTION_CANCEL_REQUESTED);
        assertThat(requested.workflowExecutionCancelRequestedEventAttributes().externalWorkflowExecution())
                .isNull();
        WorkflowExecutionInfo info = wf.describe("w", runId);
        assertThat(info.cancelRequested()).isTrue();
        assertThat(info.executionStatus())
                .as("only the decider closes the execution")
                .isEqualTo(ExecutionStatus.OPEN);
    }

    @Test
    void terminateClosesTerminatedWithReasonAndDetailsAndVoidsOpenTaskTokens() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken(), Workflows.scheduleActivity(wf.activityType, "a1", "x"));
        PollForActivityTaskResponse activity = wf.activityTask();
        service.client()
                .signalWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("w").signalName("wake"));
        PollForDecisionTaskResponse decision = wf.decisionTask();

        service.client().terminateWorkflowExecution(r -> r.domain(wf.domain)
                .workflowId("w")
                .reason("operator")
                .details("no longer needed")
                .childPolicy(ChildPolicy.ABANDON));

        HistoryEvent terminated = wf.awaitEvent("w", runId, WORKFLOW_EXECUTION_TERMINATED, WITHIN);
        WorkflowExecutionTerminatedEventAttributes t = terminated.workflowExecutionTerminatedEventAttributes();
        assertThat(t.reason()).isEqualTo("operator");
        assertThat(t.details()).isEqualTo("no longer needed");
        assertThat(t.childPolicy()).isEqualTo(ChildPolicy.ABANDON);
        assertThat(t.cause()).isEqualTo(WorkflowExecutionTerminatedCause.OPERATOR_INITIATED);
        WorkflowExecutionInfo info = wf.describe("w", runId);
        assertThat(info.executionStatus()).isEqualTo(ExecutionStatus.CLOSED);
        assertThat(info.closeStatus()).isEqualTo(CloseStatus.TERMINATED);

        assertThatThrownBy(() -> wf.decide(decision.taskToken(), Workflows.complete("late")))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> service.client().respondActivityTaskCompleted(r -> r.taskToken(activity.taskToken())))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> service.client().recordActivityTaskHeartbeat(r -> r.taskToken(activity.taskToken())))
                .isInstanceOf(UnknownResourceException.class);
        assertThat(wf.eventTypes("w", runId)).endsWith(WORKFLOW_EXECUTION_TERMINATED);
    }

    @Test
    void callsOnAnUnknownWorkflowIdFailWithUnknownResource() {
        assertThatThrownBy(() -> service.client()
                        .signalWorkflowExecution(
                                r -> r.domain(wf.domain).workflowId("nobody").signalName("s")))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> service.client()
                        .requestCancelWorkflowExecution(r -> r.domain(wf.domain).workflowId("nobody")))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> service.client()
                        .terminateWorkflowExecution(r -> r.domain(wf.domain).workflowId("nobody")))
                .isInstanceOf(UnknownResourceException.class);
    }

    @Test
    void callsOnAnUnknownRunIdOfAKnownWorkflowIdFailWithUnknownResource() {
        wf.start("w");
        String otherRun = "0123456789abcdef0123456789abcdef";
        assertThatThrownBy(() -> service.client().signalWorkflowExecution(r -> r.domain(wf.domain)
                        .workflowId("w")
                        .runId(otherRun)
                        .signalName("s")))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> service.client()
                        .terminateWorkflowExecution(
                                r -> r.domain(wf.domain).workflowId("w").runId(otherRun)))
                .isInstanceOf(UnknownResourceException.class);
    }

    @Test
    void callsOnAClosedExecutionFailWithUnknownResource() {
        String runId = wf.start("w");
        wf.decide(wf.decisionTask().taskToken(), Workflows.complete("done"));

        assertThatThrownBy(() -> service.client()
                        .signalWorkflowExecution(
                                r -> r.domain(wf.domain).workflowId("w").signalName("s")))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> service.client()
                        .requestCancelWorkflowExecution(
                                r -> r.domain(wf.domain).workflowId("w").runId(runId)))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> service.client()
                        .terminateWorkflowExecution(r -> r.domain(wf.domain).workflowId("w")))
                .isInstanceOf(UnknownResourceException.class);
        assertThat(wf.describe("w", runId).closeStatus()).isEqualTo(CloseStatus.COMPLETED);
    }
}
