package org.cpe.decider.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.cpe.decider.logic.Outcome;
import org.cpe.decider.plan.Plan;
import org.cpe.decider.plan.PlanException;
import org.cpe.decider.plan.PlanParser;
import org.cpe.protocol.MessageType;
import org.cpe.protocol.Notice;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * One decision to time: a plan, a workflow history of about a given number of events that ends with an open decision
 * task, and the one step that decision must schedule with its input. Two shapes:
 *
 * <ul>
 *   <li>{@link #fanOut fan-out}: {@code split}, then {@code part_1} … {@code part_K} in parallel, then {@code merge},
 *       which requires them all. Every part has been scheduled, started and completed, each completion in a decision
 *       task of its own; the last completion makes {@code merge} ready.
 *   <li>{@link #chain chain}: {@code step_1} … {@code step_K}, each requiring the one before. Every step but the last
 *       has run, one decision task each; the last completion makes {@code step_K} ready.
 * </ul>
 *
 * <p>Each completed activity returns a JSON result of about 150 characters, and every step's input is a template over
 * the workflow input and its parents' outputs, so the decision replays, parses and renders as in production.
 */
record Workload(
        String shape,
        int steps,
        Plan plan,
        List<HistoryEvent> history,
        long previousStartedEventId,
        String expectedStep,
        JsonNode expectedInput) {

    static final String FAN_OUT = "fan-out";
    static final String CHAIN = "chain";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "{\"id\": 7, \"client\": \"bench\", \"priority\": 2}";
    private static final String WORKFLOW_INPUT = "{\"job\": " + JOB + "}";
    /** The events besides the parts' six each: started, the split step's turn, the turn that scheduled the parts. */
    private static final int FAN_OUT_FIXED_EVENTS = 9;
    /** Each step that ran: its decision task completed, scheduled, started, completed, the next task. */
    private static final int EVENTS_PER_STEP = 6;

    static Workload of(String shape, int events) {
        return switch (shape) {
            case FAN_OUT -> fanOut(Math.max(1, Math.round((events - FAN_OUT_FIXED_EVENTS) / (float) EVENTS_PER_STEP)));
            case CHAIN -> chain(Math.max(2, 1 + Math.round((events - 3) / (float) EVENTS_PER_STEP)));
            default -> throw new IllegalArgumentException(
                    "unknown shape " + shape + " (" + FAN_OUT + ", " + CHAIN + ")");
        };
    }

    int events() {
        return history.size();
    }

    /** Fails unless {@code outcome} schedules exactly the expected step with the expected input. */
    void check(Outcome outcome) {
        assertThat(outcome.decisions())
                .as("%s, %d events: the decisions", shape, events())
                .extracting(Decision::decisionType)
                .containsExactly(DecisionType.SCHEDULE_ACTIVITY_TASK);
        var scheduled = outcome.decisions().get(0).scheduleActivityTaskDecisionAttributes();
        assertThat(scheduled.activityId()).isEqualTo(expectedStep);
        assertThat(read(scheduled.input())).isEqualTo(expectedInput);
        assertThat(outcome.notices()).extracting(Notice::type).containsExactly(MessageType.ACTIVITY_SCHEDULED);
    }

    /** A split, {@code parts} parts in parallel and a merge that requires them all. */
    static Workload fanOut(int parts) {
        Plan plan = parse(fanOutPlan(parts));
        SwfHistory h = SwfHistory.started("fan-out", WORKFLOW_INPUT)
                .decided()
                .scheduled("split", "Split", WORKFLOW_INPUT)
                .activityStarted("split")
                .completed("split", "{\"job\": " + JOB + ", \"parts\": " + parts + "}")
                .decisionTask()
                .decided();
        for (int i = 1; i <= parts; i++) {
            h.scheduled(part(i), "Work", "{\"job\": " + JOB + ", \"part\": " + i + "}");
        }
        for (int i = 1; i <= parts; i++) {
            h.activityStarted(part(i));
        }
        for (int i = 1; i <= parts; i++) {
            h.completed(part(i), result(i)).decisionTask();
            if (i < parts) {
                h.decided();
            }
        }
        ObjectNode input = JSON.createObjectNode();
        input.set("job", read(JOB));
        input.set("first", read(result(1)));
        input.put("last", parts);
        input.put("count", parts);
        return new Workload(FAN_OUT, parts + 2, plan, h.events(), h.previousStartedEventId(), "merge", input);
    }

    /** {@code steps} steps, each requiring the one before; all but the last have run. */
    static Workload chain(int steps) {
        Plan plan = parse(chainPlan(steps));
        SwfHistory h = SwfHistory.started("chain", WORKFLOW_INPUT);
        for (int i = 1; i < steps; i++) {
            String previous = i == 1 ? "null" : Integer.toString(i - 1);
            h.decided()
                    .scheduled(step(i), "Work", "{\"job\": " + JOB + ", \"previous\": " + previous + "}")
                    .activityStarted(step(i))
                    .completed(step(i), result(i))
                    .decisionTask();
        }
        ObjectNode input = JSON.createObjectNode();
        input.set("job", read(JOB));
        input.put("previous", steps - 1);
        return new Workload(CHAIN, steps, plan, h.events(), h.previousStartedEventId(), step(steps), input);
    }

    private static String fanOutPlan(int parts) {
        StringBuilder yaml = new StringBuilder(
                """
                name: fan-out
                version: "1"
                input_spec:
                  type: object
                  required: [job]
                activities:
                  - name: Split
                    version: "1"
                    outputs_spec:
                      job: "$.job"
                      parts: "$.parts"
                  - name: Work
                    version: "1"
                    outputs_spec:
                      value: "$.value"
                      all: "$"
                  - name: Merge
                    version: "1"
                    input_spec:
                      type: object
                      required: [job, first, last, count]
                steps:
                  - name: split
                    activity: Split
                    input: |
                      {"job": {{__input__.job}}}
                """);
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= parts; i++) {
            yaml.append(stepYaml(part(i), "split", "{\"job\": {{split.job}}, \"part\": " + i + "}"));
            all.append(i == 1 ? "" : ", ").append(part(i));
        }
        yaml.append(String.format(
                Locale.ROOT,
                """
                  - name: merge
                    activity: Merge
                    requires: [%s]
                    input: |
                      {"job": {{__input__.job}}, "first": {{%s.all}}, "last": {{%s.value}}, "count": %d}
                """,
                all,
                part(1),
                part(parts),
                parts));
        return yaml.toString();
    }

    private static String chainPlan(int steps) {
        StringBuilder yaml = new StringBuilder(
                """
                name: chain
                version: "1"
                input_spec:
                  type: object
                  required: [job]
                activities:
                  - name: Work
                    version: "1"
                    outputs_spec:
                      value: "$.value"
                      all: "$"
                steps:
                """);
        yaml.append(stepYaml(step(1), null, "{\"job\": {{__input__.job}}, \"previous\": null}"));
        for (int i = 2; i <= steps; i++) {
            String parent = step(i - 1);
            yaml.append(
                    stepYaml(step(i), parent, "{\"job\": {{__input__.job}}, \"previous\": {{" + parent + ".value}}}"));
        }
        return yaml.toString();
    }

    private static String stepYaml(String name, String requires, String input) {
        return "  - name: " + name + "\n"
                + "    activity: Work\n"
                + (requires == null ? "" : "    requires: [" + requires + "]\n")
                + "    input: |\n"
                + "      " + input + "\n";
    }

    /** A worker's result: about 150 characters of JSON. */
    private static String result(int i) {
        return String.format(
                Locale.ROOT,
                "{\"value\": %d, \"status\": \"done\", \"seconds\": %d.25, \"bytes\": %d,"
                        + " \"output\": \"s3://cpe-bench/jobs/7/part-%d.bin\", \"worker\": {\"host\": \"w%d\"}}",
                i,
                10 + i % 50,
                1_048_576L * (1 + i % 7),
                i,
                i % 8);
    }

    private static String part(int i) {
        return "part_" + i;
    }

    private static String step(int i) {
        return "step_" + i;
    }

    private static Plan parse(String yaml) {
        try {
            return PlanParser.parse("benchmark.yml", yaml);
        } catch (PlanException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + yaml, e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
