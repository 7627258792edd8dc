package org.cpe.decider.plan;

import java.util.Map;

/**
 * An activity of a plan: the SWF activity type, its task list and its four timeouts (seconds as text, or
 * {@code NONE}), the JSON Schema its rendered input must meet, the outputs it exposes to later steps, and its retry
 * policy.
 */
public record ActivityDef(
        String name,
        String version,
        String taskList,
        String heartbeatTimeout,
        String scheduleToCloseTimeout,
        String scheduleToStartTimeout,
        String startToCloseTimeout,
        JsonSchemaSpec inputSpec,
        Map<String, OutputPath> outputs,
        RetryPolicy retry) {

    public ActivityDef {
        outputs = Map.copyOf(outputs);
    }
}
