package org.cpe.decider.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cpe.decider.plan.PlanParser.Fields;
import org.cpe.decider.plan.PlanParser.Problems;

/** Reads {@code steps[]}: activity references, requirements, templates; then looks for cycles. */
final class StepParser {

    static final Set<String> STEP_KEYS = Set.of("name", "activity", "requires", "input", "retry", "eval");

    static final String INPUT_VARIABLE = "__input__";

    /** A step name is its activity's SWF activityId: at most 256 characters, none of : / | or control characters. */
    private static final Pattern ACTIVITY_ID = Pattern.compile("[^:/|\\p{Cntrl}]{1,256}");

    private StepParser() {}

    static List<StepDef> parseAll(JsonNode list, Map<String, ActivityDef> activities, Problems problems) {
        if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
            problems.add("", "'steps' is required: a plan runs at least one step");
            return List.of();
        }
        if (!list.isArray()) {
            problems.add("steps", "must be a list");
            return List.of();
        }
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        Map<String, String> whereOf = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = "steps[" + i + "]";
            String name = node.path("name").isTextual() ? node.get("name").asText() : null;
            if (!node.isObject() || name == null || name.isBlank()) {
                problems.add(where, "a step is a mapping with a 'name' (a string)");
                continue;
            }
            if (!ACTIVITY_ID.matcher(name).matches() || name.equals(INPUT_VARIABLE)) {
                problems.add(
                        where,
                        "step name '" + name + "' is not usable as an SWF activityId"
                                + " (1-256 characters, no ':', '/', '|' or control characters; not __input__)");
            }
            if (byName.putIfAbsent(name, node) != null) {
                problems.add(where, "a second step named '" + name + "'");
                continue;
            }
            whereOf.put(name, where + " '" + name + "'");
        }
        List<StepDef> steps = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : byName.entrySet()) {
            StepDef step = parse(
                    entry.getKey(),
                    entry.getValue(),
                    whereOf.get(entry.getKey()),
                    byName.keySet(),
                    activities,
                    problems);
            if (step != null) {
                steps.add(step);
            }
        }
        cycles(byName, whereOf, problems);
        return steps;
    }

    private static StepDef parse(
            String name,
            JsonNode node,
            String where,
            Set<String> stepNames,
            Map<String, ActivityDef> activities,
            Problems problems) {
        Fields fields = new Fields(node, where, problems);
        fields.onlyKeys(STEP_KEYS);
        if (node.has("eval")) {
            problems.add(
                    where, "'eval' steps are not supported (the original never implemented them); use an activity");
            return null;
        }
        String activityName = fields.requiredString("activity");
        ActivityDef activity = activityName == null ? null : activities.get(activityName);
        if (activityName != null && activity == null) {
            problems.add(
                    where,
                    "unknown activity '" + activityName + "' (the plan's activities: "
                            + String.join(", ", activities.keySet()) + ")");
        }
        List<Requirement> requires = requirements(node.get("requires"), where, name, stepNames, problems);
        InputTemplate input = template(fields, name, requires, stepNames, where, problems);
        RetryPolicy inherited = activity == null ? RetryPolicy.NONE : activity.retry();
        RetryPolicy retry = ActivityParser.retry(node.get("retry"), where + ": retry", problems, inherited);
        return activity == null ? null : new StepDef(name, activity, requires, input, retry);
    }

    private static List<Requirement> requirements(
            JsonNode node, String where, String self, Set<String> stepNames, Problems problems) {
        List<Requirement> requires = new ArrayList<>();
        if (node == null || node.isNull()) {
            return requires;
        }
        if (!node.isArray()) {
            problems.add(where, "'requires' must be a list of step names or [name, status] pairs");
            return requires;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode item : node) {
            String step;
            StepStatus status = StepStatus.COMPLETED;
            if (item.isTextual()) {
                step = item.asText();
            } else if (item.isArray()
                    && item.size() == 2
                    && item.get(0).isTextual()
                    && item.get(1).isTextual()) {
                step = item.get(0).asText();
                String statusText = item.get(1).asText();
                status = StepStatus.parse(statusText).orElse(null);
                if (status == null) {
                    problems.add(
                            where,
                            "requirement [" + step + ", " + statusText + "]: unknown status '" + statusText
                                    + "' (completed, succeeded, failed or skipped)");
                    continue;
                }
            } else {
                problems.add(where, "requirement " + item + " is neither a step name nor a [name, status] pair");
                continue;
            }
            if (step.equals(self)) {
                problems.add(where, "requires itself");
            } else if (!stepNames.contains(step)) {
                problems.add(where, "requires unknown step '" + step + "'");
            } else if (!seen.add(step)) {
                problems.add(where, "requires '" + step + "' twice");
            } else {
                requires.add(new Requirement(step, status));
            }
        }
        return requires;
    }

    private static InputTemplate template(
            Fields fields,
            String self,
            List<Requirement> requires,
            Set<String> stepNames,
            String where,
            Problems problems) {
        JsonNode node = fields.get("input");
        if (node == null || node.isNull()) {
            return null;
        }
        // A YAML mapping or list is taken as the JSON it stands for, with no expressions.
        String text = node.isTextual() ? node.asText() : node.toString();
        InputTemplate template = InputTemplate.of(text);
        Set<String> known = new HashSet<>();
        known.add(INPUT_VARIABLE);
        requires.forEach(r -> known.add(r.step()));
        try {
            for (String unknown : template.unknownNames(known)) {
                if (stepNames.contains(unknown) && !unknown.equals(self)) {
                    problems.add(where, "input uses step '" + unknown + "', which is not in its requires");
                } else {
                    problems.add(where, "input uses '" + unknown + "', which is neither __input__ nor a required step");
                }
            }
        } catch (InputTemplate.TemplateException e) {
            problems.add(where, "input is not a valid template: " + e.getMessage());
        }
        return template;
    }

    private static void cycles(Map<String, JsonNode> steps, Map<String, String> whereOf, Problems problems) {
        Map<String, List<String>> parents = new HashMap<>();
        steps.forEach((name, node) -> {
            List<String> names = new ArrayList<>();
            for (JsonNode item : node.path("requires")) {
                String parent = item.isTextual() ? item.asText() : item.path(0).asText();
                if (steps.containsKey(parent)) {
                    names.add(parent);
                }
            }
            parents.put(name, names);
        });
        Set<String> done = new HashSet<>();
        for (String start : steps.keySet()) {
            List<String> path = new ArrayList<>();
            if (findCycle(start, parents, done, path, new HashSet<>())) {
                problems.add(
                        whereOf.get(path.get(path.size() - 1)),
                        "requirements form a cycle: " + String.join(" -> ", path));
                return;
            }
        }
    }

    private static boolean findCycle(
            String step, Map<String, List<String>> parents, Set<String> done, List<String> path, Set<String> onPath) {
        if (onPath.contains(step)) {
            path.add(step);
            return true;
        }
        if (!done.add(step)) {
            return false;
        }
        onPath.add(step);
        path.add(step);
        for (String parent : parents.getOrDefault(step, List.of())) {
            if (findCycle(parent, parents, done, path, onPath)) {
                return true;
            }
        }
        onPath.remove(step);
        path.remove(path.size() - 1);
        return false;
    }
}
