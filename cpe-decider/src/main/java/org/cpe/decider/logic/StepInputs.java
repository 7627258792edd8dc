package org.cpe.decider.logic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.cpe.decider.plan.InputTemplate;
import org.cpe.decider.plan.Requirement;
import org.cpe.decider.plan.StepEnd;

/**
 * A step's input: its template rendered with the workflow input and its parents' values, which must be JSON, meet
 * the activity's input_spec and fit in SWF's limit; otherwise a {@link StepInputException} says why.
 */
final class StepInputs {

    private StepInputs() {}

    /** The step's input, null when it has no template. */
    static String render(Replay state, StepState step) throws StepInputException {
        InputTemplate template = step.def.input();
        if (template == null) {
            return null;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("__input__", plain(state.input));
        for (Requirement r : step.def.requires()) {
            StepState parent = state.steps.get(r.step());
            variables.put(r.step(), plain(parentValue(parent)));
        }
        String rendered;
        try {
            rendered = template.render(variables);
        } catch (InputTemplate.TemplateException e) {
            throw new StepInputException(Reasons.TEMPLATE_ERROR, "The input template failed: " + e.getMessage());
        }
        JsonNode json;
        try {
            json = Replay.JSON.readTree(rendered);
        } catch (JsonProcessingException e) {
            throw new StepInputException(
                    Reasons.TEMPLATE_ERROR,
                    "The input template did not render JSON (" + e.getOriginalMessage() + "): "
                            + SwfLimits.truncate(rendered, 1_000));
        }
        if (step.def.activity().inputSpec() != null) {
            var violations = step.def.activity().inputSpec().violations(json);
            if (violations.isPresent()) {
                throw new StepInputException(
                        Reasons.INPUT_INVALID,
                        "The step's input does not meet the activity's input_spec: " + violations.get());
            }
        }
        String text = json.toString();
        if (text.length() > SwfLimits.MAX_TEXT) {
            throw new StepInputException(
                    Reasons.INPUT_TOO_LARGE,
                    "The step's input has " + text.length() + " characters; SWF allows " + SwfLimits.MAX_TEXT);
        }
        return text;
    }

    /** What a later step sees of a parent: its outputs, or for a failed one its reason and details. */
    private static JsonNode parentValue(StepState parent) {
        if (parent.end == StepEnd.SUCCEEDED) {
            return parent.outputs;
        }
        ObjectNode value = Replay.JSON.createObjectNode();
        if (parent.end == StepEnd.FAILED) {
            value.put("reason", parent.reason);
            value.put("details", parent.details);
        }
        return value;
    }

    private static Object plain(JsonNode node) {
        return Replay.JSON.convertValue(node, Object.class);
    }

    /** A step input that could not be made, with the reason code its step fails with. */
    static final class StepInputException extends Exception {
        private static final long serialVersionUID = 1L;
        final String reason;

        StepInputException(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }
}
