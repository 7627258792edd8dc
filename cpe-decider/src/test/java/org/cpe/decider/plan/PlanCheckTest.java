package org.cpe.decider.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCheckTest {

    private static final String DIAMOND =
            """
            name: diamond
            version: "2"
            activities:
              - name: A
                version: "1"
              - name: B
                version: "3"
                task_list: b-list
            steps:
              - name: start
                activity: A
              - name: left
                activity: A
                requires: [start]
              - name: right
                activity: B
                requires: [start]
              - name: join
                activity: A
                requires: [left, [right, succeeded]]
              - name: rescue
                activity: A
                requires: [[right, failed]]
            """;

    @Test
    void aValidPlanGetsItsStepGraphWithStagesAndLastSteps() {
        PlanCheck.Verdict verdict = PlanCheck.check("diamond.yml", DIAMOND);

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.name()).isEqualTo("diamond");
        assertThat(verdict.version()).isEqualTo("2");
        PlanCheck.Graph graph = verdict.graph();
        assertThat(graph.steps())
                .contains(
                        new PlanCheck.Node("start", "A", "1", "A-1"), new PlanCheck.Node("right", "B", "3", "b-list"));
        assertThat(graph.edges())
                .containsExactly(
                        new PlanCheck.Edge("start", "left", "completed"),
                        new PlanCheck.Edge("start", "right", "completed"),
                        new PlanCheck.Edge("left", "join", "completed"),
                        new PlanCheck.Edge("right", "join", "succeeded"),
                        new PlanCheck.Edge("right", "rescue", "failed"));
        assertThat(graph.stages())
                .containsExactly(List.of("start"), List.of("left", "right"), List.of("join", "rescue"));
        assertThat(graph.lastSteps()).containsExactly("join", "rescue");
    }

    @Test
    void anInvalidPlanGetsEveryProblemWithItsPlaceAndNoGraph() {
        String yaml = DIAMOND.replace("requires: [start]\n  - name: right", "requires: [join]\n  - name: right")
                .replace("activity: B\n    requires: [start]", "activity: C\n    requires: [start]");

        PlanCheck.Verdict verdict = PlanCheck.check("broken.yml", yaml);

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.graph()).isNull();
        assertThat(verdict.problems()).allMatch(p -> p.source().equals("broken.yml"));
        assertThat(verdict.problems())
                .anySatisfy(p -> assertThat(p.reason()).contains("cycle"))
                .anySatisfy(p -> {
                    assertThat(p.where()).contains("right");
                    assertThat(p.reason()).contains("C");
                });
    }

    @Test
    void textThatIsNotYamlIsOneProblemWithItsLine() {
        PlanCheck.Verdict verdict = PlanCheck.check("bad.yml", "name: [unclosed\nversion: 1\n");

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).startsWith("not valid YAML");
            assertThat(p.where()).startsWith("line ");
        });
    }
}
