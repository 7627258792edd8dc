package org.cpe.decider.logic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.cpe.decider.plan.Plan;

/**
 * A workflow's input as its start event gives it: JSON (null when blank) that meets the plan's input_spec.
 *
 * @param value the input, JSON null when blank or not JSON
 * @param problem why the input is not acceptable, or null; a workflow with a problem fails
 */
record WorkflowInput(JsonNode value, String problem) {

    static WorkflowInput parse(Plan plan, String text) {
        JsonNode value;
        if (text == null || text.isBlank()) {
            value = NullNode.getInstance();
        } else {
            try {
                value = Replay.JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return new WorkflowInput(
                        NullNode.getInstance(), "The workflow input is not JSON: " + e.getOriginalMessage());
            }
        }
        String problem = plan.inputSpec() == null
                ? null
                : plan.inputSpec()
                        .violations(value)
                        .map(v -> "The workflow input does not meet the plan's input_spec: " + v)
                        .orElse(null);
        return new WorkflowInput(value, problem);
    }
}
