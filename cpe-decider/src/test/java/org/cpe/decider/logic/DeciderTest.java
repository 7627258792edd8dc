package org.cpe.decider.logic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.cpe.decider.plan.Plan;
import org.cpe.decider.plan.PlanException;
import org.cpe.decider.plan.PlanParser;
import org.cpe.protocol.MessageType;
import org.cpe.protocol.Notice;
import org.cpe.protocol.Signals;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;

class DeciderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A fans out to B and C; D needs both (fan in). */
    static final String DIAMOND =
            """
            name: diamond
            version: "1"
            activities:
              - name: A
                version: "1"
                outputs_spec:
                  value: "$.value"
                  all: "$"
            steps:
              - name: first
                activity: A
                input: |
                  {"job": {{__input__.job}}}
              - name: left
                activity: A
                requires: [first]
                input: |
                  {"from": {{first.value}}}
              - name: right
                activity: A
                requires: [[first, succeeded]]
              - name: last
                activity: A
                requires: [left, right]
                input: |
                  {"left": {{left.all}}, "right": {{right.value}}}
            """;

    @Test
    void firstDecisionSchedulesTheStepsWithoutRequirementsWithTheirRenderedInput() throws Exception {
        Outcome outcome = decide(DIAMOND, History.started("{\"job\": {\"id\": 7}}"));

        assertThat(types(outcome)).containsExactly(DecisionType.SCHEDULE_ACTIVITY_TASK);
        var attributes = outcome.decisions().get(0).scheduleActivityTaskDecisionAttributes();
        assertThat(attributes.activityId()).isEqualTo("first");
        assertThat(attributes.taskList().name()).isEqualTo("A-1");
        assertThat(JSON.readTree(attributes.input())).isEqualTo(JSON.readTree("{\"job\": {\"id\": 7}}"));
        assertThat(attributes.heartbeatTimeout()).isEqualTo("60");
        assertThat(attributes.startToCloseTimeout()).isEqualTo("432000");
        assertThat(outcome.notices()).extracting(Notice::type).containsExactly(MessageType.ACTIVITY_SCHEDULED);
        assertThat(outcome.notices()
                        .get(0)
                        .data()
                        .get("activity")
                        .get("activityId")
                        .asText())
                .isEqualTo("first");
    }

    @Test
    void stepsWhoseRequirementsAreMetAreScheduledTogetherAndOutputsFlowIntoTemplates() throws Exception {
        History h = History.started("{\"job\": 1}")
                .decided()
                .scheduled("first")
                .completed("first", "{\"value\": \"v1\", \"other\": true}")
                .decisionTask();

        Outcome outcome = decide(DIAMOND, h);

        assertThat(outcome.decisions())
                .extracting(d -> d.scheduleActivityTaskDecisionAttributes().activityId())
                .containsExactly("left", "right");
        assertThat(outcome.decisions()
                        .get(0)
                        .scheduleActivityTaskDecisionAttributes()
                        .input())
                .isEqualTo("{\"from\":\"v1\"}");
        assertThat(outcome.decisions()
                        .get(1)
                        .scheduleActivityTaskDecisionAttributes()
                        .input())
                .isNull();
    }

    @Test
    void fanInWaitsForEveryRequiredStep() {
        History h = History.started("{}")
                .decided()
                .scheduled("first")
                .completed("first", "{\"value\": 1}")
                .decisionTask()
                .decided()
                .scheduled("left")
                .scheduled("right")
                .completed("left", "{\"value\": 2}")
                .decisionTask();

        assertThat(decide(DIAMOND, h).decisions()).isEmpty();
    }

    @Test
    void whenEveryStepEndedTheWorkflowCompletesWithTheLastStepsOutputs() throws Exception {
        History h = History.started("{}")
                .decided()
                .scheduled("first")
                .completed("first", "{\"value\": 1}")
                .decisionTask()
                .decided()
                .scheduled("left")
                .scheduled("right")
                .completed("left", "{\"value\": 2}")
                .completed("right", "{\"value\": 3}")
                .decisionTask()
                .decided()
                .scheduled("last")
                .completed("last", "{\"value\": 4}")
                .decisionTask();

        Outcome outcome = decide(DIAMOND, h);

        assertThat(types(outcome)).containsExactly(DecisionType.COMPLETE_WORKFLOW_EXECUTION);
        JsonNode result = JSON.readTree(outcome.decisions()
                .get(0)
                .completeWorkflowExecutionDecisionAttributes()
                .result());
        assertThat(result).isEqualTo(JSON.readTree("{\"last\": {\"value\": 4, \"all\": {\"value\": 4}}}"));
        Notice completed = outcome.notices().get(0);
        assertThat(completed.type()).isEqualTo(MessageType.WORKFLOW_COMPLETED);
        assertThat(completed.closing()).isTrue();
        assertThat(completed.data().get("result")).isEqualTo(result);
    }

    static final String BRANCH =
            """
            name: branch
            version: "1"
            activities:
              - name: A
                version: "1"
            steps:
              - name: work
                activity: A
              - name: onSuccess
                activity: A
                requires: [[work, succeeded]]
              - name: onFailure
                activity: A
                requires: [[work, failed]]
                input: |
                  {"why": {{work.reason}}, "details": {{work.details}}}
              - name: after
                activity: A
                requires: [[onSuccess, succeeded]]
              - name: always
                activity: A
                requires: [onSuccess]
            """;

    @Test
    void aFailureBranchFiresWithTheFailureAndTheOtherBranchIsSkippedWithItsDependents() throws Exception {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .failed("work", "DISK_FULL", "no space")
                .decisionTask();

        Outcome outcome = decide(BRANCH, h);

        // "always" waits for onSuccess to complete in any way, and a skipped step has completed.
        assertThat(outcome.decisions())
                .extracting(d -> d.scheduleActivityTaskDecisionAttributes().activityId())
                .containsExactly("onFailure", "always");
        var attributes = outcome.decisions().get(0).scheduleActivityTaskDecisionAttributes();
        assertThat(JSON.readTree(attributes.input()))
                .isEqualTo(JSON.readTree("{\"why\": \"DISK_FULL\", \"details\": \"no space\"}"));
    }

    @Test
    void aHandledFailureLetsTheWorkflowComplete() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .failed("work", "DISK_FULL", "no space")
                .decisionTask()
                .decided()
                .scheduled("onFailure")
                .scheduled("always")
                .completed("onFailure", "{}")
                .completed("always", "{}")
                .decisionTask();

        assertThat(types(decide(BRANCH, h))).containsExactly(DecisionType.COMPLETE_WORKFLOW_EXECUTION);
    }

    @Test
    void theFailureBranchIsSkippedWhenTheStepSucceeds() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .completed("work", "{}")
                .decisionTask();

        Outcome outcome = decide(BRANCH, h);

        assertThat(outcome.decisions())
                .extracting(d -> d.scheduleActivityTaskDecisionAttributes().activityId())
                .containsExactly("onSuccess");
    }

    @Test
    void anUnhandledFailureFailsTheWorkflowWithTheStepsReasonAndCancelsWhatRuns() throws Exception {
        History h = History.started("{}")
                .decided()
                .scheduled("first")
                .completed("first", "{}")
                .decisionTask()
                .decided()
                .scheduled("left")
                .scheduled("right")
                .failed("left", "BAD_FILE", "cannot decode")
                .decisionTask();

        Outcome outcome = decide(DIAMOND, h);

        assertThat(types(outcome))
                .containsExactly(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK, DecisionType.FAIL_WORKFLOW_EXECUTION);
        assertThat(outcome.decisions()
                        .get(0)
                        .requestCancelActivityTaskDecisionAttributes()
                        .activityId())
                .isEqualTo("right");
        var fail = outcome.decisions().get(1).failWorkflowExecutionDecisionAttributes();
        assertThat(fail.reason()).isEqualTo("BAD_FILE");
        assertThat(JSON.readTree(fail.details()))
                .isEqualTo(JSON.readTree(
                        "{\"step\": \"left\", \"reason\": \"BAD_FILE\", \"details\": \"cannot decode\"}"));
        assertThat(outcome.notices()).extracting(Notice::type).containsExactly(MessageType.WORKFLOW_FAILED);
        assertThat(outcome.notices().get(0).data().get("reason").asText()).isEqualTo("BAD_FILE");
    }

    static final String RETRY =
            """
            name: retry
            version: "1"
            activities:
              - name: A
                version: "1"
                retry:
                  maximum_attempts: 3
                  initial_interval: 10
                  backoff_coefficient: 3
                  non_retryable_reasons: [FATAL]
            steps:
              - name: work
                activity: A
            """;

    @Test
    void aFailedAttemptIsRetriedAfterATimerWithBackoff() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .failed("work", "FLAKY", "x")
                .decisionTask();

        Outcome first = decide(RETRY, h);

        assertThat(types(first)).containsExactly(DecisionType.START_TIMER);
        var timer = first.decisions().get(0).startTimerDecisionAttributes();
        assertThat(timer.startToFireTimeout()).isEqualTo("10");
        assertThat(timer.control()).isEqualTo("work");
        assertThat(first.notices()).extracting(Notice::type).containsExactly(MessageType.ACTIVITY_RETRYING);
        assertThat(first.notices()
                        .get(0)
                        .data()
                        .get("activity")
                        .get("nextAttempt")
                        .asInt())
                .isEqualTo(2);

        h.decided()
                .timerStarted(timer.timerId(), "work")
                .timerFired(timer.timerId())
                .decisionTask();
        Outcome second = decide(RETRY, h);
        assertThat(second.decisions())
                .extracting(d -> d.scheduleActivityTaskDecisionAttributes().activityId())
                .containsExactly("work");

        h.decided().scheduled("work").failed("work", "FLAKY", "x").decisionTask();
        Outcome third = decide(RETRY, h);
        assertThat(third.decisions().get(0).startTimerDecisionAttributes().startToFireTimeout())
                .isEqualTo("30");
    }

    @Test
    void theLastAllowedAttemptsFailureFailsTheWorkflow() {
        History h = History.started("{}");
        for (int attempt = 1; attempt <= 3; attempt++) {
            h.decided()
                    .scheduled("work")
                    .failed("work", "FLAKY", "attempt " + attempt)
                    .decisionTask();
            if (attempt < 3) {
                String timerId = decide(RETRY, h)
                        .decisions()
                        .get(0)
                        .startTimerDecisionAttributes()
                        .timerId();
                h.decided().timerStarted(timerId, "work").timerFired(timerId).decisionTask();
            }
        }

        Outcome outcome = decide(RETRY, h);

        assertThat(types(outcome)).containsExactly(DecisionType.FAIL_WORKFLOW_EXECUTION);
        assertThat(outcome.decisions()
                        .get(0)
                        .failWorkflowExecutionDecisionAttributes()
                        .details())
                .contains("attempt 3");
    }

    @Test
    void aNonRetryableReasonFailsAtOnce() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .failed("work", "FATAL", "x")
                .decisionTask();

        assertThat(types(decide(RETRY, h))).containsExactly(DecisionType.FAIL_WORKFLOW_EXECUTION);
    }

    @Test
    void aTimeoutIsReportedAndRetriedWithTheTimeoutTypeAsReason() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .timedOut("work", ActivityTaskTimeoutType.HEARTBEAT)
                .decisionTask();

        Outcome outcome = decide(RETRY, h);

        assertThat(types(outcome)).containsExactly(DecisionType.START_TIMER);
        assertThat(outcome.notices())
                .extracting(Notice::type)
                .containsExactly(MessageType.ACTIVITY_TIMEOUT, MessageType.ACTIVITY_RETRYING);
        assertThat(outcome.notices()
                        .get(0)
                        .data()
                        .get("activity")
                        .get("timeoutType")
                        .asText())
                .isEqualTo("HEARTBEAT");
        assertThat(outcome.notices().get(1).data().get("activity").get("reason").asText())
                .isEqualTo("HEARTBEAT");
    }

    @Test
    void withoutARetryPolicyATimeoutFailsTheStepSoItsFailureBranchRuns() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .timedOut("work", ActivityTaskTimeoutType.START_TO_CLOSE)
                .decisionTask();

        Outcome outcome = decide(BRANCH, h);

        assertThat(outcome.decisions())
                .extracting(d -> d.scheduleActivityTaskDecisionAttributes().activityId())
                .containsExactly("onFailure", "always");
    }

    @Test
    void aTimeoutSeenInAnEarlierDecisionTaskIsNotReportedAgain() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .timedOut("work", ActivityTaskTimeoutType.HEARTBEAT)
                .decisionTask();
        String timerId = decide(RETRY, h)
                .decisions()
                .get(0)
                .startTimerDecisionAttributes()
                .timerId();
        h.decided().timerStarted(timerId, "work").timerFired(timerId).decisionTask();

        assertThat(decide(RETRY, h).notices()).extracting(Notice::type).containsExactly(MessageType.ACTIVITY_SCHEDULED);
    }

    @Test
    void aCancelRequestCancelsTheRunningActivitiesThenTheWorkflow() {
        History h = History.started("{}")
                .decided()
                .scheduled("first")
                .completed("first", "{}")
                .decisionTask()
                .decided()
                .scheduled("left")
                .scheduled("right")
                .cancelRequested()
                .decisionTask();

        Outcome outcome = decide(DIAMOND, h);
        assertThat(types(outcome))
                .containsExactly(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK, DecisionType.REQUEST_CANCEL_ACTIVITY_TASK);
        assertThat(outcome.notices()).isEmpty();

        h.decided()
                .cancelRequestedFor("left")
                .cancelRequestedFor("right")
                .canceled("left")
                .decisionTask();
        assertThat(decide(DIAMOND, h).decisions()).isEmpty();

        h.decided().completed("right", "{}").decisionTask();
        Outcome last = decide(DIAMOND, h);
        assertThat(types(last)).containsExactly(DecisionType.CANCEL_WORKFLOW_EXECUTION);
        assertThat(last.notices()).extracting(Notice::type).containsExactly(MessageType.WORKFLOW_CANCELED);
    }

    @Test
    void aCancelRequestCancelsAPendingRetryTimer() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .failed("work", "FLAKY", "x")
                .decisionTask();
        String timerId = decide(RETRY, h)
                .decisions()
                .get(0)
                .startTimerDecisionAttributes()
                .timerId();
        h.decided().timerStarted(timerId, "work").cancelRequested().decisionTask();

        assertThat(types(decide(RETRY, h)))
                .containsExactly(DecisionType.CANCEL_TIMER, DecisionType.CANCEL_WORKFLOW_EXECUTION);
    }

    @Test
    void aCancelActivitySignalCancelsThatActivityAloneAndTheWorkflowGoesOnWithoutIt() {
        History h = History.started("{}")
                .decided()
                .scheduled("first")
                .completed("first", "{}")
                .decisionTask()
                .decided()
                .scheduled("left")
                .scheduled("right")
                .signaled(Signals.CANCEL_ACTIVITY, Signals.cancelActivityInput("left"))
                .decisionTask();

        Outcome outcome = decide(DIAMOND, h);
        assertThat(outcome.decisions()).hasSize(1);
        assertThat(outcome.decisions()
                        .get(0)
                        .requestCancelActivityTaskDecisionAttributes()
                        .activityId())
                .isEqualTo("left");

        h.decided().cancelRequestedFor("left").canceled("left").decisionTask();
        assertThat(decide(DIAMOND, h).decisions()).as("right still runs").isEmpty();

        // 'last' requires left (any end) and right: it runs once right is done; the workflow is not canceled.
        h.decided().completed("right", "{\"value\": 2}").decisionTask();
        Outcome next = decide(DIAMOND, h);
        assertThat(types(next)).containsExactly(DecisionType.SCHEDULE_ACTIVITY_TASK);
        assertThat(next.decisions()
                        .get(0)
                        .scheduleActivityTaskDecisionAttributes()
                        .activityId())
                .isEqualTo("last");
    }

    @Test
    void aCancelActivitySignalForAStepThatIsNotRunningChangesNothing() {
        History h = History.started("{}")
                .decided()
                .scheduled("first")
                .completed("first", "{}")
                .signaled(Signals.CANCEL_ACTIVITY, Signals.cancelActivityInput("first"))
                .signaled(Signals.CANCEL_ACTIVITY, Signals.cancelActivityInput("no-such-step"))
                .signaled(Signals.CANCEL_ACTIVITY, "not json")
                .decisionTask();

        assertThat(types(decide(DIAMOND, h)))
                .containsExactly(DecisionType.SCHEDULE_ACTIVITY_TASK, DecisionType.SCHEDULE_ACTIVITY_TASK);
    }

    @Test
    void aCanceledStepWaitingForARetryIsNotRetriedAndTheClientHearsIt() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .failed("work", "FLAKY", "x")
                .decisionTask();
        String timerId = decide(RETRY, h)
                .decisions()
                .get(0)
                .startTimerDecisionAttributes()
                .timerId();
        h.decided()
                .timerStarted(timerId, "work")
                .signaled(Signals.CANCEL_ACTIVITY, Signals.cancelActivityInput("work"))
                .decisionTask();
        assertThat(types(decide(RETRY, h))).containsExactly(DecisionType.CANCEL_TIMER);

        h.decided().timerCanceled(timerId).decisionTask();
        Outcome outcome = decide(RETRY, h);
        assertThat(outcome.notices()).extracting(Notice::type).contains(MessageType.ACTIVITY_CANCELED);
        assertThat(types(outcome)).doesNotContain(DecisionType.SCHEDULE_ACTIVITY_TASK, DecisionType.START_TIMER);
    }

    @Test
    void aFailureAfterTheClientAskedToCancelEndsTheStepCanceledInsteadOfRetrying() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .signaled(Signals.CANCEL_ACTIVITY, Signals.cancelActivityInput("work"))
                .failed("work", "FLAKY", "x")
                .decisionTask();

        Outcome outcome = decide(RETRY, h);
        assertThat(types(outcome)).doesNotContain(DecisionType.START_TIMER, DecisionType.SCHEDULE_ACTIVITY_TASK);
        JobView view = JobView.of(plan(RETRY), h.events());
        assertThat(view.steps().get(0).status()).isEqualTo(JobView.Status.CANCELED);
        assertThat(view.steps().get(0).reason()).isEqualTo("FLAKY");
    }

    @Test
    void aTemplateThatDoesNotRenderJsonFailsTheStepWithAPreciseReason() {
        String plan =
                """
                name: t
                version: "1"
                activities: [{name: A, version: "1"}]
                steps:
                  - name: s
                    activity: A
                    input: '{"a": {{__input__.x}} oops}'
                """;

        Outcome outcome = decide(plan, History.started("{\"x\": 1}"));

        var fail = outcome.decisions().get(0).failWorkflowExecutionDecisionAttributes();
        assertThat(fail.reason()).isEqualTo(Reasons.TEMPLATE_ERROR);
        assertThat(fail.details()).contains("did not render JSON").contains("oops");
    }

    @Test
    void aRenderedInputThatBreaksTheActivitysInputSpecFailsTheStep() {
        String plan =
                """
                name: t
                version: "1"
                activities:
                  - name: A
                    version: "1"
                    input_spec: {type: object, required: [name]}
                steps:
                  - name: s
                    activity: A
                    input: '{{__input__}}'
                """;

        Outcome outcome = decide(plan, History.started("{\"x\": 1}"));

        var fail = outcome.decisions().get(0).failWorkflowExecutionDecisionAttributes();
        assertThat(fail.reason()).isEqualTo(Reasons.INPUT_INVALID);
        assertThat(fail.details()).contains("name");
    }

    @Test
    void aWorkflowInputThatBreaksThePlansInputSpecFailsTheWorkflow() {
        String plan =
                """
                name: t
                version: "1"
                input_spec: {type: object, required: [client]}
                activities: [{name: A, version: "1"}]
                steps: [{name: s, activity: A}]
                """;

        Outcome outcome = decide(plan, History.started("{\"x\": 1}"));

        assertThat(outcome.decisions()
                        .get(0)
                        .failWorkflowExecutionDecisionAttributes()
                        .reason())
                .isEqualTo(Reasons.WORKFLOW_INPUT_INVALID);
    }

    @Test
    void aResultThatIsNotJsonFailsTheStep() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .completed("work", "not json")
                .decisionTask();

        Outcome outcome = decide(RETRY, h);

        assertThat(outcome.decisions()
                        .get(0)
                        .failWorkflowExecutionDecisionAttributes()
                        .reason())
                .isEqualTo(Reasons.RESULT_INVALID);
    }

    @Test
    void theSameHistoryGivesTheSameDecisions() {
        History h = History.started("{\"job\": 1}")
                .decided()
                .scheduled("first")
                .completed("first", "{\"value\": 1}")
                .decisionTask();

        assertThat(decide(DIAMOND, h)).isEqualTo(decide(DIAMOND, h));
    }

    static Outcome decide(String yaml, History history) {
        return Decider.decide(plan(yaml), history.events(), history.previousStarted());
    }

    static Plan plan(String yaml) {
        try {
            return PlanParser.parse("test.yml", yaml);
        } catch (PlanException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static List<DecisionType> types(Outcome outcome) {
        return outcome.decisions().stream().map(Decision::decisionType).toList();
    }
}
