package org.cpe.decider.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A loaded, valid execution plan: the SWF workflow type it serves ({@code name}, {@code version}) with its default
 * timeouts, the JSON Schema of the workflow input, its activities and its steps in file order.
 */
public record Plan(
        String name,
        String version,
        String executionStartToCloseTimeout,
        String taskStartToCloseTimeout,
        JsonSchemaSpec inputSpec,
        Map<String, ActivityDef> activities,
        List<StepDef> steps,
        String source) {

    public Plan {
        activities = Map.copyOf(activities);
        steps = List.copyOf(steps);
    }

    public PlanKey key() {
        return new PlanKey(name, version);
    }

    public Optional<StepDef> step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }

    /** Whether some step waits for {@code stepName} to fail: its failure is then a branch, not the workflow's end. */
    public boolean handlesFailureOf(String stepName) {
        return steps.stream()
                .flatMap(s -> s.requires().stream())
                .anyMatch(r -> r.step().equals(stepName) && r.status() == StepStatus.FAILED);
    }

    /** The steps no other step requires: their outputs are the workflow's result. */
    public List<StepDef> lastSteps() {
        Set<String> required = steps.stream()
                .flatMap(s -> s.requires().stream())
                .map(Requirement::step)
                .collect(Collectors.toSet());
        return steps.stream().filter(s -> !required.contains(s.name())).toList();
    }
}
