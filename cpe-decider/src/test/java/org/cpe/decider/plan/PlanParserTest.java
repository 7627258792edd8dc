package org.cpe.decider.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "plans/test.yml";

    /** A valid plan with one activity A and two steps, X then Y; pieces are replaced to make it invalid. */
    private static final String VALID =
            """
            name: wf
            version: "1"
            activities:
              - name: A
                version: "1"
            steps:
              - name: X
                activity: A
              - name: Y
                activity: A
                requires: [X]
            """;

    static String resource(String name) throws IOException {
        try (InputStream in = PlanParserTest.class.getResourceAsStream("/plans/" + name)) {
            assertThat(in).as("test resource plans/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<PlanProblem> problems(String yaml) {
        try {
            PlanParser.parse(SOURCE, yaml);
        } catch (PlanException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.getMessage()).contains(SOURCE);
            return e.problems();
        }
        return fail("the plan was accepted, but it should be rejected:\n" + yaml);
    }

    /** The one problem of a plan that has exactly one, with the test file as its source. */
    static PlanProblem problem(String yaml) {
        List<PlanProblem> problems = problems(yaml);
        assertThat(problems).as("problems").hasSize(1);
        PlanProblem problem = problems.get(0);
        assertThat(problem.source()).isEqualTo(SOURCE);
        return problem;
    }

    static void assertProblem(PlanProblem problem, String where, String reason) {
        assertThat(problem.source()).isEqualTo(SOURCE);
        assertThat(problem.where()).isEqualTo(where);
        assertThat(problem.reason()).contains(reason);
    }

    static Plan parse(String yaml) throws PlanException {
        return PlanParser.parse(SOURCE, yaml);
    }

    @Nested
    class OriginalExamples {

        @Test
        void cloudTranscodePlanWithoutTimeoutKeysIsAcceptedWithTheDefaults() throws Exception {
            Plan plan = PlanParser.parse("ct_plan.yml", resource("ct_plan.yml"));

            assertThat(plan.source()).isEqualTo("ct_plan.yml");
            assertThat(plan.key()).isEqualTo(new PlanKey("Transcode", "1.0"));
            assertThat(plan.executionStartToCloseTimeout()).isEqualTo("86400");
            assertThat(plan.taskStartToCloseTimeout()).isEqualTo("60");
            assertThat(plan.inputSpec()).isNotNull();
            assertThat(plan.activities()).containsOnlyKeys("ValidateAsset", "TranscodeAsset");
            for (ActivityDef activity : plan.activities().values()) {
                assertThat(activity.version()).isEqualTo("v2");
                assertThat(activity.taskList()).isEqualTo(activity.name() + "-v2");
                assertThat(activity.heartbeatTimeout()).isEqualTo("60");
                assertThat(activity.scheduleToCloseTimeout()).isEqualTo("518400");
                assertThat(activity.scheduleToStartTimeout()).isEqualTo("43200");
                assertThat(activity.startToCloseTimeout()).isEqualTo("432000");
                assertThat(activity.retry()).isEqualTo(RetryPolicy.NONE);
                assertThat(activity.inputSpec()).isNotNull();
            }
            assertThat(plan.activities().get("ValidateAsset").outputs()).containsOnlyKeys("metadata");
            assertThat(plan.activities().get("ValidateAsset").outputs().get("metadata"))
                    .hasToString("$");
            assertThat(plan.activities().get("TranscodeAsset").outputs()).isEmpty();

            assertThat(plan.steps())
                    .extracting(StepDef::name)
                    .containsExactly("ValidateAssetStep", "TranscodeAssetStep");
            StepDef validate = plan.step("ValidateAssetStep").orElseThrow();
            StepDef transcode = plan.step("TranscodeAssetStep").orElseThrow();
            assertThat(validate.activity().name()).isEqualTo("ValidateAsset");
            assertThat(validate.requires()).isEmpty();
            assertThat(validate.retry()).isEqualTo(RetryPolicy.NONE);
            assertThat(transcode.activity().name()).isEqualTo("TranscodeAsset");
            assertThat(transcode.requires())
                    .containsExactly(new Requirement("ValidateAssetStep", StepStatus.SUCCEEDED));
            assertThat(transcode.retry()).isEqualTo(RetryPolicy.NONE);
            assertThat(plan.lastSteps()).extracting(StepDef::name).containsExactly("TranscodeAssetStep");
            assertThat(plan.handlesFailureOf("ValidateAssetStep")).isFalse();
        }

        @Test
        void cloudTranscodeTemplatesRenderAnInputThatMeetsTheActivitysInputSpec() throws Exception {
            Plan plan = PlanParser.parse("ct_plan.yml", resource("ct_plan.yml"));
            Map<String, Object> input = Map.of(
                    "client", Map.of("name", "acme"),
                    "input_asset", Map.of("bucket", "in", "file", "a.mp4"),
                    "output_asset", Map.of("type", "VIDEO"));
            assertThat(plan.inputSpec().violations(JSON.valueToTree(input))).isEmpty();
            assertThat(plan.inputSpec().violations(JSON.readTree("[1]"))).isPresent();

            StepDef validate = plan.step("ValidateAssetStep").orElseThrow();
            String first = validate.input().render(Map.of("__input__", input));
            assertThat(JSON.readTree(first)).isEqualTo(JSON.valueToTree(input));

            StepDef transcode = plan.step("TranscodeAssetStep").orElseThrow();
            String second = transcode
                    .input()
                    .render(Map.of("__input__", input, "ValidateAssetStep", Map.of("metadata", Map.of("size", 42))));
            assertThat(JSON.readTree(second))
                    .isEqualTo(
                            JSON.readTree(
                                    """
                            {"client": {"name": "acme"},
                             "input_asset": {"bucket": "in", "file": "a.mp4"},
                             "input_asset_metadata": {"size": 42},
                             "output_asset": {"type": "VIDEO"}}
                            """));
            assertThat(transcode.activity().inputSpec().violations(JSON.readTree(second)))
                    .isEmpty();
            assertThat(transcode.activity().inputSpec().violations(JSON.readTree("{\"client\": {}}")))
                    .hasValueSatisfying(v -> assertThat(v).contains("input_asset"));
        }

        @Test
        void simplePlanWithParallelStepsAndFanInIsAccepted() throws Exception {
            Plan plan = PlanParser.parse("plan_simple.yml", resource("plan_simple.yml"));

            assertThat(plan.steps()).extracting(StepDef::name).containsExactly("MyStep1", "MyStep2", "MyStep3");
            assertThat(plan.step("MyStep1").orElseThrow().requires()).isEmpty();
            assertThat(plan.step("MyStep2").orElseThrow().requires()).isEmpty();
            assertThat(plan.step("MyStep3").orElseThrow().requires())
                    .containsExactly(
                            new Requirement("MyStep1", StepStatus.COMPLETED),
                            new Requirement("MyStep2", StepStatus.COMPLETED));
            Map<String, OutputPath> outputs = plan.activities().get("MyAct1").outputs();
            assertThat(outputs).containsOnlyKeys("__all__", "value1", "value2");
            assertThat(outputs.get("__all__")).hasToString("$");
            assertThat(outputs.get("value1")).hasToString("$.foo.bar.baz");
            assertThat(outputs.get("value2")).hasToString("$.foo");
            assertThat(plan.lastSteps()).extracting(StepDef::name).containsExactly("MyStep3");
            assertThat(plan.executionStartToCloseTimeout()).isEqualTo("86400");
            assertThat(plan.taskStartToCloseTimeout()).isEqualTo("60");
        }

        @Test
        void simplePlanOutputsSpecExtractsTheDocumentedValues() throws Exception {
            Plan plan = PlanParser.parse("plan_simple.yml", resource("plan_simple.yml"));
            Map<String, OutputPath> outputs = plan.activities().get("MyAct1").outputs();
            var result = JSON.readTree("{\"foo\": {\"bar\": {\"baz\": 3}}}");

            assertThat(outputs.get("__all__").apply(result)).isEqualTo(result);
            assertThat(outputs.get("value1").apply(result).asInt()).isEqualTo(3);
            assertThat(outputs.get("value2").apply(result)).isEqualTo(result.get("foo"));
        }
    }

    @Nested
    class Accepted {

        @Test
        void explicitTimeoutsTaskListAndNumbersWrittenAsYamlNumbersAreKept() throws Exception {
            Plan plan = parse(
                    """
                    name: wf
                    version: "2.1"
                    description: a plan with every timeout set
                    default_execution_start_to_close_timeout: 3600
                    default_task_start_to_close_timeout: "NONE"
                    activities:
                      - name: A
                        version: "1"
                        task_list: shared
                        heartbeat_timeout: 30
                        schedule_to_close_timeout: "900"
                        schedule_to_start_timeout: NONE
                        start_to_close_timeout: " 600 "
                    steps:
                      - name: X
                        activity: A
                    """);

            assertThat(plan.executionStartToCloseTimeout()).isEqualTo("3600");
            assertThat(plan.taskStartToCloseTimeout()).isEqualTo("NONE");
            ActivityDef a = plan.activities().get("A");
            assertThat(a.taskList()).isEqualTo("shared");
            assertThat(a.heartbeatTimeout()).isEqualTo("30");
            assertThat(a.scheduleToCloseTimeout()).isEqualTo("900");
            assertThat(a.scheduleToStartTimeout()).isEqualTo("NONE");
            assertThat(a.startToCloseTimeout()).isEqualTo("600");
            assertThat(plan.step("X").orElseThrow().input()).isNull();
        }

        @Test
        void noneIsAllowedForEveryActivityTimeout() throws Exception {
            Plan plan = parse(
                    VALID.replace(
                            "    version: \"1\"\n",
                            """
                        version: "1"
                        heartbeat_timeout: NONE
                        schedule_to_close_timeout: NONE
                        schedule_to_start_timeout: NONE
                        start_to_close_timeout: NONE
                    """));

            ActivityDef a = plan.activities().get("A");
            assertThat(List.of(
                            a.heartbeatTimeout(),
                            a.scheduleToCloseTimeout(),
                            a.scheduleToStartTimeout(),
                            a.startToCloseTimeout()))
                    .containsOnly("NONE");
        }

        @Test
        void aPlainRequirementWaitsForCompletedAndAPairNamesTheStatus() throws Exception {
            Plan plan = parse(
                    """
                    name: wf
                    version: "1"
                    activities:
                      - {name: A, version: "1"}
                    steps:
                      - {name: S, activity: A}
                      - {name: T, activity: A, requires: [S]}
                      - {name: OnFail, activity: A, requires: [[S, failed]]}
                      - {name: OnSkip, activity: A, requires: [[T, skipped]]}
                      - {name: OnOk, activity: A, requires: [[T, succeeded]]}
                    """);

            assertThat(plan.step("T").orElseThrow().requires())
                    .containsExactly(new Requirement("S", StepStatus.COMPLETED));
            assertThat(plan.step("OnFail").orElseThrow().requires())
                    .containsExactly(new Requirement("S", StepStatus.FAILED));
            assertThat(plan.step("OnSkip").orElseThrow().requires())
                    .containsExactly(new Requirement("T", StepStatus.SKIPPED));
            assertThat(plan.step("OnOk").orElseThrow().requires())
                    .containsExactly(new Requirement("T", StepStatus.SUCCEEDED));
            assertThat(plan.handlesFailureOf("S")).isTrue();
            assertThat(plan.handlesFailureOf("T")).isFalse();
        }

        @Test
        void aTemplateApplyingFirstToTheInputIsAccepted() throws Exception {
            Plan plan = parse(VALID.replace(
                    "requires: [X]",
                    "requires: [X]\n    input: '{\"a\": {{ __input__.items|first }}, \"x\": {{ X.v }}}'"));

            String rendered = plan.step("Y")
                    .orElseThrow()
                    .input()
                    .render(Map.of("__input__", Map.of("items", List.of(5, 6)), "X", Map.of("v", "w")));
            assertThat(JSON.readTree(rendered)).isEqualTo(JSON.readTree("{\"a\": 5, \"x\": \"w\"}"));
        }

        @Test
        void anInputGivenAsAYamlMappingIsTakenAsItsJson() throws Exception {
            Plan plan = parse(
                    VALID.replace("activity: A\n  - name: Y", "activity: A\n    input: {a: 1, b: [x]}\n  - name: Y"));

            String rendered = plan.step("X").orElseThrow().input().render(Map.of());
            assertThat(JSON.readTree(rendered)).isEqualTo(JSON.readTree("{\"a\": 1, \"b\": [\"x\"]}"));
        }

        @Test
        void aTemplateMayUseAnyMemberOfARequiredStepAndOfTheInputWithFilters() throws Exception {
            Plan plan = parse(
                    VALID.replace(
                            "requires: [X]",
                            """
                    requires: [X]
                        input: |
                          {"a": {{ X.anything.deep }}, "n": {{ __input__.name|upper }},
                           "l": {{ __input__.items|length }}}
                    """));

            assertThat(plan.step("Y").orElseThrow().input()).isNotNull();
        }
    }

    @Nested
    class Rejected {

        @Test
        void anUnquotedVersionIsRejectedWithAdviceToQuoteIt() {
            PlanProblem problem = problem(VALID.replace("version: \"1\"\nactivities", "version: 1.0\nactivities"));

            assertThat(problem.where()).isEmpty();
            assertThat(problem.reason())
                    .contains("'version' must be a string")
                    .contains("quote it")
                    .contains("version: \"1.0\"");
            assertThat(problem.toString()).isEqualTo(SOURCE + ": " + problem.reason());
        }

        @Test
        void anUnquotedActivityVersionIsRejectedAtTheActivity() {
            PlanProblem problem = problem(VALID.replace("    version: \"1\"", "    version: 2"));

            assertThat(problem.where()).isEqualTo("activities[0] 'A'");
            assertThat(problem.reason()).contains("'version' must be a string").contains("quote it");
        }

        @Test
        void anUnknownTopLevelKeyIsRejected() {
            PlanProblem problem = problem("timeout: 5\n" + VALID);

            assertThat(problem.where()).isEmpty();
            assertThat(problem.reason())
                    .contains("unknown key 'timeout'")
                    .contains("allowed:")
                    .contains("steps");
        }

        @Test
        void unknownKeysInActivitiesStepsAndRetryAreRejectedWhereTheyAre() {
            List<PlanProblem> problems =
                    problems(VALID.replace("    version: \"1\"", "    version: \"1\"\n    colour: red")
                            .replace("requires: [X]", "requires: [X]\n    retries: 3\n    retry: {attempts: 2}"));

            assertThat(problems)
                    .anySatisfy(p -> assertProblem(p, "activities[0] 'A'", "unknown key 'colour'"))
                    .anySatisfy(p -> assertProblem(p, "steps[1] 'Y'", "unknown key 'retries'"))
                    .anySatisfy(p -> assertProblem(p, "steps[1] 'Y': retry", "unknown key 'attempts'"))
                    .hasSize(3);
        }

        @Test
        void aStepWithAnUnknownActivityIsRejected() {
            PlanProblem problem =
                    problem(VALID.replace("  - name: Y\n    activity: A", "  - name: Y\n    activity: B"));

            assertThat(problem.where()).isEqualTo("steps[1] 'Y'");
            assertThat(problem.reason()).contains("unknown activity 'B'").contains("A");
        }

        @Test
        void aRequirementCycleIsRejected() {
            PlanProblem problem = problem(
                    """
                    name: wf
                    version: "1"
                    activities: [{name: Act, version: "1"}]
                    steps:
                      - {name: Start, activity: Act}
                      - {name: A, activity: Act, requires: [Start, B]}
                      - {name: B, activity: Act, requires: [[A, succeeded]]}
                    """);

            assertThat(problem.where()).isIn("steps[1] 'A'", "steps[2] 'B'");
            assertThat(problem.reason()).contains("cycle").containsAnyOf("A -> B -> A", "B -> A -> B");
        }

        @Test
        void aStepRequiringItselfIsRejected() {
            List<PlanProblem> problems = problems(VALID.replace("requires: [X]", "requires: [Y]"));

            assertThat(problems).anySatisfy(p -> {
                assertThat(p.where()).isEqualTo("steps[1] 'Y'");
                assertThat(p.reason()).contains("requires itself");
            });
        }

        @Test
        void aRequirementOfAnUnknownStepIsRejected() {
            PlanProblem problem = problem(VALID.replace("requires: [X]", "requires: [X, Z]"));

            assertThat(problem.where()).isEqualTo("steps[1] 'Y'");
            assertThat(problem.reason()).contains("requires unknown step 'Z'");
        }

        @Test
        void aTemplateUsingAStepThatIsNotInItsRequiresIsRejected() {
            PlanProblem problem = problem(
                    """
                    name: wf
                    version: "1"
                    activities: [{name: A, version: "1"}]
                    steps:
                      - {name: X, activity: A}
                      - name: Y
                        activity: A
                        input: |
                          {"x": {{ X.value }}, "in": {{ __input__.job }}}
                    """);

            assertThat(problem.where()).isEqualTo("steps[1] 'Y'");
            assertThat(problem.reason()).contains("input uses step 'X'").contains("not in its requires");
        }

        @Test
        void aTemplateUsingAnUnknownNameIsRejected() {
            PlanProblem problem = problem(VALID.replace(
                    "requires: [X]", "requires: [X]\n    input: '{\"a\": {{ X.a }}, \"b\": {{ nobody.b }}}'"));

            assertThat(problem.where()).isEqualTo("steps[1] 'Y'");
            assertThat(problem.reason())
                    .contains("input uses 'nobody'")
                    .contains("neither __input__ nor a required step");
        }

        @Test
        void everyUnknownNameOfATemplateIsReported() {
            List<PlanProblem> problems = problems(VALID.replace(
                    "requires: [X]",
                    "requires: [X]\n    input: '[{{ first.a }}, {{ X.b }}, {{ second }}, {{ first.c }}]'"));

            assertThat(problems)
                    .anySatisfy(p -> assertProblem(p, "steps[1] 'Y'", "input uses 'first'"))
                    .anySatisfy(p -> assertProblem(p, "steps[1] 'Y'", "input uses 'second'"))
                    .hasSize(2);
        }

        @Test
        void aTemplateWithASyntaxErrorIsRejected() {
            PlanProblem problem = problem(VALID.replace("requires: [X]", "requires: [X]\n    input: '{% if %}x'"));

            assertThat(problem.where()).isEqualTo("steps[1] 'Y'");
            assertThat(problem.reason()).contains("input is not a valid template");
        }

        @Test
        void anInvalidJsonSchemaInThePlansInputSpecIsRejected() {
            PlanProblem problem = problem("input_spec:\n  type: 12\n" + VALID);

            assertThat(problem.where()).isEmpty();
            assertThat(problem.reason()).contains("'input_spec' is not a valid JSON Schema");
        }

        @Test
        void anInvalidJsonSchemaInAnActivitysInputSpecIsRejected() {
            PlanProblem problem =
                    problem(VALID.replace("    version: \"1\"", "    version: \"1\"\n    input_spec: {type: 12}"));

            assertThat(problem.where()).isEqualTo("activities[0] 'A'");
            assertThat(problem.reason()).contains("'input_spec' is not a valid JSON Schema");
        }

        @Test
        void anInputSpecThatIsNotAMappingIsRejected() {
            PlanProblem problem = problem("input_spec: object\n" + VALID);

            assertThat(problem.where()).isEmpty();
            assertThat(problem.reason()).contains("'input_spec' must be a JSON Schema");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-5", "abc", "0", "1.5", "31536001", "\"\"", "[60]"})
        void anActivityTimeoutThatIsNotAPositiveWholeNumberOfSecondsIsRejected(String value) {
            PlanProblem problem =
                    problem(VALID.replace("    version: \"1\"", "    version: \"1\"\n    heartbeat_timeout: " + value));

            assertThat(problem.where()).isEqualTo("activities[0] 'A'");
            assertThat(problem.reason())
                    .contains("'heartbeat_timeout' must be a whole number of seconds from 1 to 31536000 or NONE");
        }

        @Test
        void theRejectedTimeoutValueIsQuoted() {
            PlanProblem problem =
                    problem(VALID.replace("    version: \"1\"", "    version: \"1\"\n    start_to_close_timeout: -5"));

            assertThat(problem.reason()).endsWith("not '-5'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-5", "abc", "0", "NONE"})
        void aDefaultExecutionTimeoutThatIsNotAPositiveWholeNumberOfSecondsIsRejected(String value) {
            PlanProblem problem = problem("default_execution_start_to_close_timeout: " + value + "\n" + VALID);

            assertThat(problem.where()).isEmpty();
            assertThat(problem.reason())
                    .contains("'default_execution_start_to_close_timeout' must be a whole number of seconds")
                    .doesNotContain("or NONE")
                    .endsWith("not '" + value + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-5", "abc", "0"})
        void aDefaultTaskTimeoutThatIsNotAPositiveWholeNumberOfSecondsOrNoneIsRejected(String value) {
            PlanProblem problem = problem("default_task_start_to_close_timeout: " + value + "\n" + VALID);

            assertThat(problem.where()).isEmpty();
            assertThat(problem.reason())
                    .contains("'default_task_start_to_close_timeout' must be")
                    .contains("or NONE");
        }

        @Test
        void aStartToCloseTimeoutLongerThanTheScheduleToCloseTimeoutIsRejected() {
            PlanProblem problem = problem(VALID.replace(
                    "    version: \"1\"",
                    "    version: \"1\"\n    schedule_to_close_timeout: 300\n    start_to_close_timeout: \"600\""));

            assertThat(problem.where()).isEqualTo("activities[0] 'A'");
            assertThat(problem.reason())
                    .contains("start_to_close_timeout (600) is longer than schedule_to_close_timeout (300)");
        }

        @Test
        void aStartToCloseTimeoutLongerThanTheDefaultScheduleToCloseTimeoutIsRejected() {
            PlanProblem problem = problem(
                    VALID.replace("    version: \"1\"", "    version: \"1\"\n    start_to_close_timeout: 600000"));

            assertThat(problem.reason()).contains("is longer than schedule_to_close_timeout (518400)");
        }

        @Test
        void evalStepsAreRejectedAsNotSupported() {
            PlanProblem problem =
                    problem(VALID.replace("  - name: Y\n    activity: A", "  - name: Y\n    eval: \"{{ X.a }}\""));

            assertThat(problem.where()).isEqualTo("steps[1] 'Y'");
            assertThat(problem.reason()).contains("'eval' steps are not supported");
        }

        @Test
        void anUnknownRequirementStatusIsRejected() {
            PlanProblem problem = problem(VALID.replace("requires: [X]", "requires: [[X, suceeded]]"));

            assertThat(problem.where()).isEqualTo("steps[1] 'Y'");
            assertThat(problem.reason())
                    .contains("unknown status 'suceeded'")
                    .contains("completed, succeeded, failed or skipped");
        }

        @Test
        void aRequirementThatIsNeitherANameNorAPairIsRejected() {
            PlanProblem problem = problem(VALID.replace("requires: [X]", "requires: [[X, completed, again]]"));

            assertThat(problem.where()).isEqualTo("steps[1] 'Y'");
            assertThat(problem.reason()).contains("neither a step name nor a [name, status] pair");
        }

        @Test
        void duplicateStepNamesAreRejected() {
            PlanProblem problem = problem(VALID.replace("  - name: Y", "  - name: X"));

            assertThat(problem.where()).startsWith("steps[1]");
            assertThat(problem.reason()).contains("a second step named 'X'");
        }

        @Test
        void duplicateActivityNamesAreRejected() {
            PlanProblem problem = problem(VALID.replace("steps:", "  - {name: A, version: \"2\"}\nsteps:"));

            assertThat(problem.where()).isEqualTo("activities[1] 'A'");
            assertThat(problem.reason()).contains("a second activity named 'A'");
        }

        @Test
        void aStepNameThatIsNotAnSwfActivityIdIsRejected() {
            PlanProblem problem = problem(VALID.replace("name: Y", "name: \"a:b\""));

            assertThat(problem.where()).startsWith("steps[1]");
            assertThat(problem.reason()).contains("step name 'a:b' is not usable as an SWF activityId");
        }

        @Test
        void anOutputsSpecKeyWithAHyphenIsRejected() {
            PlanProblem problem = problem(VALID.replace(
                    "    version: \"1\"", "    version: \"1\"\n    outputs_spec:\n      home-address: \"$.address\""));

            assertThat(problem.where()).isEqualTo("activities[0] 'A': outputs_spec.home-address");
            assertThat(problem.reason()).contains("letters, digits and underscores");
        }

        @Test
        void anOutputsSpecPathThatIsNotSupportedIsRejected() {
            PlanProblem problem = problem(VALID.replace(
                    "    version: \"1\"", "    version: \"1\"\n    outputs_spec:\n      city: \"$.address.where(x)\""));

            assertThat(problem.where()).isEqualTo("activities[0] 'A': outputs_spec.city");
            assertThat(problem.reason()).contains("unsupported output path");
        }

        @Test
        void invalidYamlIsRejectedWithItsLine() {
            PlanProblem problem = problem("name: wf\nversion: \"1\"\nsteps: [unclosed\n");

            assertThat(problem.where()).startsWith("line ");
            assertThat(problem.reason()).startsWith("not valid YAML");
        }

        @Test
        void aDuplicateKeyIsRejectedAsInvalidYaml() {
            PlanProblem problem = problem("name: wf\n" + VALID);

            assertThat(problem.reason()).startsWith("not valid YAML").contains("name");
        }

        @Test
        void aDocumentThatIsNotAMappingIsRejected() {
            assertThat(problem("- just\n- a list\n").reason()).contains("a plan is a YAML mapping");
            assertThat(problem("").reason()).contains("a plan is a YAML mapping");
        }

        @Test
        void missingNameActivitiesAndStepsAreEachReported() {
            List<PlanProblem> problems = problems("version: \"1\"\n");

            assertThat(problems)
                    .extracting(PlanProblem::reason)
                    .anySatisfy(r -> assertThat(r).contains("'name' is required"))
                    .anySatisfy(r -> assertThat(r).contains("'activities' is required"))
                    .anySatisfy(r -> assertThat(r).contains("'steps' is required"))
                    .hasSize(3);
        }

        @Test
        void aRetryWithABackoffCoefficientBelowOneIsRejected() {
            PlanProblem problem = problem(
                    VALID.replace("    version: \"1\"", "    version: \"1\"\n    retry: {backoff_coefficient: 0.5}"));

            assertThat(problem.where()).isEqualTo("activities[0] 'A': retry.backoff_coefficient");
            assertThat(problem.reason()).contains("must be at least 1");
        }

        @Test
        void aRetryWithAMaximumIntervalShorterThanTheInitialIntervalIsRejected() {
            PlanProblem problem = problem(VALID.replace(
                    "requires: [X]", "requires: [X]\n    retry: {initial_interval: 10, maximum_interval: 5}"));

            assertThat(problem.where()).isEqualTo("steps[1] 'Y': retry.maximum_interval");
            assertThat(problem.reason()).contains("must not be shorter than initial_interval");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "1.5", "\"3\""})
        void aRetryWhoseMaximumAttemptsIsNotAPositiveWholeNumberIsRejected(String value) {
            PlanProblem problem = problem(
                    VALID.replace("requires: [X]", "requires: [X]\n    retry: {maximum_attempts: " + value + "}"));

            assertThat(problem.where()).isEqualTo("steps[1] 'Y': retry.maximum_attempts");
            assertThat(problem.reason()).contains("must be a whole number of 1 or more");
        }

        @Test
        void severalProblemsAreReportedAtOnce() {
            String yaml =
                    """
                    name: wf
                    version: 1.0
                    extra: true
                    activities:
                      - name: A
                        version: "1"
                        heartbeat_timeout: abc
                    steps:
                      - {name: X, activity: Nope}
                      - {name: Y, activity: A, requires: [[X, suceeded]]}
                    """;
            List<PlanProblem> problems = problems(yaml);

            assertThat(problems).allSatisfy(p -> assertThat(p.source()).isEqualTo(SOURCE));
            assertThat(problems)
                    .extracting(PlanProblem::toString)
                    .anySatisfy(p -> assertThat(p).contains("'version' must be a string"))
                    .anySatisfy(p -> assertThat(p).contains("unknown key 'extra'"))
                    .anySatisfy(p -> assertThat(p).contains("activities[0] 'A': 'heartbeat_timeout'"))
                    .anySatisfy(p -> assertThat(p).contains("steps[0] 'X': unknown activity 'Nope'"))
                    .anySatisfy(p -> assertThat(p).contains("steps[1] 'Y': requirement [X, suceeded]"))
                    .hasSize(5);
            try {
                PlanParser.parse(SOURCE, yaml);
            } catch (PlanException e) {
                assertThat(e.getMessage().split("; " + SOURCE)).hasSize(5);
            }
        }
    }

    @Nested
    class Retry {

        private static final String WITH_RETRY =
                """
                name: wf
                version: "1"
                activities:
                  - name: A
                    version: "1"
                    retry:
                      maximum_attempts: 4
                      initial_interval: 2
                      backoff_coefficient: 3
                      maximum_interval: 10
                      non_retryable_reasons: [BAD_INPUT, NO_INPUT]
                  - name: B
                    version: "1"
                steps:
                  - name: Inherits
                    activity: A
                  - name: Overrides
                    activity: A
                    retry:
                      maximum_attempts: 2
                      initial_interval: 0.5
                  - name: NoRetry
                    activity: B
                  - name: Empty
                    activity: B
                    retry: {}
                """;

        @Test
        void anActivitysRetryIsParsed() throws Exception {
            RetryPolicy retry = parse(WITH_RETRY).activities().get("A").retry();

            assertThat(retry.maximumAttempts()).isEqualTo(4);
            assertThat(retry.initialInterval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(retry.backoffCoefficient()).isEqualTo(3.0);
            assertThat(retry.maximumInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(retry.nonRetryableReasons()).containsExactlyInAnyOrder("BAD_INPUT", "NO_INPUT");
        }

        @Test
        void aStepWithoutRetryInheritsItsActivitysRetry() throws Exception {
            Plan plan = parse(WITH_RETRY);

            assertThat(plan.step("Inherits").orElseThrow().retry())
                    .isEqualTo(plan.activities().get("A").retry());
        }

        @Test
        void aStepsRetryReplacesItsActivitysRetry() throws Exception {
            RetryPolicy retry =
                    parse(WITH_RETRY).step("Overrides").orElseThrow().retry();

            assertThat(retry.maximumAttempts()).isEqualTo(2);
            assertThat(retry.initialInterval()).isEqualTo(Duration.ofMillis(500));
            assertThat(retry.backoffCoefficient()).isEqualTo(2.0);
            assertThat(retry.maximumInterval()).isEqualTo(Duration.ofSeconds(50));
            assertThat(retry.nonRetryableReasons()).isEmpty();
        }

        @Test
        void withoutAnyRetryAStepIsTriedOnce() throws Exception {
            RetryPolicy retry = parse(WITH_RETRY).step("NoRetry").orElseThrow().retry();

            assertThat(retry).isEqualTo(RetryPolicy.NONE);
            assertThat(retry.retries(1, "ANY")).isFalse();
        }

        @Test
        void anEmptyRetryMappingGivesThreeAttemptsWithDoublingFromOneSecondUpToOneHundred() throws Exception {
            RetryPolicy retry = parse(WITH_RETRY).step("Empty").orElseThrow().retry();

            assertThat(retry)
                    .isEqualTo(new RetryPolicy(
                            3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(100), java.util.Set.of()));
        }

        @Test
        void aRetryThatIsNotAMappingIsRejected() {
            PlanProblem problem = problem(VALID.replace("requires: [X]", "requires: [X]\n    retry: 3"));

            assertThat(problem.where()).isEqualTo("steps[1] 'Y': retry");
            assertThat(problem.reason()).contains("must be a mapping");
        }
    }
}
