package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.swf.model.*;

/** Helpers of the timeout, paging, recovery and bad-input tests, on top of {@link Workflows}. */
final class Runs {

    private Runs() {}

    /** Starts a run of the workflow type with the request adjusted, e.g. its timeouts or task list. */
    static String start(Workflows wf, String workflowId, Consumer<StartWorkflowExecutionRequest.Builder> options) {
        return wf.swf
                .startWorkflowExecution(r -> {
                    r.domain(wf.domain).workflowId(workflowId).workflowType(wf.workflowType);
                    options.accept(r);
                })
                .runId();
    }

    static Decision schedule(
            ActivityType type, String activityId, Consumer<ScheduleActivityTaskDecisionAttributes.Builder> options) {
        return Decision.builder()
                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(a -> {
                    a.activityType(type).activityId(activityId);
                    options.accept(a);
                })
                .build();
    }

    /** Every timeout of an activity task unlimited. */
    static void unlimited(ScheduleActivityTaskDecisionAttributes.Builder a) {
        a.scheduleToStartTimeout("NONE")
                .scheduleToCloseTimeout("NONE")
                .startToCloseTimeout("NONE")
                .heartbeatTimeout("NONE");
    }

    static Decision startTimer(String timerId, String seconds) {
        return Decision.builder()
                .decisionType(DecisionType.START_TIMER)
                .startTimerDecisionAttributes(a -> a.timerId(timerId).startToFireTimeout(seconds))
                .build();
    }

    /** A decision task of one task list, polling until one comes. */
    static PollForDecisionTaskResponse decisionTask(Workflows wf, String taskList) {
        for (int i = 0; i < 10; i++) {
            PollForDecisionTaskResponse task = wf.swf.pollForDecisionTask(
                    r -> r.domain(wf.domain).taskList(t -> t.name(taskList)).identity("decider"));
            if (!task.taskToken().isEmpty()) {
                return task;
            }
        }
        throw new AssertionError("no decision task came on " + taskList);
    }

    /** An activity task of one task list, polling until one comes. */
    static PollForActivityTaskResponse activityTask(Workflows wf, String taskList) {
        for (int i = 0; i < 10; i++) {
            PollForActivityTaskResponse task = wf.swf.pollForActivityTask(
                    r -> r.domain(wf.domain).taskList(t -> t.name(taskList)).identity("worker"));
            if (!task.taskToken().isEmpty()) {
                return task;
            }
        }
        throw new AssertionError("no activity task came on " + taskList);
    }

    /** The only event of the type in the history. */
    static HistoryEvent only(List<HistoryEvent> events, EventType type) {
        List<HistoryEvent> found =
                events.stream().filter(e -> e.eventType() == type).toList();
        assertThat(found).as("events of type %s", type).hasSize(1);
        return found.get(0);
    }

    /** The call fails with SWF's fault of that error code, e.g. {@code ValidationException}. */
    static void assertFault(ThrowingCallable call, String errorCode) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SwfException.class, e -> assertThat(
                        e.awsErrorDetails().errorCode())
                .as("error code of %s", e.getMessage())
                .isEqualTo(errorCode));
    }

    /** The later event came after the earlier one by the timeout, give or take the scheduler's delay. */
    static void assertFiredAfter(HistoryEvent from, HistoryEvent fired, Duration timeout) {
        Duration elapsed = Duration.between(from.eventTimestamp(), fired.eventTimestamp());
        assertThat(elapsed)
                .as("%s fired %s after %s", fired.eventType(), elapsed, from.eventType())
                .isBetween(timeout.minusMillis(10), timeout.plusMillis(1500));
    }
}
