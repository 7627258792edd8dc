package org.cpe.decider.logic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cpe.decider.plan.StepEnd;
import org.cpe.protocol.MessageType;
import org.cpe.protocol.Notice;
import software.amazon.awssdk.services.swf.model.Decision;

/** The decision that closes a workflow (completed, failed or canceled) and the final notice its client gets. */
record WorkflowClose(Decision decision, Notice notice) {

    /** Adds the decision and the notice to a decision task's outcome. */
    void addTo(List<Decision> decisions, List<Notice> notices) {
        decisions.add(decision);
        notices.add(notice);
    }

    /** Fails the workflow; {@code stepName}, when not null, is the step whose failure it is. */
    static WorkflowClose failed(String reason, String details, String stepName) {
        ObjectNode detail = Replay.JSON.createObjectNode();
        if (stepName != null) {
            detail.put("step", stepName);
        }
        detail.put("reason", reason);
        detail.put("details", details == null ? null : SwfLimits.truncate(details, SwfLimits.MAX_TEXT - 1_000));
        String shortReason =
                SwfLimits.truncate(reason == null ? Reasons.ACTIVITY_FAILED : reason, SwfLimits.MAX_REASON);
        return new WorkflowClose(
                SwfDecisions.failWorkflow(shortReason, detail.toString()),
                new Notice(MessageType.WORKFLOW_FAILED, detail.deepCopy(), true));
    }

    /**
     * Completes the workflow with the outputs of its last steps that succeeded; a result over SWF's limit is replaced
     * by a note that points to the history.
     */
    static WorkflowClose completed(Replay state) {
        ObjectNode result = Replay.JSON.createObjectNode();
        state.plan.lastSteps().forEach(step -> {
            StepState s = state.steps.get(step.name());
            if (s.end == StepEnd.SUCCEEDED) {
                result.set(step.name(), s.outputs);
            }
        });
        String text = result.toString();
        if (text.length() > SwfLimits.MAX_TEXT) {
            ObjectNode tooLarge = Replay.JSON.createObjectNode();
            tooLarge.put(
                    "truncated",
                    "The result of " + text.length() + " characters is over SWF's " + SwfLimits.MAX_TEXT
                            + "; read the steps' results from the history");
            text = tooLarge.toString();
        }
        ObjectNode data = Replay.JSON.createObjectNode();
        try {
            data.set("result", Replay.JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new WorkflowClose(
                SwfDecisions.completeWorkflow(text), new Notice(MessageType.WORKFLOW_COMPLETED, data, true));
    }

    /** Cancels the workflow on its client's request. */
    static WorkflowClose canceled() {
        return new WorkflowClose(
                SwfDecisions.cancelWorkflow("Canceled on request"),
                new Notice(MessageType.WORKFLOW_CANCELED, Replay.JSON.createObjectNode(), true));
    }
}
