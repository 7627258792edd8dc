package org.cpe.swf.engine;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.swf.model.*;

/**
 * The checks SWF makes of a decision list before applying any of it: required members, lengths, and a close
 * decision only at the end. A list that fails them is refused whole with a {@code ValidationException}; the
 * decision task stays open, so the decider can answer again.
 */
final class DecisionChecks {

    private static final Set<DecisionType> CLOSE = Set.of(
            DecisionType.COMPLETE_WORKFLOW_EXECUTION,
            DecisionType.FAIL_WORKFLOW_EXECUTION,
            DecisionType.CANCEL_WORKFLOW_EXECUTION,
            DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION);

    private DecisionChecks() {}

    static boolean closes(Decision d) {
        return CLOSE.contains(d.decisionType());
    }

    static void validate(List<Decision> decisions) {
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            String at = "decisions." + (i + 1) + ".member";
            if (d.decisionType() == null || d.decisionType() == DecisionType.UNKNOWN_TO_SDK_VERSION) {
                throw Check.fail(at + ".decisionType", "Member must satisfy enum value set of DecisionType");
            }
            if (closes(d) && i < decisions.size() - 1) {
                throw SwfFaults.validation("Close decision " + d.decisionTypeAsString() + " at position " + (i + 1)
                        + " must be the last decision in the list of " + decisions.size());
            }
            check(d, at);
        }
    }

    private static void check(Decision d, String at) {
        switch (d.decisionType()) {
            case SCHEDULE_ACTIVITY_TASK -> {
                ScheduleActivityTaskDecisionAttributes a = Check.required(
                        d.scheduleActivityTaskDecisionAttributes(), at + ".scheduleActivityTaskDecisionAttributes");
                String p = at + ".scheduleActivityTaskDecisionAttributes";
                Check.activityType(a.activityType(), p + ".activityType");
                Check.name(a.activityId(), p + ".activityId");
                Check.data(a.input(), p + ".input");
                Check.data(a.control(), p + ".control");
                Check.optionalTaskList(a.taskList(), p + ".taskList");
                Check.priority(a.taskPriority(), p + ".taskPriority");
                Check.duration(a.scheduleToCloseTimeout(), p + ".scheduleToCloseTimeout");
                Check.duration(a.scheduleToStartTimeout(), p + ".scheduleToStartTimeout");
                Check.duration(a.startToCloseTimeout(), p + ".startToCloseTimeout");
                Check.duration(a.heartbeatTimeout(), p + ".heartbeatTimeout");
            }
            case REQUEST_CANCEL_ACTIVITY_TASK -> Check.name(
                    Check.required(
                                    d.requestCancelActivityTaskDecisionAttributes(),
                                    at + ".requestCancelActivityTaskDecisionAttributes")
                            .activityId(),
                    at + ".requestCancelActivityTaskDecisionAttributes.activityId");
            case COMPLETE_WORKFLOW_EXECUTION -> {
                if (d.completeWorkflowExecutionDecisionAttributes() != null) {
                    Check.data(
                            d.completeWorkflowExecutionDecisionAttributes().result(),
                            at + ".completeWorkflowExecutionDecisionAttributes.result");
                }
            }
            case FAIL_WORKFLOW_EXECUTION -> {
                if (d.failWorkflowExecutionDecisionAttributes() != null) {
                    Check.reason(
                            d.failWorkflowExecutionDecisionAttributes().reason(),
                            at + ".failWorkflowExecutionDecisionAttributes.reason");
                    Check.data(
                            d.failWorkflowExecutionDecisionAttributes().details(),
                            at + ".failWorkflowExecutionDecisionAttributes.details");
                }
            }
            case CANCEL_WORKFLOW_EXECUTION -> {
                if (d.cancelWorkflowExecutionDecisionAttributes() != null) {
                    Check.data(
                            d.cancelWorkflowExecutionDecisionAttributes().details(),
                            at + ".cancelWorkflowExecutionDecisionAttributes.details");
                }
            }
            case CONTINUE_AS_NEW_WORKFLOW_EXECUTION -> {
                ContinueAsNewWorkflowExecutionDecisionAttributes a =
                        d.continueAsNewWorkflowExecutionDecisionAttributes();
                if (a != null) {
                    String p = at + ".continueAsNewWorkflowExecutionDecisionAttributes";
                    Check.data(a.input(), p + ".input");
                    Check.executionTimeout(a.executionStartToCloseTimeout(), p + ".executionStartToCloseTimeout");
                    Check.duration(a.taskStartToCloseTimeout(), p + ".taskStartToCloseTimeout");
                    Check.optionalTaskList(a.taskList(), p + ".taskList");
                    Check.priority(a.taskPriority(), p + ".taskPriority");
                    Check.tags(a.tagList());
                    Starts.childPolicy(a.childPolicyAsString(), p + ".childPolicy");
                }
            }
            case RECORD_MARKER -> {
                RecordMarkerDecisionAttributes a =
                        Check.required(d.recordMarkerDecisionAttributes(), at + ".recordMarkerDecisionAttributes");
                Check.name(a.markerName(), at + ".recordMarkerDecisionAttributes.markerName");
                Check.data(a.details(), at + ".recordMarkerDecisionAttributes.details");
            }
            case START_TIMER -> {
                StartTimerDecisionAttributes a =
                        Check.required(d.startTimerDecisionAttributes(), at + ".startTimerDecisionAttributes");
                Check.name(a.timerId(), at + ".startTimerDecisionAttributes.timerId");
                Check.data(a.control(), at + ".startTimerDecisionAttributes.control");
                String fire =
                        Check.required(a.startToFireTimeout(), at + ".startTimerDecisionAttributes.startToFireTimeout");
                if (!fire.matches("\\d{1,8}")) {
                    throw Check.fail(
                            at + ".startTimerDecisionAttributes.startToFireTimeout",
                            "Member must be a whole number of seconds");
                }
            }
            case CANCEL_TIMER -> Check.name(
                    Check.required(d.cancelTimerDecisionAttributes(), at + ".cancelTimerDecisionAttributes")
                            .timerId(),
                    at + ".cancelTimerDecisionAttributes.timerId");
            case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION -> {
                SignalExternalWorkflowExecutionDecisionAttributes a = Check.required(
                        d.signalExternalWorkflowExecutionDecisionAttributes(),
                        at + ".signalExternalWorkflowExecutionDecisionAttributes");
                String p = at + ".signalExternalWorkflowExecutionDecisionAttributes";
                Check.name(a.workflowId(), p + ".workflowId");
                Check.name(a.signalName(), p + ".signalName");
                Check.data(a.input(), p + ".input");
                Check.data(a.control(), p + ".control");
            }
            case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION -> {
                RequestCancelExternalWorkflowExecutionDecisionAttributes a = Check.required(
                        d.requestCancelExternalWorkflowExecutionDecisionAttributes(),
                        at + ".requestCancelExternalWorkflowExecutionDecisionAttributes");
                Check.name(a.workflowId(), at + ".requestCancelExternalWorkflowExecutionDecisionAttributes.workflowId");
                Check.data(a.control(), at + ".requestCancelExternalWorkflowExecutionDecisionAttributes.control");
            }
            case START_CHILD_WORKFLOW_EXECUTION -> {
                StartChildWorkflowExecutionDecisionAttributes a = Check.required(
                        d.startChildWorkflowExecutionDecisionAttributes(),
                        at + ".startChildWorkflowExecutionDecisionAttributes");
                String p = at + ".startChildWorkflowExecutionDecisionAttributes";
                Check.workflowType(a.workflowType(), p + ".workflowType");
                Check.name(a.workflowId(), p + ".workflowId");
                Check.data(a.input(), p + ".input");
                Check.data(a.control(), p + ".control");
                Check.optionalTaskList(a.taskList(), p + ".taskList");
                Check.executionTimeout(a.executionStartToCloseTimeout(), p + ".executionStartToCloseTimeout");
                Check.duration(a.taskStartToCloseTimeout(), p + ".taskStartToCloseTimeout");
                Check.priority(a.taskPriority(), p + ".taskPriority");
                Check.tags(a.tagList());
                Starts.childPolicy(a.childPolicyAsString(), p + ".childPolicy");
            }
            default -> {
                // ScheduleLambdaFunction: checked when applied, where it fails as SWF fails it outside Lambda
            }
        }
    }
}
