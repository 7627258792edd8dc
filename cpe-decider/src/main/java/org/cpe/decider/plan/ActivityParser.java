package org.cpe.decider.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cpe.decider.plan.PlanParser.Fields;
import org.cpe.decider.plan.PlanParser.Problems;

/** Reads {@code activities[]} and the {@code retry} mappings of activities and steps. */
final class ActivityParser {

    static final Set<String> ACTIVITY_KEYS = Set.of(
            "name",
            "version",
            "task_list",
            "heartbeat_timeout",
            "schedule_to_close_timeout",
            "schedule_to_start_timeout",
            "start_to_close_timeout",
            "input_spec",
            "outputs_spec",
            "retry");

    static final Set<String> RETRY_KEYS = Set.of(
            "maximum_attempts", "initial_interval", "backoff_coefficient", "maximum_interval", "non_retryable_reasons");

    /** The original's defaults, in seconds. */
    static final String HEARTBEAT = "60";

    static final String SCHEDULE_TO_CLOSE = "518400";
    static final String SCHEDULE_TO_START = "43200";
    static final String START_TO_CLOSE = "432000";

    /** The original allowed letters and digits; its own examples use {@code __all__}, so underscores are allowed too. */
    private static final Pattern OUTPUT_KEY = Pattern.compile("[A-Za-z0-9_]+");

    private ActivityParser() {}

    static Map<String, ActivityDef> parseAll(JsonNode list, Problems problems) {
        Map<String, ActivityDef> activities = PlanParser.ordered();
        if (list == null || list.isNull()) {
            problems.add("", "'activities' is required: the activities the steps run");
            return activities;
        }
        if (!list.isArray()) {
            problems.add("activities", "must be a list");
            return activities;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = "activities[" + i + "]";
            if (!node.isObject()) {
                problems.add(where, "must be a mapping with name and version");
                continue;
            }
            if (node.path("name").isTextual()) {
                where += " '" + node.get("name").asText() + "'";
            }
            ActivityDef activity = parse(new Fields(node, where, problems));
            if (activity != null && activities.putIfAbsent(activity.name(), activity) != null) {
                problems.add(where, "a second activity named '" + activity.name() + "'");
            }
        }
        return activities;
    }

    private static ActivityDef parse(Fields fields) {
        fields.onlyKeys(ACTIVITY_KEYS);
        String name = fields.requiredString("name");
        String version = fields.requiredString("version");
        String taskList = fields.optionalString("task_list");
        String heartbeat = fields.timeout("heartbeat_timeout", HEARTBEAT, true);
        String scheduleToClose = fields.timeout("schedule_to_close_timeout", SCHEDULE_TO_CLOSE, true);
        String scheduleToStart = fields.timeout("schedule_to_start_timeout", SCHEDULE_TO_START, true);
        String startToClose = fields.timeout("start_to_close_timeout", START_TO_CLOSE, true);
        if (!startToClose.equals("NONE")
                && !scheduleToClose.equals("NONE")
                && Long.parseLong(startToClose) > Long.parseLong(scheduleToClose)) {
            fields.problems()
                    .add(
                            fields.where(),
                            "start_to_close_timeout (" + startToClose + ") is longer than schedule_to_close_timeout ("
                                    + scheduleToClose + "), which would cut it short");
        }
        JsonSchemaSpec inputSpec = fields.schema("input_spec");
        Map<String, OutputPath> outputs = outputs(fields);
        RetryPolicy retry = retry(fields.get("retry"), fields.where() + ": retry", fields.problems(), RetryPolicy.NONE);
        if (name == null) {
            return null;
        }
        // An activity with an invalid version is still known to its steps, so they are not also reported as using an
        // unknown activity; the plan is rejected anyway.
        return new ActivityDef(
                name,
                version,
                taskList == null ? name + "-" + version : taskList,
                heartbeat,
                scheduleToClose,
                scheduleToStart,
                startToClose,
                inputSpec,
                outputs,
                retry);
    }

    private static Map<String, OutputPath> outputs(Fields fields) {
        Map<String, OutputPath> outputs = PlanParser.ordered();
        JsonNode spec = fields.get("outputs_spec");
        if (spec == null || spec.isNull()) {
            return outputs;
        }
        if (!spec.isObject()) {
            fields.problems().add(fields.where(), "'outputs_spec' must map output names to paths such as \"$.a.b\"");
            return outputs;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = fields.where() + ": outputs_spec." + entry.getKey();
            if (!OUTPUT_KEY.matcher(entry.getKey()).matches()) {
                fields.problems().add(where, "an output name has only letters, digits and underscores");
                continue;
            }
            if (!entry.getValue().isTextual()) {
                fields.problems().add(where, "must be a path such as \"$\" or \"$.a.b\"");
                continue;
            }
            try {
                outputs.put(entry.getKey(), OutputPath.parse(entry.getValue().asText()));
            } catch (IllegalArgumentException e) {
                fields.problems().add(where, e.getMessage());
            }
        }
        return outputs;
    }

    /** A {@code retry} mapping; absent, {@code inherited}. */
    static RetryPolicy retry(JsonNode node, String where, Problems problems, RetryPolicy inherited) {
        if (node == null || node.isNull()) {
            return inherited;
        }
        if (!node.isObject()) {
            problems.add(where, "must be a mapping: " + String.join(", ", PlanParser.sorted(RETRY_KEYS)));
            return inherited;
        }
        Fields fields = new Fields(node, where, problems);
        fields.onlyKeys(RETRY_KEYS);
        int attempts = wholeNumber(node.get("maximum_attempts"), 3, where + ".maximum_attempts", problems);
        double initial = seconds(node.get("initial_interval"), 1, where + ".initial_interval", problems);
        double coefficient = number(node.get("backoff_coefficient"), 2.0, where + ".backoff_coefficient", problems);
        double maximum = seconds(
                node.get("maximum_interval"), Math.max(100 * initial, initial), where + ".maximum_interval", problems);
        if (coefficient < 1) {
            problems.add(where + ".backoff_coefficient", "must be at least 1, not " + coefficient);
        }
        if (maximum < initial) {
            problems.add(where + ".maximum_interval", "must not be shorter than initial_interval (" + initial + " s)");
        }
        Set<String> nonRetryable = new HashSet<>();
        JsonNode reasons = node.get("non_retryable_reasons");
        if (reasons != null && !reasons.isNull()) {
            if (!reasons.isArray()) {
                problems.add(where + ".non_retryable_reasons", "must be a list of reason codes");
            } else {
                reasons.forEach(r -> nonRetryable.add(r.asText()));
            }
        }
        return new RetryPolicy(
                attempts,
                Duration.ofMillis(Math.round(initial * 1000)),
                coefficient,
                Duration.ofMillis(Math.round(maximum * 1000)),
                nonRetryable);
    }

    private static int wholeNumber(JsonNode node, int defaultValue, String where, Problems problems) {
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
            problems.add(where, "must be a whole number of 1 or more, not " + node);
            return defaultValue;
        }
        return node.asInt();
    }

    private static double seconds(JsonNode node, double defaultValue, String where, Problems problems) {
        double value = number(node, defaultValue, where, problems);
        if (value < 0 || value > 31_536_000) {
            problems.add(where, "must be from 0 to 31536000 seconds, not " + value);
            return defaultValue;
        }
        return value;
    }

    private static double number(JsonNode node, double defaultValue, String where, Problems problems) {
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isNumber()) {
            problems.add(where, "must be a number, not " + node);
            return defaultValue;
        }
        return node.asDouble();
    }
}
