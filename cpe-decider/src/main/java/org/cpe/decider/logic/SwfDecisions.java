package org.cpe.decider.logic;

import org.cpe.decider.plan.ActivityDef;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;

/** The SWF decisions the decision logic makes, one builder each, so their attributes are set in one place. */
final class SwfDecisions {

    private SwfDecisions() {}

    /** The step's next attempt, with its activity's task list and timeouts. */
    static Decision scheduleActivity(StepState step, String input) {
        ActivityDef activity = step.def.activity();
        return Decision.builder()
                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(a -> a.activityId(step.name())
                        .activityType(t -> t.name(activity.name()).version(activity.version()))
                        .taskList(t -> t.name(activity.taskList()))
                        .input(input)
                        .heartbeatTimeout(activity.heartbeatTimeout())
                        .scheduleToCloseTimeout(activity.scheduleToCloseTimeout())
                        .scheduleToStartTimeout(activity.scheduleToStartTimeout())
                        .startToCloseTimeout(activity.startToCloseTimeout()))
                .build();
    }

    static Decision requestCancel(StepState step) {
        return Decision.builder()
                .decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
                .requestCancelActivityTaskDecisionAttributes(a -> a.activityId(step.name()))
                .build();
    }

    /** A retry timer; {@code control} names its step. */
    static Decision startTimer(String timerId, long seconds, String control) {
        return Decision.builder()
                .decisionType(DecisionType.START_TIMER)
                .startTimerDecisionAttributes(a -> a.timerId(timerId)
                        .startToFireTimeout(Long.toString(seconds))
                        .control(control))
                .build();
    }

    static Decision cancelTimer(String timerId) {
        return Decision.builder()
                .decisionType(DecisionType.CANCEL_TIMER)
                .cancelTimerDecisionAttributes(a -> a.timerId(timerId))
                .build();
    }

    static Decision completeWorkflow(String result) {
        return Decision.builder()
                .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                .completeWorkflowExecutionDecisionAttributes(a -> a.result(result))
                .build();
    }

    static Decision failWorkflow(String reason, String details) {
        return Decision.builder()
                .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
                .failWorkflowExecutionDecisionAttributes(a -> a.reason(reason).details(details))
                .build();
    }

    static Decision cancelWorkflow(String details) {
        return Decision.builder()
                .decisionType(DecisionType.CANCEL_WORKFLOW_EXECUTION)
                .cancelWorkflowExecutionDecisionAttributes(a -> a.details(details))
                .build();
    }
}
