package org.cpe.decider.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a plan's YAML text as the Decider would load it and describes the result: the verdict, every problem with
 * where it is, and for a valid plan its step graph. Shared by the REST plan check and the command-line client.
 */
public final class PlanCheck {

    private PlanCheck() {}

    /** The verdict on one plan text; {@code graph} is null when the plan is invalid. */
    public record Verdict(
            boolean valid, String source, String name, String version, List<PlanProblem> problems, Graph graph) {

        public Verdict {
            problems = List.copyOf(problems);
        }
    }

    /**
     * A valid plan's steps and the requirements between them. {@code stages} groups the steps by depth: the first
     * stage needs nothing, each later one needs only steps of the stages before it, and the steps of one stage may run
     * side by side.
     */
    public record Graph(List<Node> steps, List<Edge> edges, List<List<String>> stages, List<String> lastSteps) {

        public Graph {
            steps = List.copyOf(steps);
            edges = List.copyOf(edges);
            stages = List.copyOf(stages);
            lastSteps = List.copyOf(lastSteps);
        }
    }

    /** A step: the activity type it runs and the task list it is scheduled on. */
    public record Node(String name, String activity, String activityVersion, String taskList) {}

    /** Step {@code to} waits until step {@code from} has ended with {@code status}. */
    public record Edge(String from, String to, String status) {}

    /** Checks the YAML text of the plan file {@code source}. */
    public static Verdict check(String source, String yaml) {
        try {
            return describe(PlanParser.parse(source, yaml));
        } catch (PlanException e) {
            return new Verdict(false, source, null, null, e.problems(), null);
        }
    }

    /** The verdict on a plan that loaded. */
    public static Verdict describe(Plan plan) {
        return new Verdict(true, plan.source(), plan.name(), plan.version(), List.of(), graph(plan));
    }

    private static Graph graph(Plan plan) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (StepDef step : plan.steps()) {
            ActivityDef activity = step.activity();
            nodes.add(new Node(step.name(), activity.name(), activity.version(), activity.taskList()));
            step.requires()
                    .forEach(r ->
                            edges.add(new Edge(r.step(), step.name(), r.status().yamlName())));
        }
        List<String> last = plan.lastSteps().stream().map(StepDef::name).toList();
        return new Graph(nodes, edges, stages(plan), last);
    }

    /** Each step's depth is one more than its deepest requirement's; the parser has already ruled out cycles. */
    private static List<List<String>> stages(Plan plan) {
        Map<String, Integer> depth = new HashMap<>();
        List<List<String>> stages = new ArrayList<>();
        for (StepDef step : plan.steps()) {
            int d = depth(plan, step, depth);
            while (stages.size() <= d) {
                stages.add(new ArrayList<>());
            }
            stages.get(d).add(step.name());
        }
        return stages.stream().map(List::copyOf).toList();
    }

    private static int depth(Plan plan, StepDef step, Map<String, Integer> depth) {
        Integer known = depth.get(step.name());
        if (known != null) {
            return known;
        }
        int d = 0;
        for (Requirement requirement : step.requires()) {
            StepDef parent = plan.step(requirement.step()).orElseThrow();
            d = Math.max(d, depth(plan, parent, depth) + 1);
        }
        depth.put(step.name(), d);
        return d;
    }
}
