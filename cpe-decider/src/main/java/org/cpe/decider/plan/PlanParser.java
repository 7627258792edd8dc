package org.cpe.decider.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a plan from YAML and checks everything that can be checked before a workflow runs: keys, types, timeouts,
 * JSON Schemas, output paths, activity references, requirement statuses, cycles, and which names each input template
 * uses. It reports every problem it finds, each with the file and the place, not just the first.
 */
public final class PlanParser {

    static final Set<String> PLAN_KEYS = Set.of(
            "name",
            "version",
            "description",
            "default_execution_start_to_close_timeout",
            "default_task_start_to_close_timeout",
            "input_spec",
            "activities",
            "steps");

    /** Defaults where the original had none (it required them, but its own example plan lacks them). */
    static final String DEFAULT_EXECUTION_TIMEOUT = "86400";

    static final String DEFAULT_TASK_TIMEOUT = "60";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private PlanParser() {}

    /** Parses the YAML text of the plan file {@code source}. */
    public static Plan parse(String source, String yaml) throws PlanException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr();
            throw new PlanException(
                    List.of(new PlanProblem(source, where, "not valid YAML: " + e.getOriginalMessage())));
        }
        Problems problems = new Problems(source);
        Plan plan = parse(root, problems);
        problems.throwIfAny();
        return plan;
    }

    private static Plan parse(JsonNode root, Problems problems) {
        if (root == null || !root.isObject()) {
            problems.add("", "a plan is a YAML mapping with name, version, activities and steps");
            return null;
        }
        Fields plan = new Fields(root, "", problems);
        plan.onlyKeys(PLAN_KEYS);
        String name = plan.requiredString("name");
        String version = plan.requiredString("version");
        String executionTimeout =
                plan.timeout("default_execution_start_to_close_timeout", DEFAULT_EXECUTION_TIMEOUT, false);
        String taskTimeout = plan.timeout("default_task_start_to_close_timeout", DEFAULT_TASK_TIMEOUT, true);
        JsonSchemaSpec inputSpec = plan.schema("input_spec");
        Map<String, ActivityDef> activities = ActivityParser.parseAll(root.get("activities"), problems);
        List<StepDef> steps = StepParser.parseAll(root.get("steps"), activities, problems);
        if (problems.any()) {
            return null;
        }
        return new Plan(name, version, executionTimeout, taskTimeout, inputSpec, activities, steps, problems.source());
    }

    /** The problems found so far in one file. */
    static final class Problems {
        private final String source;
        private final List<PlanProblem> found = new ArrayList<>();

        Problems(String source) {
            this.source = source;
        }

        String source() {
            return source;
        }

        void add(String where, String reason) {
            found.add(new PlanProblem(source, where, reason));
        }

        boolean any() {
            return !found.isEmpty();
        }

        void throwIfAny() throws PlanException {
            if (any()) {
                throw new PlanException(found);
            }
        }
    }

    /** Typed access to one mapping of the plan, reporting what is wrong at {@code where}. */
    static final class Fields {
        private final JsonNode node;
        private final String where;
        private final Problems problems;

        Fields(JsonNode node, String where, Problems problems) {
            this.node = node;
            this.where = where;
            this.problems = problems;
        }

        void onlyKeys(Set<String> allowed) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (!allowed.contains(key)) {
                    problems.add(
                            where, "unknown key '" + key + "' (allowed: " + String.join(", ", sorted(allowed)) + ")");
                }
            }
        }

        String requiredString(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                problems.add(where, "'" + key + "' is required");
                return null;
            }
            return string(key, value);
        }

        String optionalString(String key) {
            JsonNode value = node.get(key);
            return value == null || value.isNull() ? null : string(key, value);
        }

        private String string(String key, JsonNode value) {
            if (!value.isTextual()) {
                String hint = value.isNumber() ? ": quote it, as in " + key + ": \"" + value.asText() + "\"" : "";
                problems.add(
                        where,
                        "'" + key + "' must be a string, not "
                                + value.getNodeType().name().toLowerCase() + hint);
                return null;
            }
            if (value.asText().isBlank()) {
                problems.add(where, "'" + key + "' must not be empty");
                return null;
            }
            return value.asText();
        }

        /** Seconds as text (YAML numbers accepted), or NONE where SWF allows it. */
        String timeout(String key, String defaultValue, boolean noneAllowed) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return defaultValue;
            }
            String text = value.isNumber() || value.isTextual() ? value.asText().trim() : "";
            if (noneAllowed && text.equals("NONE")) {
                return text;
            }
            try {
                long seconds = Long.parseLong(text);
                if (seconds >= 1 && seconds <= 31_536_000) {
                    return Long.toString(seconds);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(
                    where,
                    "'" + key + "' must be a whole number of seconds from 1 to 31536000"
                            + (noneAllowed ? " or NONE" : "") + ", not '" + value.asText() + "'");
            return defaultValue;
        }

        JsonSchemaSpec schema(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isObject() && !value.isBoolean()) {
                problems.add(where, "'" + key + "' must be a JSON Schema (a mapping)");
                return null;
            }
            try {
                return JsonSchemaSpec.compile(value);
            } catch (JsonSchemaSpec.InvalidSchemaException e) {
                problems.add(where, "'" + key + "' is not a valid JSON Schema: " + e.getMessage());
                return null;
            }
        }

        JsonNode get(String key) {
            return node.get(key);
        }

        String where() {
            return where;
        }

        Problems problems() {
            return problems;
        }
    }

    static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    static <V> Map<String, V> ordered() {
        return new LinkedHashMap<>();
    }
}
